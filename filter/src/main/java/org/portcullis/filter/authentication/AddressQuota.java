package org.portcullis.filter.authentication;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;

/**
 * At most {@code limit} of something per client address in a window (on this node): the limit on new
 * anonymous users per address ({@code anonymous.per.address} an hour). Kept in memory, bounded, in the
 * same {@link FailureWindow} as the sign-in throttle's counts.
 *
 * <pre>{@code
 * AddressQuota quota = new AddressQuota(30, Duration.ofHours(1));
 * Duration wait = quota.take(request.clientAddress());   // ZERO: go on; else 429 with Retry-After
 * }</pre>
 */
public final class AddressQuota {

    /** Addresses remembered at most; the oldest are forgotten first. */
    static final int MAX_ADDRESSES = 100_000;

    private final FailureWindow window;

    public AddressQuota(int limit, Duration window) {
        this(limit, window, Ticker.systemTicker());
    }

    AddressQuota(int limit, Duration window, Ticker ticker) {
        this.window = new FailureWindow(limit, window, MAX_ADDRESSES, ticker);
    }

    /** Counts one for {@code address}; {@link Duration#ZERO} when there was room, else how long until there is. */
    public Duration take(String address) {
        return window.take(address);
    }

    /** Gives back one counted by {@link #take}: the thing it counted was not made after all. */
    public void giveBack(String address) {
        window.giveBack(address);
    }
}
