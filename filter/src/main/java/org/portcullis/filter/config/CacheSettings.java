package org.portcullis.filter.config;

import java.time.Duration;
import java.util.List;

/**
 * How long and how much Portcullis remembers. {@code cache.ttl} bounds how long a change made on another
 * node can go unseen here; zero switches caching off, the remembered listings included.
 *
 * <pre>{@code
 * <init-param><param-name>cache.ttl</param-name><param-value>PT1S</param-value></init-param>
 * }</pre>
 *
 * @param ttl          {@code cache.ttl}: how long a cached revocation, account, membership or permission row is
 *                     used before it is read again
 * @param size         {@code cache.size}: most entries of each cache (verified tokens, revocations, accounts,
 *                     subjects, group names, rows)
 * @param listingBytes {@code cache.listings}: most bytes of checked collection replies (the host's reply and what
 *                     went out for it) remembered, so that the same caller getting the same reply from the same URL
 *                     again is answered without checking it again; 0 when off, as it is whenever {@code ttl} is zero
 * @param coordination {@code cache.coordination}: how a change committed on one node reaches the others' caches
 * @param coordinationInterval {@code cache.coordination.interval}: how often each node reads the changes of the others
 */
public record CacheSettings(Duration ttl, int size, long listingBytes, Coordination coordination,
                            Duration coordinationInterval) {

    /** What {@code cache.coordination} names. */
    public enum Coordination {
        /** Every change is written to the shared database and read by every node within the interval. */
        DATABASE,
        /** Nothing is shared: another node's change is seen when the cached entry expires ({@code cache.ttl}). */
        NONE
    }

    static final ParameterSpec<Duration> TTL = ParameterSpec.duration("cache.ttl", Duration.ofSeconds(5),
            Duration.ZERO, Duration.ofHours(1),
            "how long a cached revocation, account, membership or permission row is used before it is read again",
            "PT1S");
    static final ParameterSpec<Integer> SIZE = ParameterSpec.integer("cache.size", 10_000, 1, 10_000_000,
            "most entries of each cache", "100000");
    static final ParameterSpec<Integer> LISTINGS = ParameterSpec.integer("cache.listings", 16 * 1024 * 1024, 0,
            1024 * 1024 * 1024, "most bytes of checked collection replies remembered; 0 is off", "0");

    static final ParameterSpec<Coordination> COORDINATION = ParameterSpec.choice("cache.coordination",
            Coordination.DATABASE, Coordination.class,
            "how a change on one node reaches the other nodes' caches: through the shared database, or only by cache.ttl",
            "none");
    static final ParameterSpec<Duration> COORDINATION_INTERVAL = ParameterSpec.duration("cache.coordination.interval",
            Duration.ofMillis(500), Duration.ofMillis(50), Duration.ofSeconds(1),
            "how often each node reads the changes the other nodes committed", "PT0.25S");

    /** This record's parameters, in the order of the reference table. */
    public static final List<ParameterSpec<?>> PARAMETERS = List.of(TTL, SIZE, LISTINGS, COORDINATION,
            COORDINATION_INTERVAL);

    /** Reads the cache parameters; with {@code cache.ttl} zero nothing is remembered, listings neither. */
    public static CacheSettings from(Parameters p) {
        Duration ttl = p.get(TTL);
        int listings = p.get(LISTINGS);
        return new CacheSettings(ttl, p.get(SIZE), ttl.isZero() ? 0 : listings, p.get(COORDINATION),
                p.get(COORDINATION_INTERVAL));
    }
}
