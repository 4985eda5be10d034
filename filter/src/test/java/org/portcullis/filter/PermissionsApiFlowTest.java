package org.portcullis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServlet;
import java.net.http.HttpResponse;
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
 * The Java API from inside a host servlet on Jetty and Tomcat: {@code Portcullis.may} answers for
 * the request's own user, and a share made through {@code Portcullis.permissions} is what the
 * guarded route then enforces.
 */
@Tag("database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PermissionsApiFlowTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String ROUTES = """
            /notes      = note
            /notes/{id} = note
            """;

    private GuardedServers servers;

    @BeforeAll
    void start() throws Exception {
        Map<String, HttpServlet> servlets = LegacyServlets.withNotes();
        servlets.put("/host-permissions", new LegacyServlets.HostPermissions());
        servers = GuardedServers.start(ROUTES, servlets);
    }

    @AfterAll
    void stop() throws Exception {
        if (servers != null) {
            servers.close();
        }
    }

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    private static String may(Http http, String id, String action, String... headers) {
        HttpResponse<String> reply = http.get("/host-permissions?entity=note&id=" + id + "&action=" + action, headers);
        assertEquals(200, reply.statusCode(), reply.body());
        return reply.body();
    }

    private static String signedUp(Http http, String name) {
        return http.newUser(name + "-" + UUID.randomUUID() + "@example.com", PASSWORD);
    }

    private static String noteOf(Http http, String token, String text) {
        HttpResponse<String> created = http.post("/notes", text, bearer(token));
        assertEquals(201, created.statusCode(), created.body());
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void mayWhenAskedFromAHostServletThenAnswersForTheRequestsOwnUser(Container container) {
        Http http = servers.http(container);
        String alice = signedUp(http, "alice");
        String bob = signedUp(http, "bob");
        String id = noteOf(http, alice, "alice's");

        assertEquals("true", may(http, id, "update", bearer(alice)));
        assertEquals("false", may(http, id, "read", bearer(bob)));
        assertEquals("true", may(http, id, "peek", bearer(bob)), "the default guest tier lets others peek");
        assertEquals("false", may(http, id, "read"), "a guest");
        assertEquals("false", may(http, "999999", "read", bearer(alice)), "an unregistered note");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void shareWhenMadeFromAHostServletThenTheGuardedRouteLetsTheGroupReadAndAStrangerCannotShare(Container container) {
        Http http = servers.http(container);
        String alice = signedUp(http, "alice");
        String bob = signedUp(http, "bob");
        String id = noteOf(http, alice, "shared later");
        String share = "/host-permissions?entity=note&id=" + id + "&group=users&permission=group:pr";
        assertEquals(403, http.get("/notes/" + id, bearer(bob)).statusCode());

        assertEquals(403, http.post(share, "", bearer(bob)).statusCode(), "bob may not refer alice's note");
        assertEquals(403, http.get("/notes/" + id, bearer(bob)).statusCode(), "his refused share changed nothing");
        assertEquals(204, http.post(share, "", bearer(alice)).statusCode());

        HttpResponse<String> read = http.get("/notes/" + id, bearer(bob));
        assertEquals(200, read.statusCode(), read.body());
        assertTrue(read.body().contains("shared later"), read.body());
        assertEquals("true", may(http, id, "read", bearer(bob)));
        assertEquals("false", may(http, id, "update", bearer(bob)));
    }
}
