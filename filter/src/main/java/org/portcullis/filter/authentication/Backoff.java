package org.portcullis.filter.authentication;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;

/**
 * Exponential back-off per key: the first {@code freeFailures} failures in a row cost nothing; after
 * that the next attempt must wait 1 s after the last failure, then 2 s, 4 s, … up to
 * {@code maxDelay}. A success resets the key; so does an hour without attempts.
 */
final class Backoff {

    /** How long a streak of failures is remembered after its last attempt. */
    static final Duration MEMORY = Duration.ofHours(1);

    private record Streak(int failures, long lastNanos) {
    }

    private final int freeFailures;
    private final Duration maxDelay;
    private final Ticker ticker;
    private final Cache<String, Streak> streaks;

    Backoff(int freeFailures, Duration maxDelay, int maxKeys, Ticker ticker) {
        this.freeFailures = freeFailures;
        this.maxDelay = maxDelay;
        this.ticker = ticker;
        this.streaks = Caffeine.newBuilder()
                .maximumSize(maxKeys)
                .expireAfterWrite(MEMORY)
                .ticker(ticker)
                // Upkeep on the calling thread: no work left on a shared pool after an undeploy.
                .executor(Runnable::run)
                .build();
    }

    /** The wait before the attempt after {@code failures} failures in a row. */
    Duration delayAfter(int failures) {
        if (failures < freeFailures) {
            return Duration.ZERO;
        }
        int doublings = failures - freeFailures;
        if (doublings >= 30) {
            return maxDelay;
        }
        Duration delay = Duration.ofSeconds(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    /**
     * Counts an attempt as a failure if the key's back-off has passed.
     *
     * @return {@link Duration#ZERO} when counted, otherwise how long is left to wait
     */
    Duration take(String key) {
        long now = ticker.read();
        Duration[] wait = {Duration.ZERO};
        streaks.asMap().compute(key, (k, streak) -> {
            if (streak == null) {
                return new Streak(1, now);
            }
            Duration left = delayAfter(streak.failures()).minusNanos(now - streak.lastNanos());
            if (left.isNegative() || left.isZero()) {
                return new Streak(streak.failures() + 1, now);
            }
            wait[0] = left;
            return streak;
        });
        return wait[0];
    }

    /** Takes back one failure counted by {@link #take}, for an attempt that never ran. */
    void giveBack(String key) {
        streaks.asMap().computeIfPresent(key,
                (k, streak) -> streak.failures() <= 1 ? null : new Streak(streak.failures() - 1, streak.lastNanos()));
    }

    /** Ends the key's streak: the password was right. */
    void reset(String key) {
        streaks.invalidate(key);
    }
}
