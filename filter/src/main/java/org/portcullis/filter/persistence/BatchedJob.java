package org.portcullis.filter.persistence;

import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.portcullis.filter.tenancy.Tenant;

/**
 * A background job that works through the database in bounded batches, each its own transaction, on one
 * {@link BackgroundThread}: the erasure of deleted accounts, the clean-up of idle anonymous users. A run goes
 * on until a batch comes back short of {@code batchSize}, at most {@code maxBatches} batches, so a backlog
 * never holds the thread for long; a batch must select only what is still to do, so that a run that stops
 * half-way leaves whole batches done and the next run (on this node or another) finds the rest.
 *
 * <pre>{@code
 * BatchedJob job = new BatchedJob("portcullis-account-erasure", "account erasure", database, clock, interval,
 *         100, 50, Change.Region.USERS, (em, now) -> eraseBatch(em, now), n -> "erased " + n + " account(s)");
 * registry.onStart(job::start);
 * registry.onStop(job);
 * }</pre>
 */
public final class BatchedJob implements AutoCloseable {

    /** One batch, in its transaction: does at most the batch size of work due at {@code now}, and says how much. */
    @FunctionalInterface
    public interface Batch {
        int run(EntityManager em, Instant now);
    }

    private static final Logger LOG = Logger.getLogger(BatchedJob.class.getName());

    private final String threadName;
    private final String what;
    private final Database database;
    private final Clock clock;
    private final Duration interval;
    private final int batchSize;
    private final int maxBatches;
    private final Change change;
    private final Batch batch;
    private final IntFunction<String> report;
    private BackgroundThread thread;

    /**
     * @param what   the job's name in log lines, e.g. {@code account erasure}
     * @param report the INFO line after a run that did {@code n > 0} things
     */
    public BatchedJob(String threadName, String what, Database database, Clock clock, Duration interval, int batchSize,
                      int maxBatches, Change change, Batch batch, IntFunction<String> report) {
        this.threadName = Objects.requireNonNull(threadName, "threadName");
        this.what = Objects.requireNonNull(what, "what");
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.batchSize = batchSize;
        this.maxBatches = maxBatches;
        this.change = Objects.requireNonNull(change, "change");
        this.batch = Objects.requireNonNull(batch, "batch");
        this.report = Objects.requireNonNull(report, "report");
    }

    /** Starts the one daemon thread that runs {@link #runOnce} every {@code interval}. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("the " + what + " has been started already");
        }
        thread = BackgroundThread.start(threadName, interval, this::runQuietly);
    }

    /**
     * One run for every configured tenant in turn, that tenant bound: batch after batch, each in its own
     * transaction.
     *
     * @return how many things were done
     * @throws DatabaseUnavailableException when the database cannot be reached; what was committed stays
     */
    public int runOnce() {
        int done = 0;
        for (Tenant tenant : database.tenants().all()) {
            done += database.tenants().as(tenant, this::runForTenant);
        }
        return done;
    }

    private int runForTenant() {
        int done = 0;
        for (int i = 0; i < maxBatches; i++) {
            Instant now = clock.instant();
            int one = database.inTransaction(change, em -> batch.run(em, now));
            done += one;
            if (one < batchSize) {
                break;
            }
        }
        return done;
    }

    private void runQuietly() {
        try {
            int done = runOnce();
            if (done > 0) {
                LOG.info(() -> "Portcullis " + report.apply(done));
            }
        } catch (DatabaseUnavailableException e) {
            LOG.fine(() -> "Portcullis' " + what + " waits for the database: " + e.getClass().getName());
        } catch (RuntimeException e) {
            // Never let the schedule die: the next run tries again.
            LOG.log(Level.WARNING, "Portcullis' " + what + " failed; it runs again in " + interval, e);
        }
    }

    /** Stops the thread, waiting a few seconds for a run under way; a second close does nothing. */
    @Override
    public synchronized void close() throws InterruptedException {
        if (thread != null) {
            thread.close(what);
            thread = null;
        }
    }

    @Override
    public String toString() {
        return "the " + what + " job";
    }
}
