package org.portcullis.filter.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.portcullis.filter.testing.TestClock;

/** The one cache type behind {@link AccessCache}: hits, time-to-live, bounds, invalidation and its races. */
class CachedRowsTest {

    private static final Duration TTL = Duration.ofSeconds(5);

    private final TestClock ticker = new TestClock();
    private final AtomicInteger loads = new AtomicInteger();

    private String load(String key) {
        return key + "#" + loads.incrementAndGet();
    }

    @Test
    void getWhenCachedThenTheSecondReadDoesNotLoad() {
        CachedRows<String, String> rows = new CachedRows<>(TTL, 100, ticker);

        assertEquals("a#1", rows.get("a", this::load));
        assertEquals("a#1", rows.get("a", this::load));
        assertEquals(1, loads.get());
    }

    @Test
    void getWhenTimeToLivePassedThenLoadsAgain() {
        CachedRows<String, String> rows = new CachedRows<>(TTL, 100, ticker);
        rows.get("a", this::load);

        ticker.advance(TTL.minusMillis(1));
        assertEquals("a#1", rows.get("a", this::load), "still fresh just before the time-to-live");
        ticker.advance(Duration.ofMillis(1));
        assertEquals("a#2", rows.get("a", this::load), "read again once the time-to-live has passed");
    }

    @Test
    void getWhenTimeToLiveZeroThenEveryReadLoadsAndNothingIsHeld() {
        CachedRows<String, String> rows = new CachedRows<>(Duration.ZERO, 100, ticker);

        rows.get("a", this::load);
        rows.get("a", this::load);
        rows.getAll(List.of("a", "b"), this::loadAll);

        assertEquals(4, loads.get());
        assertEquals(0, rows.size());
    }

    @Test
    void invalidateWhenKeyCachedThenOnlyThatKeyLoadsAgain() {
        CachedRows<String, String> rows = new CachedRows<>(TTL, 100, ticker);
        rows.get("a", this::load);
        rows.get("b", this::load);

        rows.invalidate("a");

        assertEquals("a#3", rows.get("a", this::load));
        assertEquals("b#2", rows.get("b", this::load));
    }

    @Test
    void invalidateAllWhenManyCachedThenEveryKeyLoadsAgain() {
        CachedRows<String, String> rows = new CachedRows<>(TTL, 100, ticker);
        rows.get("a", this::load);
        rows.get("b", this::load);

        rows.invalidateAll();

        assertEquals("a#3", rows.get("a", this::load));
        assertEquals("b#4", rows.get("b", this::load));
    }

    @Test
    void sizeWhenMoreKeysThanTheBoundThenAtMostTheBoundIsHeld() {
        CachedRows<String, String> rows = new CachedRows<>(TTL, 10, ticker);
        for (int i = 0; i < 1000; i++) {
            rows.get("k" + i, this::load);
        }
        assertTrue(rows.size() <= 10, "held " + rows.size());
    }

    @Test
    void getWhenInvalidatedWhileLoadingThenTheOldReadIsNotKept() {
        CachedRows<String, String> rows = new CachedRows<>(TTL, 100, ticker);
        // The load read the row, then a writer committed and invalidated before the load could store it.
        String first = rows.get("a", key -> {
            String read = load(key);
            rows.invalidate(key);
            return read;
        });

        assertEquals("a#1", first, "the caller still gets what was read");
        assertEquals("a#2", rows.get("a", this::load), "but it was not cached");
    }

    @Test
    void getAllWhenInvalidatedWhileLoadingThenTheOldReadsAreNotKept() {
        CachedRows<String, String> rows = new CachedRows<>(TTL, 100, ticker);
        rows.getAll(List.of("a", "b"), keys -> {
            Map<String, String> read = loadAll(keys);
            rows.invalidateAll();
            return read;
        });

        rows.getAll(List.of("a", "b"), this::loadAll);
        assertEquals(4, loads.get(), "both keys were read again");
    }

