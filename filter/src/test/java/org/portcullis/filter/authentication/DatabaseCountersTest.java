package org.portcullis.filter.authentication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.portcullis.filter.config.ParameterSource;
import org.portcullis.filter.config.PortcullisConfig;
import org.portcullis.filter.persistence.Bootstrap;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.testing.TestClock;
import org.portcullis.model.SigninCounter;
import org.portcullis.model.TestDatabase;

/**
 * The sign-in throttle shared through a real database ({@code signin.throttle.store=database}), with two
 * {@link Database}s standing for two nodes: failures spread over them count as on one, parallel attempts on both
 * are each counted exactly once, an address known on one node is known on the other, the table holds no login
 * or address, and expired rows count as absent and are deleted.
 */
@Tag("database")
class DatabaseCountersTest {

    private static final SigninThrottle.Limits LIMITS = new SigninThrottle.Limits(3, Duration.ofMinutes(5), 1000,
            Duration.ofMinutes(5));
    private static final String VICTIM = "victim@example.com";

    private final TestDatabase db = TestDatabase.fresh();
    private final TestClock clock = new TestClock(Instant.parse("2026-12-06T10:00:00Z"));
    private Database nodeA;
    private Database nodeB;
    /** The throttle of each node, on one database. */
    private SigninThrottle onA;
    private SigninThrottle onB;

    @BeforeEach
    void start() {
        PortcullisConfig config = PortcullisConfig.from(ParameterSource.of(Map.of("jdbc.url", db.url(), "jdbc.user",
                db.user(), "table.prefix", db.prefix())), "test");
        nodeA = new Database(config, new Bootstrap(config, Set.of())::run, clock);
        nodeA.start();
        nodeB = new Database(config, d -> { }, clock);
        nodeB.start();
        onA = SigninThrottle.shared(LIMITS, nodeA, clock);
        onB = SigninThrottle.shared(LIMITS, nodeB, clock);
    }

    @AfterEach
    void stop() throws SQLException {
        nodeA.close();
        nodeB.close();
        db.dropTables();
    }

