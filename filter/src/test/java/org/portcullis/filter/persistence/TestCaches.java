package org.portcullis.filter.persistence;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.portcullis.filter.config.ParameterSource;
import org.portcullis.filter.config.PortcullisConfig;
import org.portcullis.model.TestDatabase;

/** {@link AccessCache} on a clock the test moves, and a node's {@link Database}, for tests outside this package. */
public final class TestCaches {

    private TestCaches() {
    }

    public static AccessCache over(Database database, Duration ttl, int maximumSize, Ticker ticker) {
        return AccessCache.over(database, ttl, maximumSize, ticker);
    }

    /**
     * One node's database on the test database's tables, started: {@code schema} "create-or-extend" for
     * the node that makes the tables, "none" for another node on them.
     */
    public static Database node(TestDatabase db, String schema, Set<String> entities) {
        PortcullisConfig config = PortcullisConfig.from(ParameterSource.of(Map.of("jdbc.url", db.url(),
                "jdbc.user", db.user(), "table.prefix", db.prefix(), "schema", schema)), "test");
        Database database = new Database(config, new Bootstrap(config, entities)::run, Clock.systemUTC());
        database.start();
        return database;
    }
}
