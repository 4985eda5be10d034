package org.portcullis.filter.authentication;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;

/**
 * At most {@code limit} failures per key in a window that opens at the key's first failure and
 * lasts {@code window}; past the limit, attempts wait until the window closes. Kept in a bounded
 * Caffeine cache whose entries expire with their window.
 */
final class FailureWindow {

    private record Count(int failures, long openedNanos) {
    }

    private final int limit;
    private final Duration window;
    private final Ticker ticker;
    private final Cache<String, Count> counts;

    FailureWindow(int limit, Duration window, int maxKeys, Ticker ticker) {
        this.limit = limit;
        this.window = window;
        this.ticker = ticker;
        this.counts = Caffeine.newBuilder()
                .maximumSize(maxKeys)
                .expireAfter(Expiry.<String, Count>creating((key, count) -> window))
                .ticker(ticker)
                // Upkeep on the calling thread: no work left on a shared pool after an undeploy.
                .executor(Runnable::run)
                .build();
    }

    /**
     * Counts an attempt as a failure if the key has room left in its window.
     *
     * @return {@link Duration#ZERO} when counted, otherwise how long until the window closes
     */
    Duration take(String key) {
        long now = ticker.read();
        Duration[] wait = {Duration.ZERO};
        counts.asMap().compute(key, (k, count) -> {
            Duration left = count == null ? Duration.ZERO : window.minusNanos(now - count.openedNanos());
            if (left.isNegative() || left.isZero()) {
                return new Count(1, now); // a new window
            }
            if (count.failures() >= limit) {
                wait[0] = left;
                return count;
            }
            return new Count(count.failures() + 1, count.openedNanos());
        });
        return wait[0];
    }

    /** Takes back one failure counted by {@link #take}: the attempt succeeded or never ran. */
    void giveBack(String key) {
        counts.asMap().computeIfPresent(key,
                (k, count) -> count.failures() <= 1 ? null : new Count(count.failures() - 1, count.openedNanos()));
    }
}
