package org.portcullis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.testing.Container;
import org.portcullis.filter.testing.Http;
import org.portcullis.filter.testing.LegacyServlets;

/**
 * A database that goes away gives 503 with {@code Retry-After} and the contract's error body, never
 * a 500 or a stack trace, and Portcullis recovers by itself when it comes back. The database is a
 * real H2 server over TCP that the test stops and starts.
 */
class DatabaseOutageTest {

    private Server h2;
    private Container.Running jetty;

    @AfterEach
    void stop() throws Exception {
        if (jetty != null) {
            jetty.close();
        }
        if (h2 != null) {
            h2.stop();
        }
    }

    @Test
    void databaseWhenDownThen503AndWhenBackThenServiceResumes() throws Exception {
        int port = freePort();
        h2 = startH2(port);
        String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        jetty = Container.JETTY.start(Map.of("jdbc.url", url, "jdbc.user", "sa", "bcrypt.cost", "10"),
                LegacyServlets.standard());
        Http http = new Http(jetty.base());
        String email = "outage-" + UUID.randomUUID() + "@example.com";
        String token = http.newUser(email, "correct horse battery");

        h2.stop();
        HttpResponse<String> signin = http.signin(email, "correct horse battery");
        HttpResponse<String> withToken = http.get("/whoami", "Authorization", "Bearer " + token);
        HttpResponse<String> guestPage = http.get("/whoami");

        for (HttpResponse<String> reply : new HttpResponse[] {signin, withToken}) {
            assertEquals(503, reply.statusCode(), reply.body());
            assertEquals("database_unavailable", Http.errorCode(reply));
            assertTrue(reply.headers().firstValue("Retry-After").isPresent());
            assertFalse(reply.body().contains("Exception"), reply.body());
        }
        assertEquals("null|null|null|false|false", guestPage.body(), "a guest on an unguarded page needs no database");

        h2 = startH2(port);
        Thread.sleep(Database.RETRY_INTERVAL.toMillis() + 200);
        assertTrue(http.get("/whoami", "Authorization", "Bearer " + token).body().startsWith(email + "|"));
        assertEquals(200, http.signin(email, "correct horse battery").statusCode());
    }

    @Test
    void filterWhenDatabaseIsDownAtStartThenStartsAnswering503AndConnectsLater() throws Exception {
        int port = freePort();
        String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        jetty = Container.JETTY.start(Map.of("jdbc.url", url, "jdbc.user", "sa", "bcrypt.cost", "10"),
                LegacyServlets.standard());
        Http http = new Http(jetty.base());

        assertEquals(503, http.signup("Ada", "late@example.com", "correct horse battery").statusCode());

        h2 = startH2(port);
        Thread.sleep(Database.RETRY_INTERVAL.toMillis() + 200);
        assertEquals(200, http.signup("Ada", "late@example.com", "correct horse battery").statusCode());
    }

    private static Server startH2(int port) throws Exception {
        return Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists").start();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
