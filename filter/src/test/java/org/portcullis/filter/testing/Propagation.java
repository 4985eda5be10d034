package org.portcullis.filter.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * How long a change made on one node takes to be honoured on another, measured rather than slept through:
 * {@link #within} polls every 20 ms from the moment of the change, records what it measured and fails past
 * the deadline. It keeps polling up to four deadlines so that a late change is reported with its delay.
 */
public final class Propagation {

    private final Duration deadline;
    private final Duration ttl;
    private final List<Duration> measured = new ArrayList<>();

    /** {@code ttl}: the nodes' {@code cache.ttl}, named in a failure (a change seen only after it was not carried). */
    public Propagation(Duration deadline, Duration ttl) {
        this.deadline = deadline;
        this.ttl = ttl;
    }

    /** Waits until {@code condition} holds, {@code since} being {@link System#nanoTime()} of the change. */
    public void within(BooleanSupplier condition, long since, String what) {
        long giveUp = since + deadline.multipliedBy(4).toNanos();
        while (System.nanoTime() < giveUp) {
            if (condition.getAsBoolean()) {
                Duration seen = Duration.ofNanos(System.nanoTime() - since);
                measured.add(seen);
                assertTrue(seen.compareTo(deadline) <= 0, what + " was seen only after " + seen.toMillis() + " ms");
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        fail(what + " was not seen within " + deadline.multipliedBy(4).toMillis() + " ms (cache.ttl is " + ttl + ")");
    }

    /** Every delay measured so far, in the order measured. */
    public List<Duration> measured() {
        return List.copyOf(measured);
    }
}
