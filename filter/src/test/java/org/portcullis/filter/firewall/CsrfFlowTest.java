package org.portcullis.filter.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
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
 * Cross-site request forgery, cookies and redirects over real HTTP on Jetty and Tomcat. A forged request
 * is one a browser sends with the user's cookie on another site's behalf; the browser headers it would
 * carry ({@code Origin}, {@code Sec-Fetch-Site}) are set by hand here, as a browser would set them.
 */
@Tag("database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CsrfFlowTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String ROUTES = """
            /notes      = note
            /notes/{id} = note
            """;
    private static final String EVIL = "https://evil.example";

    private GuardedServers servers;
    private GuardedServers prefixed;

    @BeforeAll
    void start() throws Exception {
        Map<String, HttpServlet> servlets = LegacyServlets.withNotes();
        servlets.put("/echo", new Echo());
        servers = GuardedServers.start(ROUTES, servlets);
        prefixed = GuardedServers.start(ROUTES, LegacyServlets.withNotes(), Map.of("cookie.host.prefix", "true"));
    }

    @AfterAll
    void stop() throws Exception {
        if (servers != null) {
            servers.close();
        }
        if (prefixed != null) {
            prefixed.close();
        }
    }

    /** An unguarded host page that acts for {@code getRemoteUser()} on any method. */
    static final class Echo extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            response.getWriter().write(String.valueOf(request.getRemoteUser()));
        }
    }

    private static String[] with(String token, String... more) {
        List<String> headers = new ArrayList<>(List.of("Cookie", "token=" + token));
        headers.addAll(List.of(more));
        return headers.toArray(String[]::new);
    }

    private static String origin(Http http) {
        return http.base().toString();
    }

    private static void assertCsrf(HttpResponse<String> reply, String what) {
        assertEquals(403, reply.statusCode(), what + ": " + reply.body());
        assertEquals("csrf", Http.errorCode(reply), what);
    }

    private static List<String> ids(Http http, String token) {
        HttpResponse<String> list = http.get("/notes", "Authorization", "Bearer " + token);
        List<String> ids = new ArrayList<>();
        Http.json(list.body()).forEach(note -> ids.add(note.path("id").asText()));
        return ids;
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void cookiePostWhenFromElsewhereOrUnmarkedThenRefusedAndNothingIsCreated(Container container) {
        Http http = servers.http(container);
        String alice = http.newUser("alice-" + UUID.randomUUID() + "@example.com", PASSWORD);
        List<String[]> forged = List.of(
                with(alice),
                with(alice, "Origin", EVIL),
                with(alice, "Origin", "null"),
                with(alice, "Origin", EVIL, "X-Portcullis-CSRF", "1"),
                with(alice, "Origin", origin(http).replace("127.0.0.1", "localhost")),
                with(alice, "Origin", origin(http).replace("http:", "https:")),
                with(alice, "Sec-Fetch-Site", "cross-site"),
                with(alice, "Sec-Fetch-Site", "same-site"),
                with(alice, "Sec-Fetch-Site", "cross-site", "Origin", origin(http)),
                with(alice, "Sec-Fetch-Site", "cross-site", "X-Requested-With", "XMLHttpRequest"),
                with(alice, "X-Portcullis-CSRF", ""));
        for (String[] headers : forged) {
            assertCsrf(http.post("/notes", "forged", headers), String.join(" ", headers).replace(alice, "<jwt>"));
        }
        assertTrue(ids(http, alice).isEmpty(), "no forged note was created");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void cookiePostWhenFromThisSiteOrMarkedThenAllowed(Container container) {
        Http http = servers.http(container);
        String alice = http.newUser("alice-" + UUID.randomUUID() + "@example.com", PASSWORD);
        List<String[]> honest = List.of(
                with(alice, "Origin", origin(http)),
                with(alice, "Sec-Fetch-Site", "same-origin"),
                with(alice, "Sec-Fetch-Site", "same-origin", "Origin", origin(http)),
                with(alice, "Sec-Fetch-Site", "none"),
                with(alice, "X-Portcullis-CSRF", "1"),
                with(alice, "X-Requested-With", "XMLHttpRequest"));
        for (String[] headers : honest) {
            assertEquals(201, http.post("/notes", "mine", headers).statusCode(),
                    String.join(" ", headers).replace(alice, "<jwt>"));
        }
        assertEquals(6, ids(http, alice).size());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void cookieDeleteWhenForgedThenRefusedButSafeMethodsAndBearerRequestsAreNotChecked(Container container) {
        Http http = servers.http(container);
        String alice = http.newUser("alice-" + UUID.randomUUID() + "@example.com", PASSWORD);
        HttpResponse<String> created = http.post("/notes", "keep me", "Authorization", "Bearer " + alice,
                "Origin", EVIL);
        assertEquals(201, created.statusCode(), "a bearer token is no browser's ambient credential");
        String id = ids(http, alice).get(0);

        assertCsrf(http.send("DELETE", "/notes/" + id, null, with(alice, "Origin", EVIL)), "DELETE");
        assertCsrf(http.send("PUT", "/notes/" + id, "x", with(alice, "Sec-Fetch-Site", "cross-site")), "PUT");
        assertEquals(200, http.get("/notes/" + id, with(alice, "Origin", EVIL, "Sec-Fetch-Site", "cross-site"))
                .statusCode(), "GET is not state-changing");
        assertEquals(200, http.get("/notes/" + id, "Authorization", "Bearer " + alice).statusCode(), "still there");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void unguardedHostPageWhenPostedForgedThenSeesAGuest(Container container) {
        Http http = servers.http(container);
        String email = "alice-" + UUID.randomUUID() + "@example.com";
        String alice = http.newUser(email, PASSWORD);

        assertEquals("null", http.post("/echo", "", with(alice, "Origin", EVIL)).body());
        assertEquals("null", http.post("/echo", "", with(alice)).body());
        assertEquals(email, http.post("/echo", "", with(alice, "X-Portcullis-CSRF", "1")).body());
        assertEquals(email, http.get("/echo", with(alice, "Origin", EVIL)).body(), "GET keeps the user");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void portcullisActionsWhenForgedThenRefusedIncludingLoginCsrf(Container container) {
        Http http = servers.http(container);
        String email = "alice-" + UUID.randomUUID() + "@example.com";
        String alice = http.newUser(email, PASSWORD);

        assertCsrf(http.action("user_account/signout", "{}", with(alice, "Sec-Fetch-Site", "cross-site")), "signout");
        assertCsrf(http.action("user_account/signout", "{}", with(alice)), "signout without any marker");
        assertEquals(email + "|COOKIE|" + email + "|true|false", http.get("/whoami", with(alice)).body(),
                "the forged sign-outs did not revoke the token");

        String credentials = "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}";
        assertCsrf(http.action("user_account/signin", credentials, "Origin", EVIL), "login CSRF by Origin");
        assertCsrf(http.action("user_account/signin", credentials, "Sec-Fetch-Site", "cross-site"), "by Sec-Fetch-Site");
        assertCsrf(http.action("user_account/signup", "{\"name\":\"M\",\"email\":\"m-" + UUID.randomUUID()
                + "@example.com\",\"password\":\"" + PASSWORD + "\",\"passwordConfirm\":\"" + PASSWORD + "\"}",
                "Origin", EVIL), "signup");
        assertEquals(200, http.action("user_account/signin", credentials, "Origin", origin(http)).statusCode());
        assertEquals(200, http.action("user_account/signin", credentials).statusCode(), "a client that is no browser");
        assertEquals(200, http.action("user_account/signout", "{}", with(alice, "Sec-Fetch-Site", "same-origin"))
                .statusCode());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void hostPrefixWhenOnThenTheCookieIsHostBoundAndOnlyThePrefixedNameIsRead(Container container) {
        Http http = prefixed.http(container);
        String email = "alice-" + UUID.randomUUID() + "@example.com";
        assertEquals(200, http.signup("Alice", email, PASSWORD).statusCode());
        HttpResponse<String> signin = http.signin(email, PASSWORD);
        String cookie = signin.headers().firstValue("Set-Cookie").orElseThrow();
        String token = Http.tokenOf(signin);

        assertTrue(cookie.startsWith("__Host-token=" + token + "; Path=/;"), cookie);
        assertTrue(cookie.contains("; Secure") && cookie.contains("; HttpOnly") && cookie.contains("; SameSite=Strict"),
                cookie);
        assertFalse(cookie.toLowerCase().contains("domain="), cookie);
        assertEquals(email, http.get("/whoami", "Cookie", "__Host-token=" + token).body().split("\\|")[0]);
        assertEquals("null", http.get("/whoami", "Cookie", "token=" + token).body().split("\\|")[0],
                "the unprefixed name is not read, so a cookie planted by a sibling host does not count");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signinPageWhenGivenANextThenKeepsOnlyAPathOnThisSite(Container container) {
        Http http = servers.http(container);
        assertTrue(http.get("/auth/signin?next=/notes%3Fa%3D1").body().contains("data-next=\"/notes?a=1\""));
        for (String next : List.of("//evil.example", "/%2F/evil.example", "/%5Cevil.example", "%2F%2Fevil.example",
                "https://evil.example", "/%09/evil.example", "/%252F/evil.example", "javascript:alert(1)")) {
            assertTrue(http.get("/auth/signin?next=" + next).body().contains("data-next=\"\""), next);
        }
        String quoted = http.get("/auth/signin?next=/%22%3E%3Cscript%3E").body();
        assertTrue(quoted.contains("data-next=\"/&quot;&gt;&lt;script&gt;\"") && !quoted.contains("\"><script>"),
                "a path on this site is kept, escaped");
        String script = http.get("/auth/portcullis.js").body();
        assertTrue(script.contains("'X-Portcullis-CSRF': '1'"), "the pages mark their own requests");
    }
}