    @Test
    void getAllWhenSomeCachedThenOnlyTheOthersAreLoadedInOneCall() {
        CachedRows<String, String> rows = new CachedRows<>(TTL, 100, ticker);
        rows.get("a", this::load);
        List<Set<String>> asked = new ArrayList<>();

        List<String> got = rows.getAll(List.of("a", "b", "c"), keys -> {
            asked.add(Set.copyOf(keys));
            return loadAll(keys);
        });

        assertEquals(List.of(Set.of("b", "c")), asked);
        assertEquals("a#1", got.get(0));
        assertEquals(3, got.size(), "one value per key, in the keys' order");
        assertTrue(got.get(1).startsWith("b#") && got.get(2).startsWith("c#"), got.toString());
        assertEquals(got, rows.getAll(List.of("a", "b", "c"), keys -> {
            throw new AssertionError("everything is cached now, yet " + keys + " was loaded");
        }));
    }

    private Map<String, String> loadAll(Set<String> keys) {
        Map<String, String> out = new HashMap<>();
        keys.forEach(k -> out.put(k, load(k)));
        return out;
    }

    /** A read of "a" that the test holds: the first call waits for {@link #release}, later ones return at once. */
    private final class HeldRead {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile RuntimeException failure;

        String load(String key) {
            int n = loads.incrementAndGet();
            if (n == 1) {
                started.countDown();
                try {
                    assertTrue(release.await(10, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                if (failure != null) {
                    throw failure;
                }
            }
            return key + "#" + n;
        }
    }

    /** Starts {@code rows.get("a")} on a thread of its own, once the held read has begun. */
    private static CompletableFuture<String> firstReader(CachedRows<String, String> rows, HeldRead read)
            throws InterruptedException {
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> rows.get("a", read::load));
        assertTrue(read.started.await(10, TimeUnit.SECONDS));
        return first;
    }

    /** Starts {@code rows.get("a")} on a thread of its own and waits until that thread is parked. */
    private static CompletableFuture<String> parkedReader(CachedRows<String, String> rows, HeldRead read)
            throws InterruptedException {
        Thread[] thread = new Thread[1];
        CompletableFuture<String> second = new CompletableFuture<>();
        thread[0] = new Thread(() -> {
            try {
                second.complete(rows.get("a", read::load));
            } catch (RuntimeException e) {
                second.completeExceptionally(e);
            }
        });
        thread[0].start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread[0].getState() != Thread.State.WAITING && !second.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        return second;
    }

    @Test
    void getWhenManyMissTheSameKeyAtOnceThenOneReadServesThemAll() throws Exception {
        CachedRows<String, String> rows = new CachedRows<>(TTL, 100, ticker);
        HeldRead read = new HeldRead();
        CompletableFuture<String> first = firstReader(rows, read);

        CompletableFuture<String> second = parkedReader(rows, read);
        assertTrue(!second.isDone(), "the second caller waits for the read under way instead of reading too");
        read.release.countDown();

        assertEquals("a#1", first.get(10, TimeUnit.SECONDS));
        assertEquals("a#1", second.get(10, TimeUnit.SECONDS));
        assertEquals(1, loads.get());
    }

    @Test
    void getWhenAChangeLandsWhileTheReadRunsThenALaterCallerReadsForItself() throws Exception {
        CachedRows<String, String> rows = new CachedRows<>(TTL, 100, ticker);
        HeldRead read = new HeldRead();
        CompletableFuture<String> first = firstReader(rows, read);

        rows.invalidate("a"); // the read under way may have seen the row before this change
        assertEquals("a#2", rows.get("a", read::load), "not the read from before the change");
        read.release.countDown();

        assertEquals("a#1", first.get(10, TimeUnit.SECONDS));
        assertEquals("a#2", rows.get("a", read::load), "the earlier read was not kept");
        assertEquals(2, loads.get());
    }

    @Test
    void getWhenTheSharedReadFailsThenItsWaitersFailAlikeAndTheNextCallerReadsAgain() throws Exception {
        CachedRows<String, String> rows = new CachedRows<>(TTL, 100, ticker);
        HeldRead read = new HeldRead();
        read.failure = new IllegalStateException("the database is down");
        CompletableFuture<String> first = firstReader(rows, read);

        CompletableFuture<String> second = parkedReader(rows, read);
        read.release.countDown();

        ExecutionException firstFailure = assertThrows(ExecutionException.class, () -> first.get(10, TimeUnit.SECONDS));
        ExecutionException secondFailure = assertThrows(ExecutionException.class, () -> second.get(10, TimeUnit.SECONDS));
        assertSame(read.failure, firstFailure.getCause());
        assertSame(read.failure, secondFailure.getCause());
        assertEquals(1, loads.get());
        assertEquals("a#2", rows.get("a", read::load), "a failure is not remembered");
    }
}
