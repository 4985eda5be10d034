package org.portcullis.filter.persistence;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * The one daemon thread of a background job over the database (the erasure of deleted accounts, the mail
 * sender): it runs the job every {@code interval} after a first wait of the same, and on demand
 * ({@link #runSoon}), never two runs at once; {@link #close} stops it, waiting a few seconds for a run
 * under way. The thread keeps the starting thread's context class loader (the web application's).
 *
 * <pre>{@code
 * BackgroundThread thread = BackgroundThread.start("portcullis-mail-sender", Duration.ofSeconds(5), this::runQuietly);
 * thread.runSoon(this::runQuietly);   // after a commit that queued mail
 * thread.close("the mail sender");
 * }</pre>
 */
public final class BackgroundThread {

    private static final Logger LOG = Logger.getLogger(BackgroundThread.class.getName());
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final ScheduledExecutorService executor;
    /** The one thread the executor made, once it has: {@link #close} waits for it to end, not only its tasks. */
    private final AtomicReference<Thread> made;

    private BackgroundThread(ScheduledExecutorService executor, AtomicReference<Thread> made) {
        this.executor = executor;
        this.made = made;
    }

    /** Starts the thread named {@code name}; {@code run} must not throw (a throw would end the schedule). */
    public static BackgroundThread start(String name, Duration interval, Runnable run) {
        Objects.requireNonNull(run, "run");
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        AtomicReference<Thread> made = new AtomicReference<>();
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, name);
            t.setDaemon(true);
            t.setContextClassLoader(loader);
            made.set(t);
            return t;
        });
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(run, millis, millis, TimeUnit.MILLISECONDS);
        return new BackgroundThread(executor, made);
    }

    /** Runs {@code run} once on the thread, after the run under way if any; nothing once stopping. */
    public void runSoon(Runnable run) {
        try {
            executor.execute(run);
        } catch (RejectedExecutionException e) {
            LOG.fine("a background run was asked for while stopping");
        }
    }

    /** Stops the thread, interrupting a run under way and waiting for it a few seconds; {@code what} names it in the log. */
    public void close(String what) throws InterruptedException {
        executor.shutdownNow();
        if (!executor.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warning("Portcullis' " + what + " did not stop within " + STOP_WAIT.toSeconds() + " s");
            return;
        }
        // The executor counts as terminated a moment before its thread has ended: wait for the thread itself,
        // so that a web application's destroy leaves none of ours running.
        Thread thread = made.get();
        if (thread != null) {
            thread.join(STOP_WAIT.toMillis());
        }
    }
}
