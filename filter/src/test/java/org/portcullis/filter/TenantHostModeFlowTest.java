package org.portcullis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portcullis.filter.testing.ApiCalls.PASSWORD;
import static org.portcullis.filter.testing.ApiCalls.bearer;
import static org.portcullis.filter.testing.ApiCalls.suffix;

import java.net.URI;
import java.util.Map;
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
 * {@code tenants.mode=host} on Jetty and Tomcat: {@code localhost} is acme's, {@code 127.0.0.1} globex's (one
 * server, two names), and any other host name is no tenant's.
 */
@Tag("database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantHostModeFlowTest {

    private GuardedServers servers;

    @BeforeAll
    void start() throws Exception {
        servers = GuardedServers.start("/notes = note\n/notes/{id} = note\n", LegacyServlets.withNotes(),
                Map.of("tenants.mode", "host", "tenants", "acme = localhost\nglobex = 127.0.0.1"));
    }

    @AfterAll
    void stop() throws Exception {
        if (servers != null) {
            servers.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void hostNameWhenConfiguredThenNamesTheTenantAndATokenOfOneHostIsAGuestsAtTheOther(Container container) {
        Http acme = servers.http(container).atHost("localhost");
        Http globex = servers.http(container).atHost("127.0.0.1");
        String email = "ada-" + suffix() + "@example.com";
        String token = acme.newUser(email, PASSWORD);

        assertTrue(acme.get("/api/tenant").body().contains("\"id\":\"acme\""));
        assertTrue(globex.get("/api/tenant").body().contains("\"id\":\"globex\""));
        assertTrue(acme.get("/whoami", bearer(token)).body().startsWith(email));
        assertEquals("null|null|null|false|false", globex.get("/whoami", bearer(token)).body());
        assertEquals(401, globex.signin(email, PASSWORD).statusCode(), "no such account at globex");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void hostNameWhenNotConfiguredThen404UnknownTenantAndCaseAndTrailingDotDoNotMatter(Container container)
            throws Exception {
        URI base = servers.http(container).base();

        String unknown = TenantIsolationFlowTest.raw(base,
                "GET /api/tenant HTTP/1.1\r\nHost: globex.example\r\nConnection: close\r\n\r\n");
        assertTrue(unknown.startsWith("HTTP/1.1 404"), unknown);
        assertTrue(unknown.contains("unknown_tenant"), unknown);
        String spelled = TenantIsolationFlowTest.raw(base,
                "GET /api/tenant HTTP/1.1\r\nHost: LocalHost.:" + base.getPort() + "\r\nConnection: close\r\n\r\n");
        assertTrue(spelled.startsWith("HTTP/1.1 200"), spelled);
        assertTrue(spelled.contains("\"id\":\"acme\""), spelled);
    }
}
