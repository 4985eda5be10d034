package org.portcullis.filter.authentication;

import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A few threads, and a short queue, for the deliberately slow password work of sign-in and sign-up.
 * A storm of sign-ins then keeps at most {@code threads} cores busy with bcrypt while the container's
 * other threads serve ordinary requests; once the queue is full, more work is turned away at once
 * instead of waiting without end.
 *
 * <pre>{@code
 * Optional<Boolean> ok = pool.tryRun(() -> passwords.matches(password, hash)); // empty: busy, answer 503
 * }</pre>
 */
public final class BcryptPool implements AutoCloseable {

    private final ThreadPoolExecutor executor;

    public BcryptPool(int threads, int queue) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = work -> {
            Thread thread = new Thread(work, "portcullis-bcrypt-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queue), factory, new ThreadPoolExecutor.AbortPolicy());
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

    /** Stops the threads; work already running finishes, queued work is dropped. */
    @Override
    public void close() {
        for (Runnable dropped : executor.shutdownNow()) {
            if (dropped instanceof Future<?> waitedFor) {
                waitedFor.cancel(false); // its caller stops waiting and answers "busy"
            }
        }
    }
}
