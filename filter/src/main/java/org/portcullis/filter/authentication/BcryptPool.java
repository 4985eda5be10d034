package org.portcullis.filter.authentication;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * A few threads, and a short queue, for the deliberately slow password work of sign-in and sign-up.
 * A storm of sign-ins then keeps at most {@code threads} cores busy with bcrypt while the container's
 * other threads serve ordinary requests; once the queue is full, more work is turned away at once
 * instead of waiting without end.
 *
 * <pre>{@code
 * Optional<Boolean> ok = pool.tryRun(() -> passwords.matches(password, hash)); // empty: busy, answer 503
 * }</pre>
 *
 * <p>Threads idle for {@link #IDLE} end, so a pool nobody closes (a filter whose start failed half-way)
 * does not keep them.
 */
public final class BcryptPool implements AutoCloseable, Executor {

    /** How long a thread waits for work before it ends. */
    static final Duration IDLE = Duration.ofSeconds(60);

    /**
     * How long {@link #close} waits for the threads to end: a hash already running is not
     * interrupted (bcrypt does not look), and one at cost 16 takes a few seconds.
     */
    static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private static final Logger LOG = Logger.getLogger(BcryptPool.class.getName());

    private final ThreadPoolExecutor executor;
    /** Every thread made and not yet seen ended: the executor says it terminated a moment before they are gone. */
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    public BcryptPool(int threads, int queue) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = work -> {
            Thread thread = new Thread(work, "portcullis-bcrypt-" + count.incrementAndGet());
            thread.setDaemon(true);
            this.threads.removeIf(made -> !made.isAlive());
            this.threads.add(thread);
            return thread;
        };
        this.executor = new ThreadPoolExecutor(threads, threads, IDLE.toMillis(), TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queue), factory, new ThreadPoolExecutor.AbortPolicy());
        executor.allowCoreThreadTimeOut(true);
    }

    /**
     * Runs {@code work} on the pool without waiting for it: work no caller waits for, such as the
     * dummy hash made at start.
     *
     * @throws RejectedExecutionException when the pool and its queue are full, or the pool is closed
     */
    @Override
    public void execute(Runnable work) {
        executor.execute(work);
    }

    /**
     * Runs {@code work} on the pool and waits for it.
     *
     * @return its result, or empty when the pool and its queue are full (or the pool is shut down)
     */
    public <T> Optional<T> tryRun(Supplier<T> work) {
        Future<T> future;
        try {
            future = executor.submit(work::get);
        } catch (RejectedExecutionException full) {
            return Optional.empty();
        }
        try {
            return Optional.of(future.get());
        } catch (CancellationException stopped) {
            return Optional.empty();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** How much work waits for a thread. */
    int queued() {
        return executor.getQueue().size();
    }

    /**
     * Stops the threads and waits for them to end, at most {@link #STOP_WAIT}: work already running
     * finishes, queued work is dropped. A thread left running would keep the web application's class
     * loader alive after an undeploy. Closing again does nothing more.
     */
    @Override
    public void close() {
        for (Runnable dropped : executor.shutdownNow()) {
            if (dropped instanceof Future<?> waitedFor) {
                waitedFor.cancel(false); // its caller stops waiting and answers "busy"
            }
        }
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        try {
            for (Thread thread : threads) {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads.removeIf(thread -> !thread.isAlive());
        if (!threads.isEmpty()) {
            LOG.warning("Portcullis' bcrypt threads were still working " + STOP_WAIT.toSeconds()
                    + " s after the filter was stopped; they end when their hash is done");
        }
    }
}
