package org.portcullis.filter.authentication;

import java.time.Duration;

/**
 * Exponential back-off of a streak of failures: the first {@code freeFailures} failures in a row cost
 * nothing; after that the next attempt must wait 1 s after the last failure, then 2 s, 4 s, … up to
 * {@code maxDelay}. A success ends the streak; so does an hour without attempts. The rule alone, on a
 * {@link Counters.Counter}: where the streaks live is {@link Counters}' business.
 */
final class Backoff {

    /** How long a streak of failures is remembered after its last attempt. */
    static final Duration MEMORY = Duration.ofHours(1);

    private final int freeFailures;
    private final Duration maxDelay;

    Backoff(int freeFailures, Duration maxDelay) {
        this.freeFailures = freeFailures;
        this.maxDelay = maxDelay;
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

    /** How long an attempt must still wait after {@code streak} ({@code null}: none); {@link Duration#ZERO} to go on. */
    Duration waitFor(Counters.Counter streak, long now) {
        if (streak == null) {
            return Duration.ZERO;
        }
        Duration left = delayAfter(streak.failures()).minusNanos(now - streak.marked());
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** {@code streak} with one more failure, made now. */
    Counters.Counter counted(Counters.Counter streak, long now) {
        return new Counters.Counter(streak == null ? 1 : streak.failures() + 1, now, now + MEMORY.toNanos());
    }
}
