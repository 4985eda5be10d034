package org.portcullis.filter.authentication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BcryptPoolTest {

    @Test
    void tryRunWhenThereIsRoomThenReturnsTheResult() {
        try (BcryptPool pool = new BcryptPool(1, 1)) {
            assertEquals(Optional.of(42), pool.tryRun(() -> 42));
        }
    }

    @Test
    void tryRunWhenThreadsAndQueueAreFullThenEmptyWithoutWaiting() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        try (BcryptPool pool = new BcryptPool(1, 1)) {
            CompletableFuture<Optional<String>> busy = CompletableFuture.supplyAsync(() -> pool.tryRun(() -> {
                running.countDown();
                await(release);
                return "first";
            }));
            assertTrue(running.await(10, TimeUnit.SECONDS));
            CompletableFuture<Optional<String>> queued = CompletableFuture.supplyAsync(() -> pool.tryRun(() -> "second"));
            waitUntilQueued(pool, queued);

            assertEquals(Optional.empty(), pool.tryRun(() -> "third"), "turned away, not queued");

            release.countDown();
            assertEquals(Optional.of("first"), busy.get(10, TimeUnit.SECONDS));
            assertEquals(Optional.of("second"), queued.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void closeWhenWorkIsQueuedThenItsCallerIsToldBusyInsteadOfWaitingForever() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        BcryptPool pool = new BcryptPool(1, 1);
        CompletableFuture.supplyAsync(() -> pool.tryRun(() -> {
            running.countDown();
            await(release);
            return "first";
        }));
        assertTrue(running.await(10, TimeUnit.SECONDS));
        CompletableFuture<Optional<String>> queued = CompletableFuture.supplyAsync(() -> pool.tryRun(() -> "second"));
        waitUntilQueued(pool, queued);

        pool.close();

        assertEquals(Optional.empty(), queued.get(10, TimeUnit.SECONDS));
        assertEquals(Optional.empty(), pool.tryRun(() -> "after close"));
        release.countDown();
    }

    @Test
    void closeWhenAHashIsRunningThenReturnsOnlyOnceItsThreadHasEnded() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        Thread[] worker = new Thread[1];
        BcryptPool pool = new BcryptPool(1, 1);
        CompletableFuture<Optional<String>> hashing = CompletableFuture.supplyAsync(() -> pool.tryRun(() -> {
            worker[0] = Thread.currentThread();
            running.countDown();
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
            while (System.nanoTime() < until) {
                Thread.onSpinWait(); // as bcrypt does: deaf to interrupts
            }
            return "hashed";
        }));
        assertTrue(running.await(10, TimeUnit.SECONDS));

        pool.close();

        assertFalse(worker[0].isAlive(), "an undeploy must not find the thread still running");
        assertEquals(Optional.of("hashed"), hashing.get(10, TimeUnit.SECONDS), "work already running finishes");
        pool.close(); // again: nothing more to do
    }

    @Test
    void tryRunWhenTheWorkThrowsThenTheSameExceptionReachesTheCaller() {
        try (BcryptPool pool = new BcryptPool(1, 1)) {
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                    () -> pool.tryRun(() -> {
                        throw new IllegalArgumentException("bad input");
                    }));
            assertEquals("bad input", thrown.getMessage());
        }
    }

    /** The queue's one place is taken once a third caller is turned away; poll until then. */
    private static void waitUntilQueued(BcryptPool pool, CompletableFuture<?> queued) throws InterruptedException {
        for (int i = 0; i < 1000 && !queued.isDone(); i++) {
            if (pool.queued() == 1) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the second piece of work never reached the queue");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
