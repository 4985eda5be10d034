package org.portcullis.filter.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.portcullis.filter.config.ConfigException;
import org.portcullis.filter.config.ParameterSource;
import org.portcullis.filter.config.PortcullisConfig;

/**
 * {@link Database#startInBackground}: the filter's init returns before the database is reached, a
 * caller that needs the database meanwhile waits for the start (at most {@code start.wait}), and a
 * wrong configuration still fails at once. The start is held in its seeding step by the test, so
 * nothing here depends on how long a start takes.
 */
// a watchdog against a hang, not a measurement; in a thread of its own, so that a test stuck on a lock still fails
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DatabaseStartTest {

    private final CountDownLatch seeding = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private Database database;

    @AfterEach
    void close() {
        release.countDown();
        if (database != null) {
            database.close();
        }
    }

    /** A first-connect step that stays in progress until the test releases it. */
    private final Consumer<Database> heldSeeding = db -> {
        holdUntilReleased();
        db.read(em -> null); // the start thread itself uses the database while seeding
    };

    private void holdUntilReleased() {
        seeding.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code seeding}, which records in {@code starter} the thread it runs on. */
    private static Consumer<Database> recording(Thread[] starter, Consumer<Database> seeding) {
        return db -> {
            starter[0] = Thread.currentThread();
            seeding.accept(db);
        };
    }

    private Database database(Consumer<Database> onFirstConnect, String... parameters) {
        Map<String, String> params = new HashMap<>(Map.of("jdbc.url",
                "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "jdbc.user", "sa"));
        for (int i = 0; i < parameters.length; i += 2) {
            params.put(parameters[i], parameters[i + 1]);
        }
        PortcullisConfig config = PortcullisConfig.from(ParameterSource.of(params), "test");
        database = new Database(config, onFirstConnect, Clock.systemUTC());
        return database;
    }

    @Test
    void readWhenBackgroundStartIsUnderWayThenWaitsForItAndIsAnswered() throws Exception {
        Database db = database(heldSeeding);
        db.startInBackground();
        seeding.await();

        Thread[] reader = new Thread[1];
        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
            reader[0] = Thread.currentThread();
            return db.read(em -> 42);
        });
        while (reader[0] == null || reader[0].getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait(); // until the reader waits for the start
        }
        assertFalse(read.isDone(), "no answer before the start has ended");

        release.countDown();
        assertEquals(42, read.get());
    }

    @Test
    void readWhenBackgroundStartOutlastsStartWaitThenUnavailableAndLaterAnswered() throws Exception {
        Database db = database(heldSeeding, "start.wait", "PT1S");
        db.startInBackground();
        seeding.await();

        DatabaseUnavailableException refused = assertThrows(DatabaseUnavailableException.class, () -> db.read(em -> 42));
        assertTrue(refused.getMessage().contains("still connecting"), refused.getMessage());

        release.countDown();
        int answer = db.read(em -> 42);
        assertEquals(42, answer);
    }

    @Test
    void startInBackgroundWhenJndiNameIsUnboundThenConfigExceptionAtOnce() {
        Database db = database(d -> { }, "datasource", "jdbc/nothing", "jdbc.url", "");
        ConfigException wrong = assertThrows(ConfigException.class, db::startInBackground);
        assertTrue(wrong.getMessage().contains("datasource"), wrong.getMessage());
    }

    @Test
    void startInBackgroundWhenDatabaseIsUnreachableThenCallersGetUnavailableNotAHang() {
        Database db = database(d -> { }, "jdbc.url", "jdbc:h2:tcp://127.0.0.1:1/mem:nowhere");
        db.startInBackground();
        assertThrows(DatabaseUnavailableException.class, () -> db.read(em -> 42));
    }

    @Test
    void startWhenNotInBackgroundThenSeededBeforeItReturns() {
        boolean[] seeded = new boolean[1];
        Database db = database(d -> seeded[0] = true);
        db.start();
        assertTrue(seeded[0]);
    }

    @Test
    void closeWhenBackgroundStartIsUnderWayThenWaitsForItAndClosesWhatItOpened() throws Exception {
        String name = UUID.randomUUID().toString();
        Thread[] starter = new Thread[1];
        Database db = database(recording(starter, heldSeeding), "jdbc.url", "jdbc:h2:mem:" + name);
        db.startInBackground();
        seeding.await();
        assertTrue(open(name), "the start holds its connections");

        CompletableFuture<Void> closing = CompletableFuture.runAsync(db::close);
        while (starter[0].getState() != Thread.State.WAITING || !closingWaits(closing)) {
            Thread.onSpinWait();
        }
        release.countDown();
        closing.get(30, TimeUnit.SECONDS);

        assertFalse(starter[0].isAlive(), "close returned once the start had ended");
        assertFalse(open(name), "its connections are closed, and with them the in-memory database");
        assertThrows(DatabaseUnavailableException.class, () -> db.read(em -> 42));
    }

    @Test
    void closeWhenBackgroundStartOutlastsTheWaitThenReturnsAndTheStartClosesWhatItOpenedWhenItEnds() throws Exception {
        String name = UUID.randomUUID().toString();
        Thread[] starter = new Thread[1];
        // Seeding that then succeeds: the factory is built after close gave up waiting.
        Database db = database(recording(starter, d -> holdUntilReleased()), "jdbc.url", "jdbc:h2:mem:" + name);
        db.startInBackground();
        seeding.await();

        db.close(Duration.ofMillis(100)); // returns, though the start holds the lock close would need

        assertTrue(open(name), "the start still runs");
        release.countDown();
        starter[0].join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(starter[0].isAlive());
        assertFalse(open(name), "the start closed its own factory when it saw the close");
    }

    /** Whether close is still waiting (for the start thread). */
    private static boolean closingWaits(CompletableFuture<Void> closing) {
        return !closing.isDone() && Thread.getAllStackTraces().entrySet().stream().anyMatch(t -> Arrays.stream(t.getValue())
                .anyMatch(frame -> frame.getClassName().equals(Database.class.getName()) && frame.getMethodName().equals("ended")));
    }

    /** Whether the in-memory database {@code name} is open: it closes with its last connection. */
    private static boolean open(String name) {
        try (Connection ignored = DriverManager.getConnection("jdbc:h2:mem:" + name + ";IFEXISTS=TRUE", "sa", "")) {
            return true;
        } catch (SQLException notFound) {
            return false;
        }
    }
}
