package org.portcullis.filter.persistence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.portcullis.model.CacheChange;

/**
 * Each node's reader of the changes the other nodes commit ({@code cache.coordination=database}, CONTRACT §12):
 * every {@code cache.coordination.interval} it reads the {@code cache_change} rows written since the newest it
 * has seen, less {@link #MARGIN}, skips its own and those it has applied, and makes its caches forget what each
 * names, as a local commit would ({@link Database#announceRemote}). The margin catches a row that became visible
 * after a newer one (its transaction committed later than it was written), as long as that took less than
 * {@link #MARGIN}; after longer, {@code cache.ttl} is the backstop. Rows older than {@link #RETENTION} are
 * deleted, by any node, so the table stays bounded. A node that cannot read the rows says so once in its log,
 * and is back on the TTL alone until it can again.
 *
 * <pre>{@code
 * ChangeFeed feed = new ChangeFeed(database, nodeId, Duration.ofMillis(500), clock);
 * feed.start();     // a daemon thread
 * feed.close();
 * }</pre>
 */
public final class ChangeFeed implements AutoCloseable {

    /** How far behind the newest row seen each read starts again. */
    static final Duration MARGIN = Duration.ofSeconds(5);
    /** How long a row is kept: long enough for every node to have read it many times over. */
    static final Duration RETENTION = Duration.ofMinutes(1);
    private static final Duration PRUNE_EVERY = Duration.ofSeconds(30);
    private static final int MAX_ROWS = 10_000;
    private static final Logger LOG = Logger.getLogger(ChangeFeed.class.getName());

    private final Database database;
    private final String node;
    private final Duration interval;
    private final Clock clock;
    /** Rows applied, by id, with their time: forgotten once older than the margin behind {@link #newest}. */
    private final Map<String, Instant> applied = new HashMap<>();
    private Instant newest;
    private Instant lastPrune = Instant.EPOCH;
    private boolean failing;
    private BackgroundThread thread;

    public ChangeFeed(Database database, String node, Duration interval, Clock clock) {
        this.database = database;
        this.node = node;
        this.interval = interval;
        this.clock = clock;
    }

    /** Starts reading on a daemon thread. */
    public synchronized void start() {
        if (thread == null) {
            thread = BackgroundThread.start("portcullis-cache-coordination", interval, this::pollQuietly);
        }
    }

    private void pollQuietly() {
        try {
            poll();
            if (failing) {
                failing = false;
                LOG.info("Portcullis reads the other nodes' changes again (cache.coordination=database)");
            }
        } catch (RuntimeException e) {
            // Still connecting, the database away, or anything else: caches fall back to cache.ttl meanwhile.
            noteFailure(e);
        }
    }

    private void noteFailure(RuntimeException e) {
        if (!failing) {
            failing = true;
            LOG.log(Level.WARNING, "Portcullis cannot read the other nodes' changes (" + e.getClass().getSimpleName()
                    + "); until it can, they reach this node within cache.ttl only", e);
        }
    }

    /** One read: applies the new rows of other nodes, and now and then prunes old rows. */
    synchronized int poll() {
        Instant now = clock.instant();
        Instant since = newest == null ? now.minus(MARGIN) : newest.minus(MARGIN);
        List<CacheChange> rows = database.read(em -> em.createQuery("select c from CacheChange c"
                        + " where c.createdAt >= :since order by c.createdAt", CacheChange.class)
                .setParameter("since", since.toEpochMilli())
                .setMaxResults(MAX_ROWS)
                .getResultList());
        int fresh = 0;
        for (CacheChange row : rows) {
            if (newest == null || row.getCreatedAt().isAfter(newest)) {
                newest = row.getCreatedAt();
            }
            if (row.getNodeId().equals(node) || applied.containsKey(row.getId())) {
                continue;
            }
            applied.put(row.getId(), row.getCreatedAt());
            ChangeLog.read(row).ifPresent(change -> database.announceRemote(ChangeLog.tenant(row), change));
            fresh++;
        }
        if (rows.size() == MAX_ROWS) {
            database.announceRemote(null, Change.everything()); // more than one read holds: forget everything instead
        }
        if (newest != null) {
            Instant horizon = newest.minus(MARGIN);
            applied.values().removeIf(at -> at.isBefore(horizon));
        }
        if (Duration.between(lastPrune, now).compareTo(PRUNE_EVERY) >= 0) {
            lastPrune = now;
            long before = now.minus(RETENTION).toEpochMilli();
            database.inTransaction(Change.nothing(), em -> em.createQuery("delete from CacheChange c"
                    + " where c.createdAt < :before").setParameter("before", before).executeUpdate());
        }
        return fresh;
    }

    /** Stops the reader. */
    @Override
    public synchronized void close() throws InterruptedException {
        if (thread != null) {
            thread.close("cache coordination");
            thread = null;
        }
    }
}
