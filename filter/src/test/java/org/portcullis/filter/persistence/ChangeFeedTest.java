package org.portcullis.filter.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.portcullis.filter.config.ParameterSource;
import org.portcullis.filter.config.PortcullisConfig;
import org.portcullis.model.CacheChange;
import org.portcullis.model.TestDatabase;

/**
 * The change feed over a real database: another node's changes are announced here once each, this node's own
 * never; a row that becomes visible after a newer one (its transaction committed later) is still read within
 * the margin; a row of a kind this version does not know is skipped; old rows are pruned.
 */
@Tag("database")
class ChangeFeedTest {

    private final TestDatabase db = TestDatabase.fresh();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-04T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    };
    private final List<Change> heard = new CopyOnWriteArrayList<>();
    private Database here;
    private Database there;
    private ChangeFeed feed;

    @BeforeEach
    void start() {
        PortcullisConfig config = PortcullisConfig.from(ParameterSource.of(Map.of("jdbc.url", db.url(), "jdbc.user",
                db.user(), "table.prefix", db.prefix())), "test");
        here = new Database(config, new Bootstrap(config, java.util.Set.of())::run, clock);
        here.start();
        there = new Database(config, d -> { }, clock);
        there.start();
        here.coordinate("node-here");
        there.coordinate("node-there");
        here.onCommit((tenant, change) -> heard.add(change));
        feed = new ChangeFeed(here, "node-here", Duration.ofMillis(500), clock);
        feed.poll(); // the first read starts the margin's clock
        heard.clear();
    }

    @AfterEach
    void stop() throws SQLException {
        here.close();
        there.close();
        db.dropTables();
    }

    @Test
    void pollWhenAnotherNodeCommittedChangesThenEachIsAnnouncedOnceAndOwnOnesNever() {
        there.inTransaction(Change.all(Change.user("u1"), Change.instance("note", "42")), em -> null);
        here.inTransaction(Change.token("mine"), em -> null);
        heard.clear(); // the local commit announced itself already

        assertEquals(2, feed.poll());
        assertEquals(java.util.Set.of(Change.user("u1"), Change.instance("note", "42")), java.util.Set.copyOf(heard));
        assertEquals(0, feed.poll(), "read again within the margin, applied once");
        assertEquals(2, heard.size());
    }

    @Test
    void pollWhenARowBecomesVisibleAfterANewerOneThenItIsStillRead() {
        there.inTransaction(Change.user("newer"), em -> null);
        assertEquals(1, feed.poll());
        // A transaction that wrote its row before "newer" but committed after it.
        Instant earlier = now.get().minusSeconds(2);
        there.inTransaction(Change.nothing(), em -> {
            em.persist(new CacheChange("node-there", earlier, "user", "late", null));
            return null;
        });

        assertEquals(1, feed.poll());
        assertTrue(heard.contains(Change.user("late")), heard.toString());
    }

    @Test
    void pollWhenARowHasAKindThisVersionDoesNotKnowThenItIsSkipped() {
        there.inTransaction(Change.nothing(), em -> {
            em.persist(new CacheChange("node-there", now.get(), "tenant", "t1", null));
            return null;
        });
        there.inTransaction(Change.entity("note"), em -> null);

        feed.poll();

        assertEquals(List.of(Change.entity("note")), heard);
    }

    @Test
    void pollWhenRowsAreOlderThanTheRetentionThenTheyArePruned() {
        there.inTransaction(Change.user("old"), em -> null);
        now.set(now.get().plus(ChangeFeed.RETENTION).plusSeconds(31));
        there.inTransaction(Change.user("recent"), em -> null);

        feed.poll();

        List<String> left = here.read(em -> em.createQuery("select c.subject from CacheChange c", String.class)
                .getResultList());
        assertEquals(List.of("recent"), left);
    }

    @Test
    void writeWhenATransactionNamesNoChangeThenNoRowAndEverythingIsFourRegionRows() {
        there.inTransaction(Change.nothing(), em -> null);
        there.inTransaction(em -> null); // names none: everything

        long rows = here.read(em -> em.createQuery("select count(c) from CacheChange c", Long.class).getSingleResult());

        assertEquals(Change.Region.values().length, rows);
        feed.poll();
        assertEquals(java.util.Set.of(Change.Region.values()), java.util.Set.copyOf(heard));
    }
}
