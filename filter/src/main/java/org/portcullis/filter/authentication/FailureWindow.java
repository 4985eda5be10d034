package org.portcullis.filter.authentication;

import java.time.Duration;

/**
 * At most {@code limit} failures in a window that opens at the first failure and lasts {@code window};
 * past the limit, attempts wait until the window closes. The rule alone, on a {@link Counters.Counter}
 * that expires with its window.
 */
final class FailureWindow {

    private final int limit;
    private final Duration window;

    FailureWindow(int limit, Duration window) {
        this.limit = limit;
        this.window = window;
    }

    /** How long until {@code count} ({@code null}: none) has room again; {@link Duration#ZERO} when it has. */
    Duration waitFor(Counters.Counter count, long now) {
        if (count == null || count.failures() < limit) {
            return Duration.ZERO;
        }
        Duration left = window.minusNanos(now - count.marked());
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** {@code count} with one more failure, in its window or in a new one if that has closed. */
    Counters.Counter counted(Counters.Counter count, long now) {
        if (count == null || now - count.marked() >= window.toNanos()) {
            return new Counters.Counter(1, now, now + window.toNanos());
        }
        return new Counters.Counter(count.failures() + 1, count.marked(), count.expires());
    }
}
