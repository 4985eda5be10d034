package org.portcullis.filter.config;

import java.time.Duration;
import java.util.List;

/**
 * How passwords are hashed and how sign-in is protected: the back-off per account, the failures allowed per
 * client address, and the bounded pool that does the bcrypt work of sign-in and sign-up. The ranges keep the
 * protection meaningful: a back-off cap under a minute or over 20 free failures could let more than 100
 * guesses an hour through.
 *
 * <pre>{@code
 * <init-param><param-name>signin.account.free.failures</param-name><param-value>10</param-value></init-param>
 * }</pre>
 *
 * @param bcryptCost      {@code bcrypt.cost}: bcrypt work factor
 * @param freeFailures    {@code signin.account.free.failures}: failed sign-ins in a row to one account before
 *                        each further attempt must wait (1 s, then doubling)
 * @param maxBackoff      {@code signin.account.max.backoff}: the longest wait between attempts on one account
 * @param addressFailures {@code signin.address.max.failures}: failed sign-ins allowed from one client address
 *                        per window
 * @param addressWindow   {@code signin.address.window}: how long a client address' window of failures lasts
 * @param poolSize        {@code signin.pool.size}: threads for the bcrypt work; default the number of cores
 * @param poolQueue       {@code signin.pool.queue}: sign-ins and sign-ups that may wait for a bcrypt thread;
 *                        more get 503
 * @param throttleStore   {@code signin.throttle.store}: where the throttle's counters (and those of
 *                        {@code anonymous.per.address}) live
 */
public record SigninSettings(int bcryptCost, int freeFailures, Duration maxBackoff, int addressFailures,
                             Duration addressWindow, int poolSize, int poolQueue, ThrottleStore throttleStore) {

    /** What {@code signin.throttle.store} names. */
    public enum ThrottleStore {
        /** In the shared database: every node counts together, as one node would. */
        DATABASE,
        /** In each node's memory: cheaper, but N nodes allow N times as many guesses, and a restart forgets. */
        MEMORY
    }

    static final ParameterSpec<Integer> BCRYPT_COST = ParameterSpec.integer("bcrypt.cost", 11, 10, 16,
            "bcrypt work factor", "12");
    static final ParameterSpec<Integer> FREE_FAILURES = ParameterSpec.integer("signin.account.free.failures", 5,
            1, 20, "failed sign-ins in a row to one account before each further attempt must wait", "10");
    static final ParameterSpec<Duration> MAX_BACKOFF = ParameterSpec.duration("signin.account.max.backoff",
            Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofMinutes(15),
            "longest wait between attempts on one account", "PT2M");
    static final ParameterSpec<Integer> ADDRESS_FAILURES = ParameterSpec.integer("signin.address.max.failures", 50,
            1, 1_000_000, "failed sign-ins allowed from one client address per window", "200");
    static final ParameterSpec<Duration> ADDRESS_WINDOW = ParameterSpec.duration("signin.address.window",
            Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofHours(1),
            "length of a client address' window of failures", "PT15M");
    static final ParameterSpec<Integer> POOL_SIZE = ParameterSpec.integer("signin.pool.size", 1, 1, 256,
            "threads for the bcrypt work of sign-in and sign-up", "4")
            .defaultingTo(() -> Runtime.getRuntime().availableProcessors(), "number of cores");
    static final ParameterSpec<Integer> POOL_QUEUE = ParameterSpec.integer("signin.pool.queue", 64, 1, 10_000,
            "sign-ins and sign-ups that may wait for a bcrypt thread; more get 503 busy", "256");

    static final ParameterSpec<ThrottleStore> THROTTLE_STORE = ParameterSpec.choice("signin.throttle.store",
            ThrottleStore.DATABASE, ThrottleStore.class,
            "where the sign-in throttle counts: in the shared database (every node together) or in each node's memory",
            "memory");

    /** This record's parameters, in the order of the reference table. */
    public static final List<ParameterSpec<?>> PARAMETERS = List.of(BCRYPT_COST, FREE_FAILURES, MAX_BACKOFF,
            ADDRESS_FAILURES, ADDRESS_WINDOW, POOL_SIZE, POOL_QUEUE, THROTTLE_STORE);

    public static SigninSettings from(Parameters p) {
        return new SigninSettings(p.get(BCRYPT_COST), p.get(FREE_FAILURES), p.get(MAX_BACKOFF),
                p.get(ADDRESS_FAILURES), p.get(ADDRESS_WINDOW), p.get(POOL_SIZE), p.get(POOL_QUEUE), p.get(THROTTLE_STORE));
    }
}
