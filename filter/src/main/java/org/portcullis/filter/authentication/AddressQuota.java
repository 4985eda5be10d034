package org.portcullis.filter.authentication;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.portcullis.filter.persistence.Database;

/**
 * At most {@code limit} of something per client address in a window: the limit on new anonymous users per
 * address ({@code anonymous.per.address} an hour). Counted in a {@link FailureWindow} as the sign-in
 * throttle's counts are, and where they are ({@code signin.throttle.store}): in the shared database, so that
 * every node counts together, or in this node's memory, bounded.
 *
 * <pre>{@code
 * AddressQuota quota = AddressQuota.shared(30, Duration.ofHours(1), database, Clock.systemUTC());
 * Duration wait = quota.take(request.clientAddress());   // ZERO: go on; else 429 with Retry-After
 * }</pre>
 */
public final class AddressQuota {

    /** Addresses remembered at most; the oldest are forgotten first. */
    static final int MAX_ADDRESSES = 100_000;

    private static final String KIND = "anonymous";

    private final FailureWindow window;
    private final Counters counters;

    private AddressQuota(int limit, Duration window, Counters counters) {
        this.window = new FailureWindow(limit, window);
        this.counters = counters;
    }

    /** Counted in this node's memory, at most {@value #MAX_ADDRESSES} addresses. */
    public static AddressQuota inMemory(int limit, Duration window) {
        return inMemory(limit, window, Ticker.systemTicker());
    }

    /** As {@link #inMemory(int, Duration)}, on {@code ticker}'s time. */
    public static AddressQuota inMemory(int limit, Duration window, Ticker ticker) {
        return new AddressQuota(limit, window, new MemoryCounters(MAX_ADDRESSES, ticker));
    }

    /** Counted in {@code database}'s table {@code signin_counter}, together with every node that uses it. */
    public static AddressQuota shared(int limit, Duration window, Database database, Clock clock) {
        return new AddressQuota(limit, window, new DatabaseCounters(database, clock));
    }

    /** Counts one for {@code address}; {@link Duration#ZERO} when there was room, else how long until there is. */
    public Duration take(String address) {
        Counters.Key key = new Counters.Key(KIND, address);
        return counters.update(List.of(key), (live, now) -> {
            Duration wait = window.waitFor(live.get(key), now);
            if (wait.isZero()) {
                live.put(key, window.counted(live.get(key), now));
            }
            return wait;
        });
    }

    /** Gives back one counted by {@link #take}: the thing it counted was not made after all. */
    public void giveBack(String address) {
        Counters.Key key = new Counters.Key(KIND, address);
        counters.update(List.of(key), (live, now) -> {
            Counters.lessOne(live, key);
            return null;
        });
    }
}
