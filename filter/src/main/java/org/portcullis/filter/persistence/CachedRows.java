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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
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
 *
 * <p>Each entry carries the time its load began, and is used while less than {@code ttl} has passed
 * since: the clock is read once per call, not once per key as Caffeine's own expiry would (a listing
 * asks for a hundred rows at a time, and reading the clock was a tenth of its cost). Caffeine bounds
 * the size; an entry past its time is never used and is replaced when read again, or evicted.
 *
 * <p>Callers that miss one key at the same time share one read of it (when a hot row's time runs out
 * under load, every request thread would otherwise query the database for it at once), unless
 * something was invalidated since that read began.
 */
final class CachedRows<K, V> {

    /** A value and the ticker's reading when its load began. */
    private record Stamped<V>(V value, long loadedAt) {
    }

    private final Cache<K, Stamped<V>> cache;
    private final long ttlNanos;
    private final Ticker ticker;
    private final AtomicLong generation = new AtomicLong();
    /** The reads running now, one per key (see {@link #loadOnce}). */
    private final ConcurrentHashMap<K, Loading<V>> loading = new ConcurrentHashMap<>();

    CachedRows(Duration ttl, long maximumSize, Ticker ticker) {
        this.ticker = ticker;
        this.ttlNanos = ttl.compareTo(Duration.ofDays(365)) > 0 ? Duration.ofDays(365).toNanos() : ttl.toNanos();
        this.cache = ttl.isZero() ? null : Caffeine.newBuilder()
                .maximumSize(maximumSize)
                // Upkeep on the calling thread: no pool threads holding on to the web application.
                .executor(Runnable::run)
                .build();
    }

    /** The cached value of {@code key}, or what {@code load} reads (and caches). */
    V get(K key, Function<? super K, ? extends V> load) {
        if (cache == null) {
            return load.apply(key);
        }
        long now = ticker.read();
        V cached = fresh(cache.getIfPresent(key), now);
        if (cached != null) {
            return cached;
        }
        return loadOnce(key, load, now).value();
    }

    /** As {@link #get}, with the moment until which the value stands for the database. */
    Fresh<V> getFresh(K key, Function<? super K, ? extends V> load) {
        long now = ticker.read();
        if (cache == null) {
            return new Fresh<>(load.apply(key), now);
        }
        Stamped<V> stamped = cache.getIfPresent(key);
        if (stamped != null && now - stamped.loadedAt() < ttlNanos) {
            return new Fresh<>(stamped.value(), stamped.loadedAt() + ttlNanos);
        }
        return loadOnce(key, load, now);
    }

    /**
     * Reads {@code key} once for everyone who misses it at the same time: when a hot row's time-to-live
     * runs out under load, every request thread would otherwise query the database for it at once. A
     * caller joins a read already running only if nothing was invalidated since that read began (the
     * generation is the same); otherwise the read may predate a change and the caller reads for itself.
     * A failed read fails its waiters alike.
     */
    private Fresh<V> loadOnce(K key, Function<? super K, ? extends V> load, long now) {
        long seen = generation.get();
        Loading<V> mine = new Loading<>(seen, now, new CompletableFuture<>());
        Loading<V> running = loading.putIfAbsent(key, mine);
        if (running != null && running.generation() == seen) {
            return new Fresh<>(running.await(), running.startedAt() + ttlNanos);
        }
        if (running != null) {
            V loaded = load.apply(key); // a read from before a change: not shared, read again alone
            store(key, loaded, seen, now);
            return new Fresh<>(loaded, now + ttlNanos);
        }
        try {
            V loaded = load.apply(key);
            store(key, loaded, seen, now);
            mine.result().complete(loaded);
            return new Fresh<>(loaded, now + ttlNanos);
        } catch (RuntimeException | Error e) {
            mine.result().completeExceptionally(e);
            throw e;
        } finally {
            loading.remove(key, mine);
        }
    }

    /** A read in progress: the generation and the ticker's reading when it began, and its outcome. */
    private record Loading<V>(long generation, long startedAt, CompletableFuture<V> result) {

        /** The value read, or the reader's own exception. */
        V await() {
            try {
                return result.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }
    }

    /** The stamped value if it is still within its time-to-live at {@code now}, else null. */
    private V fresh(Stamped<V> stamped, long now) {
        return stamped != null && now - stamped.loadedAt() < ttlNanos ? stamped.value() : null;
    }

    /**
     * The values of many keys, in their order: the cached ones from memory, the rest read by one call
     * of {@code load}, which must give a value for every key it is asked for. When every key is in
     * memory (the usual case) nothing but the result list is made.
     */
    List<V> getAll(List<? extends K> keys, Function<Set<K>, Map<K, V>> load) {
        return getAllFresh(keys, load).value();
    }

    /**
     * As {@link #getAll}, with the moment until which all of the values stand for the database: the
     * earliest of theirs.
     */
    Fresh<List<V>> getAllFresh(List<? extends K> keys, Function<Set<K>, Map<K, V>> load) {
        List<V> out = new ArrayList<>(keys.size());
        Set<K> missing = null;
        long now = ticker.read();
        long oldest = now;
        for (K key : keys) {
            Stamped<V> stamped = cache == null ? null : cache.getIfPresent(key);
            V cached = null;
            if (stamped != null && now - stamped.loadedAt() < ttlNanos) {
                cached = stamped.value();
                oldest = Fresh.earlier(oldest, stamped.loadedAt());
            }
            out.add(cached);
            if (cached == null) {
                if (missing == null) {
                    missing = new LinkedHashSet<>();
                }
                missing.add(key);
            }
        }
        if (missing == null) {
            return new Fresh<>(out, oldest + ttlNanos);
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
                store(key, loaded.get(key), seen, now);
            }
        }
        return new Fresh<>(out, oldest + ttlNanos);
    }

    private void store(K key, V value, long seen, long loadedAt) {
        if (generation.get() != seen) {
            return;
        }
        cache.put(key, new Stamped<>(value, loadedAt));
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
