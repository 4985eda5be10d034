package org.portcullis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.portcullis.filter.testing.Container;
import org.portcullis.filter.testing.Http;
import org.portcullis.filter.testing.LegacyServlets;

/**
 * With {@code start.background} (the default) the filter's init returns before the database is
 * reached; requests that need the database wait for the start, then are answered by the usual rules
 * (a guest on a guarded route is still refused), or get 503 when the start outlasts
 * {@code start.wait}. The database's first connection is held by a JDBC driver the test releases,
 * so nothing depends on how long a start takes.
 */
// a watchdog: an init that waited for the database would hang here; in a thread of its own, so that a test stuck on a lock still fails
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BackgroundStartFlowTest {

    private static final String ROUTES = """
            /notes      = note
            /notes/{id} = note
            """;
    private static final String PASSWORD = "correct horse battery";

    private final HeldDriver driver = new HeldDriver();
    private Container.Running jetty;

    @AfterEach
    void stop() throws Exception {
        driver.release.countDown();
        if (jetty != null) {
            jetty.close();
        }
        DriverManager.deregisterDriver(driver);
    }

    private Http start(String... more) throws Exception {
        DriverManager.registerDriver(driver);
        Map<String, String> params = new java.util.HashMap<>(Map.of("jdbc.url", driver.url(), "jdbc.user", "sa",
                "bcrypt.cost", "10", "resources", ROUTES));
        for (int i = 0; i < more.length; i += 2) {
            params.put(more[i], more[i + 1]);
        }
        jetty = Container.JETTY.start(params, LegacyServlets.withNotes());
        driver.connecting.await(); // the start has begun, and init has returned without waiting for it
        return new Http(jetty.base());
    }

    @Test
    void requestsDuringBackgroundStartWaitForItThenAreAnsweredByTheRules() throws Exception {
        Http http = start();
        String email = "early-" + UUID.randomUUID() + "@example.com";
        CompletableFuture<HttpResponse<String>> guest = CompletableFuture.supplyAsync(() -> http.get("/notes/1"));
        CompletableFuture<HttpResponse<String>> signup = CompletableFuture.supplyAsync(
                () -> http.signup("Ada", email, PASSWORD));

        assertEquals("null|null|null|false|false", http.get("/whoami").body(),
                "a guest on an unguarded page needs no database, so is answered during the start");
        assertFalse(guest.isDone() || signup.isDone(), "no answer that needs the database before it is reached");

        driver.release.countDown();
        assertEquals(401, guest.get().statusCode(), "deny by default holds during the start");
        assertEquals(200, signup.get().statusCode(), signup.get().body());
        assertEquals(200, http.signin(email, PASSWORD).statusCode());
    }

    @Test
    void requestsWhenStartOutlastsStartWaitThen503JsonAndLaterServed() throws Exception {
        Http http = start("start.wait", "PT1S");

        HttpResponse<String> early = http.get("/notes/1");
        assertEquals(503, early.statusCode(), early.body());
        assertEquals("database_unavailable", Http.errorCode(early));
        assertTrue(early.headers().firstValue("Retry-After").isPresent());
        assertFalse(early.body().contains("Exception"), early.body());

        driver.release.countDown();
        assertEquals(401, waitForStart(http).statusCode());
    }

    /** Asks until the start has ended (the wait of each request is bounded by start.wait). */
    private static HttpResponse<String> waitForStart(Http http) {
        HttpResponse<String> reply = http.get("/notes/1");
        while (reply.statusCode() == 503) {
            reply = http.get("/notes/1");
        }
        return reply;
    }

    /**
     * {@code jdbc:held:<id>}: each connection waits until {@link #release}, then opens the in-memory
     * H2 database {@code <id>}.
     */
    private static final class HeldDriver implements Driver {
        private final String prefix = "jdbc:held:";
        private final String name = UUID.randomUUID().toString();
        final CountDownLatch connecting = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        String url() {
            return prefix + name;
        }

        @Override
        public Connection connect(String url, Properties info) throws SQLException {
            if (!acceptsURL(url)) {
                return null;
            }
            connecting.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted");
            }
            return DriverManager.getConnection("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", info);
        }

        @Override
        public boolean acceptsURL(String url) {
            return url != null && url.equals(url());
        }

        @Override
        public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
            return new DriverPropertyInfo[0];
        }

        @Override
        public int getMajorVersion() {
            return 1;
        }

        @Override
        public int getMinorVersion() {
            return 0;
        }

        @Override
        public boolean jdbcCompliant() {
            return false;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }
    }
}
