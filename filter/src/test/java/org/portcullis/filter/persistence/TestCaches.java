package org.portcullis.filter.persistence;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;

/** {@link AccessCache} on a clock the test moves, for tests outside this package. */
public final class TestCaches {

    private TestCaches() {
    }

    public static AccessCache over(Database database, Duration ttl, int maximumSize, Ticker ticker) {
        return AccessCache.over(database, ttl, maximumSize, ticker);
    }
}
