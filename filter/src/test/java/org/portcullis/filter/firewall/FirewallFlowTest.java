package org.portcullis.filter.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.portcullis.filter.testing.Container;
import org.portcullis.filter.testing.GuardedServers;
import org.portcullis.filter.testing.Http;
import org.portcullis.filter.testing.LegacyServlets;

/**
 * Attacks on the request firewall, the method rules and the token shape, over real HTTP on Jetty and
 * Tomcat. The notes servlet here is a legacy one that honours {@code X-HTTP-Method-Override},
 * {@code X-HTTP-Method}, {@code X-Method-Override} and {@code _method}, as many old hosts do.
 */
@Tag("database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FirewallFlowTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String ROUTES = """
            /notes             = note
            /notes/{id}        = note
            /notes/{id}/export = note:execute
            """;

    private GuardedServers servers;

    @BeforeAll
    void start() throws Exception {
        Map<String, HttpServlet> servlets = LegacyServlets.withNotes();
        HttpServlet notes = new MethodOverriding(servlets.get("/notes"));
        servlets.put("/notes", notes);
        servlets.put("/notes/*", notes);
        servlets.put("/host-permissions", new LegacyServlets.HostPermissions());
        servers = GuardedServers.start(ROUTES, servlets);
    }

    @AfterAll
    void stop() throws Exception {
        if (servers != null) {
            servers.close();
        }
    }

    /** A legacy servlet that runs the method a client asks for in a header or {@code _method}, not the real one. */
    static final class MethodOverriding extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final HttpServlet target;

        MethodOverriding(HttpServlet target) {
            this.target = target;
        }

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response)
                throws ServletException, IOException {
            String asked = request.getHeader("X-HTTP-Method-Override");
            for (String other : List.of("X-HTTP-Method", "X-Method-Override")) {
                asked = asked != null ? asked : request.getHeader(other);
            }
            asked = asked != null ? asked : request.getParameter("_method");
            String method = asked == null ? request.getMethod() : asked;
            target.service(new HttpServletRequestWrapper(request) {
                @Override
                public String getMethod() {
                    return method;
                }
            }, response);
        }

        @Override
        public void init(jakarta.servlet.ServletConfig config) throws ServletException {
            super.init(config);
            target.init(config);
        }
    }

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    private static String noteOf(Http http, String token) {
        HttpResponse<String> created = http.post("/notes", "secret", bearer(token));
        assertEquals(201, created.statusCode(), created.body());
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static String user(Http http) {
        return http.newUser("u-" + UUID.randomUUID() + "@example.com", PASSWORD);
    }

    /** 400, from Portcullis ({@code bad_path}) or from the container itself; never the host servlet. */
    private static void assertRefusedBeforeTheHost(RawHttp reply, String target) {
        assertEquals(400, reply.status(), target + " -> " + reply.body());
        assertFalse(reply.body().contains("host 404") || reply.body().contains("|"), target + " reached the host");
        if (reply.body().startsWith("[")) {
            assertEquals("bad_path", Http.json(reply.body()).path(0).path("Attributes").path("code").asText(), target);
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void rawUriWhenItSmugglesAPathThenRefusedOnGuardedAndUnguardedPathsAlike(Container container) {
        for (String target : List.of("/whoami/..;/notes/1", "/whoami/.;/notes", "/x/..;/whoami", "/notes/%2e%2e/whoami",
                "/notes/%2E/1", "/whoami/%2e", "/whoami%2fx", "/whoami%2F..%2Fnotes", "/notes%5c1", "/notes%5C1",
                "/whoami%25", "/notes/1%252F2", "/notes\\1")) {
            assertRefusedBeforeTheHost(RawHttp.send(servers.http(container).base(), "GET", target), target);
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void guardedPathWhenNotPlainThenBadPathWhileTheSameOnAnUnguardedPathPasses(Container container) {
        Http http = servers.http(container);
        String alice = user(http);
        String id = noteOf(http, alice);
        String auth = "Authorization: Bearer " + alice;
        for (String target : List.of("/notes/" + id + ";x=y", "/notes;jsessionid=1/" + id, "/notes//" + id,
                "/notes/./" + id, "/notes/x/../" + id, "/notes/" + id + "%3Bx", "/notes/%C3%A9", "/notes/1%E2%80%A8",
                "/notes/1%09", "/whoami%3b/../notes")) {
            RawHttp reply = RawHttp.send(http.base(), "GET", target, auth);
            assertRefusedBeforeTheHost(reply, target);
        }
        assertEquals(200, RawHttp.send(http.base(), "GET", "/notes/" + id, auth).status(), "the plain spelling");
        assertEquals(200, RawHttp.send(http.base(), "GET", "/notes/", auth).status(), "a trailing slash");
        assertEquals(200, RawHttp.send(http.base(), "GET", "/whoami;jsessionid=1").status(), "unguarded: ';' allowed");
        assertEquals(404, RawHttp.send(http.base(), "GET", "/caf%C3%A9").status(), "unguarded: non-ASCII allowed");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void forwardWhenToAGuardedPathWithAnEmptySegmentThenNeverUncheckedAccess(Container container) {
        Http http = servers.http(container);
        String alice = user(http);
        String id = noteOf(http, alice);
        String bob = user(http);
        for (String to : List.of("/notes//" + id, "/notes/./" + id, "/notes/" + id + "/.")) {
            HttpResponse<String> reply = http.get("/dispatch?to=" + to, bearer(bob));
            // Tomcat normalises the dispatch path and the guard refuses bob; Jetty keeps "//" and the firewall does.
            assertTrue(reply.statusCode() == 400 || reply.statusCode() == 403, to + " -> " + reply.statusCode());
            assertFalse(reply.body().contains("secret"), to);
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void traceWhenOnAGuardedPathThenRefusedEvenWhereTheRouteNamesItsOwnPermission(Container container) {
        Http http = servers.http(container);
        String alice = user(http);
        String id = noteOf(http, alice);
        for (String path : List.of("/notes", "/notes/" + id, "/notes/" + id + "/export")) {
            RawHttp reply = RawHttp.send(http.base(), "TRACE", path, "Authorization: Bearer " + alice);
            assertEquals(405, reply.status(), path + " " + reply.body());
            assertFalse(reply.body().contains("Bearer"), "TRACE must not echo the token");
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void methodOverrideWhenTheHostWouldHonourItThenRefusedAndTheNoteSurvives(Container container) {
        Http http = servers.http(container);
        String alice = user(http);
        String bob = user(http);
        String id = noteOf(http, alice);
        assertEquals(204, http.post("/host-permissions?entity=note&id=" + id + "&group=users&permission=group:pr", "",
                bearer(alice)).statusCode(), "alice lets the users read her note");
        assertEquals(200, http.get("/notes/" + id, bearer(bob)).statusCode());

        for (String header : List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override")) {
            for (String value : List.of("DELETE", "delete", "GET")) {
                HttpResponse<String> reply = http.get("/notes/" + id, "Authorization", "Bearer " + bob, header, value);
                assertEquals(400, reply.statusCode(), header + ": " + value);
                assertEquals("method_override", Http.errorCode(reply));
            }
        }
        for (String query : List.of("?_method=DELETE", "?%5Fmethod=DELETE", "?a=1&_METHOD=delete")) {
            HttpResponse<String> reply = http.get("/notes/" + id + query, bearer(bob));
            assertEquals(400, reply.statusCode(), query);
            assertEquals("method_override", Http.errorCode(reply));
        }
        HttpResponse<String> form = http.post("/notes/" + id, "_method=DELETE", "Authorization", "Bearer " + bob,
                "Content-Type", "application/x-www-form-urlencoded");
        assertEquals(400, form.statusCode(), form.body());
        assertEquals("method_override", Http.errorCode(form));

        assertEquals(200, http.get("/notes/" + id, bearer(alice)).statusCode(), "the note was never deleted");
        assertEquals(200, http.get("/whoami", "X-HTTP-Method-Override", "DELETE").statusCode(), "unguarded: the host's business");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void headWhenSentThenCheckedAsGet(Container container) {
        Http http = servers.http(container);
        String alice = user(http);
        String bob = user(http);
        String id = noteOf(http, alice);

        assertEquals(200, http.send("HEAD", "/notes/" + id, null, bearer(alice)).statusCode());
        assertEquals(403, http.send("HEAD", "/notes/" + id, null, bearer(bob)).statusCode());
        assertEquals(401, http.send("HEAD", "/notes/" + id, null).statusCode());
        assertEquals(401, http.send("HEAD", "/notes", null).statusCode());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void tokenWhenNotExactlyOneCompactJwsInTheHeaderThenGuest(Container container) {
        Http http = servers.http(container);
        String alice = user(http);
        String id = noteOf(http, alice);
        String[] parts = alice.split("\\.");
        String jwe = parts[0] + "." + parts[1] + "." + parts[2] + ".AAAA.BBBB";
        for (String token : List.of(jwe, alice + ".x", parts[0] + "." + parts[1] + ".", parts[0] + "." + parts[1],
                alice + "=", alice.substring(0, alice.length() - 1) + "+", alice + " " + alice)) {
            assertEquals("null|null|null|false|false", http.get("/whoami", bearer(token)).body(), token);
            assertEquals(401, http.get("/notes/" + id, bearer(token)).statusCode(), token);
            assertEquals("null|null|null|false|false", http.get("/whoami", "Cookie", "token=" + token).body(), token);
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void twoAuthorizationHeadersWhenSentThenGuestEvenIfBothAreValid(Container container) {
        Http http = servers.http(container);
        String alice = user(http);
        String bob = user(http);
        String id = noteOf(http, alice);

        String[] twoUsers = {"Authorization", "Bearer " + bob, "Authorization", "Bearer " + alice};
        String[] twice = {"Authorization", "Bearer " + alice, "Authorization", "Bearer " + alice};
        for (String[] headers : List.of(twoUsers, twice)) {
            assertEquals("null|null|null|false|false", http.get("/whoami", headers).body());
            assertEquals(401, http.get("/notes/" + id, headers).statusCode());
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void tokenWhenInTheQueryStringThenNeverRead(Container container) {
        Http http = servers.http(container);
        String alice = user(http);
        String id = noteOf(http, alice);
        for (String name : List.of("token", "access_token", "jwt", "authorization")) {
            assertEquals("null|null|null|false|false", http.get("/whoami?" + name + "=" + alice).body(), name);
            assertEquals(401, http.get("/notes/" + id + "?" + name + "=" + alice).statusCode(), name);
        }
    }
}
