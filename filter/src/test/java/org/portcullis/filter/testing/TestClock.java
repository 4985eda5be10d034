package org.portcullis.filter.testing;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one clock a test moves by hand: a wall {@link Clock} (tokens' {@code iat} and {@code exp}) and a
 * Caffeine {@link Ticker} (caches, throttles, back-off) in one object, to be passed as either.
 * {@link #advance} moves both, as time passing would; {@link #set} moves the wall clock alone, as a clock
 * stepped by NTP would, while the ticker, like {@link System#nanoTime()}, never jumps.
 *
 * <pre>{@code
 * TestClock time = new TestClock(Instant.parse("2026-11-21T12:00:00Z"));
 * AccessCache cache = TestCaches.over(database, Duration.ofSeconds(5), 1000, time);
 * TokenService tokens = new TokenService(secret, "portcullis", Duration.ofMinutes(10), time);
 * time.advance(Duration.ofSeconds(5)); // the cache's rows are due, the token is not
 * }</pre>
 */
public final class TestClock extends Clock implements Ticker {

    /** Where the ticker starts: not 0, so that no code can mistake its first reading for "never". */
    private static final long START_NANOS = 1_000_000_000L;

    private final AtomicReference<Instant> now;
    private final AtomicLong nanos = new AtomicLong(START_NANOS);

    /** A clock that starts now. */
    public TestClock() {
        this(Instant.now());
    }

    public TestClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** Time passes: the wall clock and the ticker move by {@code time}. */
    public void advance(Duration time) {
        now.updateAndGet(instant -> instant.plus(time));
        nanos.addAndGet(time.toNanos());
    }

    /** The wall clock is set to {@code to}; the ticker does not move. */
    public void set(Instant to) {
        now.set(to);
    }

    @Override
    public long read() {
        return nanos.get();
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