    @Test
    void admitWhenFailuresAreSpreadOverTwoNodesThenTheBackOffStartsAsOnOne() {

        assertEquals(Duration.ZERO, onA.admit(VICTIM, "10.0.0.1"));
        assertEquals(Duration.ZERO, onB.admit(VICTIM, "10.0.0.2"));
        assertEquals(Duration.ZERO, onA.admit(VICTIM, "10.0.0.3"));

        assertEquals(Duration.ofSeconds(1), onB.admit(VICTIM, "10.0.0.4"), "the fourth failure, on the other node");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Duration.ZERO, onB.admit(VICTIM, "10.0.0.4"));
        assertEquals(Duration.ofSeconds(2), onA.admit(VICTIM, "10.0.0.5"), "the doubled wait holds on both");
    }

    @Test
    void admitWhenThreadsOnTwoNodesRaceForOneAddressThenEachAttemptIsCountedExactlyOnce() throws Exception {
        int limit = 30;
        SigninThrottle.Limits limits = new SigninThrottle.Limits(20, Duration.ofMinutes(5), limit,
                Duration.ofMinutes(5));
        List<SigninThrottle> nodes = List.of(SigninThrottle.shared(limits, nodeA, clock),
                SigninThrottle.shared(limits, nodeB, clock));
        int threads = 6;
        int perThread = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> admitted = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                SigninThrottle node = nodes.get(t % 2);
                int thread = t;
                Callable<Integer> attempts = () -> {
                    go.await();
                    int in = 0;
                    for (int i = 0; i < perThread; i++) {
                        // A new account each time: only the address' window decides.
                        in += node.admit("user" + thread + "-" + i + "@example.com", "198.51.100.7").isZero() ? 1 : 0;
                    }
                    return in;
                };
                admitted.add(pool.submit(attempts));
            }
            go.countDown();
            int total = 0;
            for (Future<Integer> f : admitted) {
                total += f.get();
            }
            assertEquals(limit, total, "60 attempts on two nodes against a window of 30");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void succeededWhenOnOneNodeThenTheOwnersAddressIsKnownOnTheOther() {
        assertEquals(Duration.ZERO, onA.admit(VICTIM, "192.0.2.10"));
        onA.succeeded(VICTIM, "192.0.2.10");
        for (int i = 0; i < 3; i++) {
            assertEquals(Duration.ZERO, onB.admit(VICTIM, "203.0.113.66"));
        }
        assertFalse(onB.admit(VICTIM, "203.0.113.66").isZero(), "the attacker waits");

        assertEquals(Duration.ZERO, onB.admit(VICTIM, "192.0.2.10"), "the owner, at a known address, does not");
    }

    @Test
    void abandonedWhenOnTheOtherNodeThenTheAttemptIsGivenBack() {
        for (int i = 0; i < 3; i++) {
            assertEquals(Duration.ZERO, onA.admit(VICTIM, "10.0.0.1"));
            onB.abandoned(VICTIM, "10.0.0.1");
        }

        assertEquals(Duration.ZERO, onB.admit(VICTIM, "10.0.0.1"), "three attempts that never ran count nothing");
    }

    @Test
    void tableWhenCountingThenHoldsNeitherTheLoginNorTheAddress() {
        onA.admit(VICTIM, "10.0.0.1");
        onA.succeeded(VICTIM, "10.0.0.1");
        onA.admit(VICTIM, "10.0.0.2");

        List<String> keys = nodeA.read(em -> em.createQuery("select c.keyHash from SigninCounter c", String.class)
                .getResultList());

        assertEquals(4, keys.size(), "the new address' window, the hour, the account's streak, the known address: " + keys);
        for (String key : keys) {
            assertTrue(key.matches("[0-9a-f]{64}"), key);
        }
    }

    @Test
    void updateWhenCountersHaveExpiredThenTheyCountAsAbsentAndAreDeleted() {
        for (int i = 0; i < 3; i++) {
            onA.admit(VICTIM, "10.0.0.1");
        }
        assertFalse(onA.admit(VICTIM, "10.0.0.1").isZero());

        clock.advance(Duration.ofHours(2));
        assertEquals(Duration.ZERO, onA.admit(VICTIM, "10.0.0.1"), "an hour without attempts forgets the streak");
        onA.admit("someone@example.com", "10.0.0.2");
        clock.advance(Duration.ofMinutes(10));
        onA.admit("someone-else@example.com", "10.0.0.3"); // the first write after a minute prunes

        List<SigninCounter> rows = nodeA.read(em -> em.createQuery("select c from SigninCounter c",
                SigninCounter.class).getResultList());
        long cutoff = clock.millis();
        assertTrue(rows.stream().allMatch(row -> row.getExpiresAt() > cutoff), "nothing expired is left");
        assertEquals(7, rows.size(), "the victim's streak and hour, someone's streak and hour, someone else's"
                + " streak, hour and address: the two windows of five minutes have gone");
    }

    @Test
    void takeWhenAnonymousUsersAreMadeOnTwoNodesThenTheQuotaPerAddressIsShared() {
        AddressQuota quotaA = AddressQuota.shared(2, Duration.ofHours(1), nodeA, clock);
        AddressQuota quotaB = AddressQuota.shared(2, Duration.ofHours(1), nodeB, clock);

        assertEquals(Duration.ZERO, quotaA.take("10.9.9.9"));
        assertEquals(Duration.ZERO, quotaB.take("10.9.9.9"));

        assertEquals(Duration.ofHours(1), quotaA.take("10.9.9.9"));
        quotaB.giveBack("10.9.9.9");
        assertEquals(Duration.ZERO, quotaA.take("10.9.9.9"));
    }
}
