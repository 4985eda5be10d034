package com.example.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tenants with the jar a host really gets (EclipseLink relocated inside it): {@code localhost} and
 * {@code 127.0.0.1} are two tenants of one server, so the same e-mail signs up in each as a different
 * account, and a token of one is a guest's at the other. A relocation that hid EclipseLink's multitenancy
 * from itself would fail the second sign-up (one e-mail) or let the token across.
 */
class TenantsInThePublishedJarTest {

    @TempDir
    Path data;

    private static String signUpAndIn(Jetty app, String host, String password) throws Exception {
        return app.signUpAndIn("Ada", "ada@example.com", password, host);
    }

    @Test
    void hostModeWhenTwoHostNamesThenTwoAccountsOfOneEmailAndNoTokenCrosses() throws Exception {
        Map<String, String> filter = Map.of("resources", "/notes = note\n/notes/{id} = note", "bcrypt.cost", "10",
                "start.background", "false", "data.dir", Files.createDirectories(data.resolve("db")).toString(),
                "tenants.mode", "host", "tenants", "acme = localhost\nglobex = 127.0.0.1");
        try (Jetty app = Jetty.start("/", Map.of(), filter)) {
            String acme = signUpAndIn(app, "localhost", "correct horse");
            String globex = signUpAndIn(app, "127.0.0.1", "battery staple");

            assertEquals("user menu\n", app.send("GET", "/roles", null, acme, "localhost").body());
            assertEquals("guest menu\n", app.send("GET", "/roles", null, acme, "127.0.0.1").body(),
                    "acme's token is a guest's at globex");
            assertEquals("user menu\n", app.send("GET", "/roles", null, globex, "127.0.0.1").body());
            assertEquals(401, app.send("POST", "/action/user_account/signin",
                    "{\"attributes\":{\"email\":\"ada@example.com\",\"password\":\"battery staple\"}}", null, "localhost")
                    .statusCode(), "globex's password opens nothing at acme");
            assertTrue(app.send("GET", "/api/tenant", null, null, "127.0.0.1").body().contains("\"id\":\"globex\""));
        }
    }
}
