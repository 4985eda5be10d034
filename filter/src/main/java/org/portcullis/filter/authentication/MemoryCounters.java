package org.portcullis.filter.authentication;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link Counters} in this node's memory ({@code signin.throttle.store=memory}): a bounded Caffeine cache per
 * kind, whose entries expire when their counter says, so a flood of one kind (made-up e-mails) cannot push out
 * another (the client addresses). When a cache is full the least useful entries go first, so such a flood is
 * also unlikely to evict a hot counter. Updates are serialized on this store: each takes microseconds.
 */
final class MemoryCounters implements Counters {

    private final int maxKeysPerKind;
    private final Ticker ticker;
    private final Map<String, Cache<String, Counter>> kinds = new ConcurrentHashMap<>();

    MemoryCounters(int maxKeysPerKind, Ticker ticker) {
        this.maxKeysPerKind = maxKeysPerKind;
        this.ticker = ticker;
    }

    @Override
    public synchronized <T> T update(List<Key> keys, Work<T> work) {
        Map<Key, Counter> before = new HashMap<>();
        for (Key key : keys) {
            Counter counter = cache(key.kind()).getIfPresent(key.value());
            if (counter != null) {
                before.put(key, counter);
            }
        }
        return Counters.decide(keys, before, ticker.read(), work, (key, after) -> {
            if (after == null) {
                cache(key.kind()).invalidate(key.value());
            } else {
                cache(key.kind()).put(key.value(), after);
            }
        });
    }

    private Cache<String, Counter> cache(String kind) {
        return kinds.computeIfAbsent(kind, k -> Caffeine.newBuilder()
                .maximumSize(maxKeysPerKind)
                .expireAfter(new Expiry<String, Counter>() {
                    @Override
                    public long expireAfterCreate(String key, Counter counter, long now) {
                        return Math.max(0, counter.expires() - now);
                    }

                    @Override
                    public long expireAfterUpdate(String key, Counter counter, long now, long left) {
                        return Math.max(0, counter.expires() - now);
                    }

                    @Override
                    public long expireAfterRead(String key, Counter counter, long now, long left) {
                        return left;
                    }
                })
                .ticker(ticker)
                // Upkeep on the calling thread: no work left on a shared pool after an undeploy.
                .executor(Runnable::run)
                .build());
    }
}
