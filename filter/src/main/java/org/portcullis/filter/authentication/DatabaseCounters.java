package org.portcullis.filter.authentication;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.portcullis.filter.identity.OpaqueToken;
import org.portcullis.filter.persistence.Change;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.persistence.DatabaseUnavailableException;
import org.portcullis.model.SigninCounter;

/**
 * {@link Counters} in the database every node shares ({@code signin.throttle.store=database}, table
 * {@code signin_counter}), so that failures spread over N nodes are counted as on one. Without locks: an update
 * reads its rows in one query, lets the throttle decide, and writes what changed in one short transaction, each
 * row with an {@code UPDATE … WHERE} the values it read (or an {@code INSERT}, or a {@code DELETE} on the same
 * condition). When another node got there first a statement matches nothing (or an insert meets the row the
 * other node inserted), the transaction rolls back, and the update starts again from a new read. The rows are
 * written in the order of their keys, so two nodes never wait for each other crosswise. Times are wall-clock
 * milliseconds, the same on every node within the nodes' clock drift.
 *
 * <p>A key is stored as the SHA-256 of its kind and value, so the table holds no e-mail or address. Expired
 * rows count as absent, and at most once a minute the node that happens to write deletes those past their time.
 */
final class DatabaseCounters implements Counters {

    /**
     * Tries of one update before it gives up (503); each lost try means another update of the same rows went
     * through. Between tries a random pause of up to 1, 2, 4, … 32 ms spreads the contenders out.
     */
    static final int MAX_TRIES = 30;
    private static final long NANOS_PER_MILLI = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long PRUNE_EVERY = Duration.ofMinutes(1).toMillis();

    private final Database database;
    private final Clock clock;
    private final AtomicLong lastPrune;

    DatabaseCounters(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
        this.lastPrune = new AtomicLong(clock.millis());
    }

    /** The other node changed a row between our read and our write. */
    private static final class Lost extends RuntimeException {
        Lost() {
            super(null, null, false, false);
        }
    }

    @Override
    public <T> T update(List<Key> keys, Work<T> work) {
        // In the order of their hashes, the order rows are written in: no two nodes wait for each other crosswise.
        Map<Key, String> hashes = new LinkedHashMap<>();
        keys.stream().map(key -> Map.entry(key, OpaqueToken.hash(key.kind() + '\u0000' + key.value())))
                .sorted(Map.Entry.comparingByValue())
                .forEach(entry -> hashes.put(entry.getKey(), entry.getValue()));
        List<Key> inWriteOrder = List.copyOf(hashes.keySet());
        for (int tries = 0; tries < MAX_TRIES; tries++) {
            long now = clock.millis();
            Map<String, SigninCounter> rows = read(hashes.values());
            Map<Key, Counter> before = new HashMap<>();
            hashes.forEach((key, hash) -> {
                SigninCounter row = rows.get(hash);
                if (row != null) {
                    live(row, now).ifPresent(counter -> before.put(key, counter));
                }
            });
            List<Write> changes = new ArrayList<>();
            T answer = Counters.decide(inWriteOrder, before, now * NANOS_PER_MILLI, work, (key, after) -> {
                String hash = hashes.get(key);
                changes.add(new Write(hash, rows.get(hash), after));
            });
            if (changes.isEmpty() || write(changes)) {
                pruneNowAndThen(now);
                return answer;
            }
            pause(tries);
        }
        throw new DatabaseUnavailableException("the sign-in counters kept changing under " + MAX_TRIES + " tries",
                null);
    }

    private static void pause(int lost) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1L << Math.min(lost, 5)) + 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseUnavailableException("interrupted while counting a sign-in", e);
        }
    }

    private Map<String, SigninCounter> read(Collection<String> hashes) {
        List<SigninCounter> found = database.read(em -> em.createQuery(
                "select c from SigninCounter c where c.keyHash in :keys", SigninCounter.class)
                .setParameter("keys", List.copyOf(hashes))
                .getResultList());
        Map<String, SigninCounter> rows = new HashMap<>();
        for (SigninCounter row : found) {
            rows.put(row.getKeyHash(), row);
        }
        return rows;
    }

    /**
     * One row to write.
     *
     * @param seen the row as read, expired or not; {@code null} when there was none
     * @param next the new counter; {@code null} to delete the row
     */
    private record Write(String hash, SigninCounter seen, Counter next) {
    }

    /** Writes every change in one transaction; false when another node changed one of the rows since the read. */
    private boolean write(List<Write> changes) {
        try {
            database.inTransaction(Change.nothing(), em -> {
                for (Write change : changes) {
                    if (apply(em, change) != 1) {
                        throw new Lost();
                    }
                }
                return null;
            });
            return true;
        } catch (Lost lost) {
            return false;
        } catch (DatabaseUnavailableException e) {
            // An insert that met the row another node inserted first, most likely: if the rows can be read
            // again, try again (bounded by MAX_TRIES); if not, the database is away.
            database.read(em -> em.find(SigninCounter.class, "-")); // throws when the database is away
            return false;
        }
    }

    private static int apply(EntityManager em, Write change) {
        Counter next = change.next();
        if (change.seen() == null) {
            if (next == null) {
                return 1;
            }
            em.persist(new SigninCounter(change.hash(), next.failures(), millis(next.marked()), millis(next.expires())));
            em.flush();
            return 1;
        }
        if (next == null) {
            return matching(em, "delete from SigninCounter c", change.seen()).executeUpdate();
        }
        return matching(em, "update SigninCounter c set c.failures = :failures, c.markedAt = :markedAt,"
                + " c.expiresAt = :expiresAt", change.seen())
                .setParameter("failures", next.failures())
                .setParameter("markedAt", millis(next.marked()))
                .setParameter("expiresAt", millis(next.expires()))
                .executeUpdate();
    }

    private static Query matching(EntityManager em, String statement, SigninCounter seen) {
        return em.createQuery(statement + " where c.keyHash = :key and c.failures = :seenFailures"
                        + " and c.markedAt = :seenMarkedAt and c.expiresAt = :seenExpiresAt")
                .setParameter("key", seen.getKeyHash())
                .setParameter("seenFailures", seen.getFailures())
                .setParameter("seenMarkedAt", seen.getMarkedAt())
                .setParameter("seenExpiresAt", seen.getExpiresAt());
    }

    private void pruneNowAndThen(long now) {
        long last = lastPrune.get();
        if (now - last < PRUNE_EVERY || !lastPrune.compareAndSet(last, now)) {
            return;
        }
        database.inTransaction(Change.nothing(), em -> em.createQuery(
                "delete from SigninCounter c where c.expiresAt < :now").setParameter("now", now).executeUpdate());
    }

    private static Optional<Counter> live(SigninCounter row, long nowMillis) {
        if (row.getExpiresAt() <= nowMillis) {
            return Optional.empty();
        }
        return Optional.of(new Counter(row.getFailures(), row.getMarkedAt() * NANOS_PER_MILLI,
                row.getExpiresAt() * NANOS_PER_MILLI));
    }

    private static long millis(long nanos) {
        return Math.floorDiv(nanos, NANOS_PER_MILLI);
    }
}
