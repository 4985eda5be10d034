package org.portcullis.filter.persistence;

import com.github.benmanes.caffeine.cache.Ticker;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.portcullis.filter.config.ParameterSource;
import org.portcullis.filter.config.PortcullisConfig;
import org.portcullis.model.TestDatabase;

/** {@link AccessCache} on a clock the test moves, and two nodes' {@link Database}s, for tests outside this package. */
public final class TestCaches {

    private TestCaches() {
    }

    public static AccessCache over(Database database, Duration ttl, int maximumSize, Ticker ticker) {
        return AccessCache.over(database, ttl, maximumSize, ticker);
    }

    /**
     * Two nodes on one test database: {@code here}, which makes the tables, and {@code elsewhere},
     * another node on the same tables whose writes {@code here} hears nothing of. Closing them drops
     * the tables.
     */
    public record TwoNodes(TestDatabase db, Database here, Database elsewhere) implements AutoCloseable {

        public static TwoNodes on(TestDatabase db, Set<String> entities) {
            return new TwoNodes(db, node(db, "create-or-extend", entities), node(db, "none", entities));
        }

        @Override
        public void close() throws SQLException {
            here.close();
            elsewhere.close();
            db.dropTables();
        }

        private static Database node(TestDatabase db, String schema, Set<String> entities) {
            PortcullisConfig config = PortcullisConfig.from(ParameterSource.of(Map.of("jdbc.url", db.url(),
                    "jdbc.user", db.user(), "table.prefix", db.prefix(), "schema", schema)), "test");
            Database database = new Database(config, new Bootstrap(config, entities)::run, Clock.systemUTC());
            database.start();
            return database;
        }
    }
}
