package org.portcullis.filter.persistence;

/**
 * A value read through {@link AccessCache}, and the reading of the cache's clock (its ticker, in
 * nanoseconds) until which the value stands for the database: the time its load began plus
 * {@code cache.ttl}. Whatever is decided from several such values may be reused until the earliest of
 * their {@code until}s, and no longer, so that a change made on another node counts within
 * {@code cache.ttl} there too. A value read with caching off is good for no later moment.
 */
public record Fresh<T>(T value, long until) {

    /**
     * The earlier of this value's {@code until} and {@code other}, compared as the ticker's readings are
     * (by their difference, so that a ticker passing {@code Long.MAX_VALUE} still orders them).
     */
    public long until(long other) {
        return earlier(until, other);
    }

    /** The earlier of two readings of the ticker, by their difference. */
    static long earlier(long one, long other) {
        return other - one < 0 ? other : one;
    }
}
