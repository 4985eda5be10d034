package org.portcullis.filter.persistence;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * One kind of database row kept in memory: at most {@code maximumSize} entries, each for at most
 * {@code ttl} after it was read, and none at all when {@code ttl} is zero. Values are never
 * {@code null}; a row that does not exist is cached as a value that says so (an empty
 * {@code Optional}), so that asking again does not reach the database either.
 *
 * <p>A load that raced an invalidation must not put back what it read before the change committed.
 * Every invalidation advances a generation; a load keeps its result only if the generation did not
 * move while it read, and looks again after storing, because the invalidation may land between the
 * look and the store. The cost of a race is a miss, never a stale entry.
 */
final class CachedRows<K, V> {

    private final Cache<K, V> cache;
    private final AtomicLong generation = new AtomicLong();

    CachedRows(Duration ttl, long maximumSize, Ticker ticker) {
        this.cache = ttl.isZero() ? null : Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterWrite(ttl)
                .ticker(ticker)
                // Upkeep on the calling thread: no pool threads holding on to the web application.
                .executor(Runnable::run)
                .build();
    }

    /** The cached value of {@code key}, or what {@code load} reads (and caches). */
    V get(K key, Function<? super K, ? extends V> load) {
        if (cache == null) {
            return load.apply(key);
        }
        V cached = cache.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        long seen = generation.get();
        V loaded = load.apply(key);
        store(key, loaded, seen);
        return loaded;
    }

    /**
     * The values of many keys, in their order: the cached ones from memory, the rest read by one call
     * of {@code load}, which must give a value for every key it is asked for. When every key is in
     * memory (the usual case) nothing but the result list is made.
     */
    List<V> getAll(List<? extends K> keys, Function<Set<K>, Map<K, V>> load) {
        List<V> out = new ArrayList<>(keys.size());
        Set<K> missing = null;
        for (K key : keys) {
            V cached = cache == null ? null : cache.getIfPresent(key);
            out.add(cached);
            if (cached == null) {
                if (missing == null) {
                    missing = new LinkedHashSet<>();
                }
                missing.add(key);
            }
        }
        if (missing == null) {
            return out;
        }
        long seen = generation.get();
        Map<K, V> loaded = load.apply(missing);
        for (K key : missing) {
            if (loaded.get(key) == null) {
                throw new IllegalStateException("the loader gave no value for a key it was asked for");
            }
        }
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i) == null) {
                out.set(i, loaded.get(keys.get(i)));
            }
        }
        if (cache != null) {
            for (K key : missing) {
                store(key, loaded.get(key), seen);
            }
        }
        return out;
    }

    private void store(K key, V value, long seen) {
        if (generation.get() != seen) {
            return;
        }
        cache.put(key, value);
        if (generation.get() != seen) {
            cache.invalidate(key);
        }
    }

    void invalidate(K key) {
        generation.incrementAndGet();
        if (cache != null) {
            cache.invalidate(key);
        }
    }

    void invalidateAll() {
        generation.incrementAndGet();
        if (cache != null) {
            cache.invalidateAll();
        }
    }

    /** How many entries are held now; for tests and diagnostics. */
    long size() {
        if (cache == null) {
            return 0;
        }
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
