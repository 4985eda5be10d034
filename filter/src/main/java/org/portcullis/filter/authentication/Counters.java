package org.portcullis.filter.authentication;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Where the sign-in throttle keeps its counters: this node's memory ({@link MemoryCounters}) or the database
 * every node shares ({@link DatabaseCounters}, {@code signin.throttle.store=database}), so that N nodes count
 * failures as one would. One {@link #update} reads the counters an attempt needs, lets the throttle decide on
 * them, and writes what it changed, atomically: one read and one short transaction per attempt, whatever the
 * number of counters.
 *
 * <pre>{@code
 * Counters.Key streak = new Counters.Key("backoff", "ada@example.com");
 * Duration wait = counters.update(List.of(streak), (live, now) -> {
 *     live.put(streak, new Counters.Counter(1, now, now + Duration.ofHours(1).toNanos()));
 *     return Duration.ZERO;
 * });
 * }</pre>
 */
interface Counters {

    /**
     * A counter's name.
     *
     * @param kind what it counts, such as {@code backoff} or {@code address}; a store may keep each kind apart
     * @param value whose it is: a login, a client address, or both
     */
    record Key(String kind, String value) {
    }

    /**
     * One key's counter.
     *
     * @param failures what it counts
     * @param marked when its window opened or its last failure was, in {@link Work}'s nanoseconds
     * @param expires when the store may forget it, in the same nanoseconds
     */
    record Counter(int failures, long marked, long expires) {

        /** This counter with one failure taken back (the attempt succeeded or never ran); {@code null} for none left. */
        Counter lessOne() {
            return failures <= 1 ? null : new Counter(failures - 1, marked, expires);
        }
    }

    /** A decision on counters: it reads and changes {@code live} and returns its answer. */
    @FunctionalInterface
    interface Work<T> {
        /**
         * @param live the live counters of the keys asked for (absent: none, or expired); put a counter to
         *     write it, remove a key to forget it
         * @param now the store's clock in nanoseconds; for a shared store, wall-clock time, the same on every node
         */
        T decide(Map<Key, Counter> live, long now);
    }

    /**
     * Runs {@code work} on the live counters of {@code keys} and writes what it changed, atomically: no other
     * change of these keys, on any node sharing the store, comes between the read and the write. When another
     * node got there first, {@code work} runs again on what it wrote, so {@code work} must have no effect but its
     * changes of {@code live} and its answer.
     */
    <T> T update(List<Key> keys, Work<T> work);

    /**
     * What every store does between its read and its write: runs {@code work} on a copy of {@code before} (the
     * live counters read) and hands each of {@code keys} whose counter it changed to {@code changed}, in the
     * order of {@code keys}, with its new counter or {@code null} to forget it.
     */
    static <T> T decide(List<Key> keys, Map<Key, Counter> before, long now, Work<T> work,
                        BiConsumer<Key, Counter> changed) {
        Map<Key, Counter> live = new HashMap<>(before);
        T answer = work.decide(live, now);
        for (Key key : keys) {
            Counter after = live.get(key);
            if (after == null ? before.containsKey(key) : !after.equals(before.get(key))) {
                changed.accept(key, after);
            }
        }
        return answer;
    }

    /** In {@code live}, one failure of {@code key} taken back ({@link Counter#lessOne}); nothing if it has none. */
    static void lessOne(Map<Key, Counter> live, Key key) {
        Counter counter = live.get(key);
        if (counter != null) {
            Counter less = counter.lessOne();
            if (less == null) {
                live.remove(key);
            } else {
                live.put(key, less);
            }
        }
    }
}
