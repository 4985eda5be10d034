package org.portcullis.filter.authentication;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.portcullis.filter.config.BenchConfigs;
import org.portcullis.filter.config.PortcullisConfig;
import org.portcullis.filter.persistence.Bootstrap;
import org.portcullis.filter.persistence.Database;

/**
 * The sign-in throttle's own work for one successful sign-in (admitted, counted, then taken back and the
 * address remembered), with its counters in memory or in a database every node shares
 * ({@code signin.throttle.store}): what a sign-in pays on top of its bcrypt check (cost 11, about 135 ms here;
 * {@code PasswordBenchmark}). {@code store}: {@code memory}, {@code h2} (in memory), {@code postgresql}
 * (127.0.0.1:5432, database {@code test}). {@code failed} is one failed sign-in's work (a new account each
 * time, so that only the counting is measured, never a back-off).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ThrottleBenchmark {

    private static final SigninThrottle.Limits LIMITS = new SigninThrottle.Limits(5, Duration.ofMinutes(5),
            Integer.MAX_VALUE, Duration.ofMinutes(5));

    @Param({"memory", "h2", "postgresql", "mariadb"})
    public String store;

    private static final String POSTGRESQL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String MARIADB = "jdbc:mariadb://127.0.0.1:3306/test";

    private String prefix;
    private Database database;
    private SigninThrottle throttle;
    private long failures;

    @Setup(Level.Trial)
    public void start() {
        if (store.equals("memory")) {
            throttle = SigninThrottle.inMemory(LIMITS);
            return;
        }
        prefix = "tb" + UUID.randomUUID().toString().replace("-", "").substring(0, 8) + "_";
        Map<String, String> parameters = switch (store) {
            case "h2" -> Map.of("jdbc.url", "jdbc:h2:mem:throttle;DB_CLOSE_DELAY=-1", "table.prefix", prefix);
            case "postgresql" -> Map.of("jdbc.url", POSTGRESQL, "jdbc.user", "postgres", "table.prefix", prefix);
            default -> Map.of("jdbc.url", MARIADB, "jdbc.user", "root", "table.prefix", prefix);
        };
        PortcullisConfig config = BenchConfigs.of(parameters);
        database = new Database(config, new Bootstrap(config, Set.of())::run, Clock.systemUTC());
        database.start();
        throttle = SigninThrottle.shared(LIMITS, database, Clock.systemUTC());
    }

    @TearDown(Level.Trial)
    public void stop() throws SQLException {
        if (database == null) {
            return;
        }
        database.close();
        if (!store.equals("h2")) { // leave the shared test database as it was
            try (Connection c = store.equals("postgresql") ? DriverManager.getConnection(POSTGRESQL, "postgres", "")
                    : DriverManager.getConnection(MARIADB, "root", "")) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rows = c.getMetaData().getTables(null, null, prefix + "%", new String[] {"TABLE"})) {
                    while (rows.next()) {
                        tables.add(rows.getString("TABLE_NAME"));
                    }
                }
                for (String table : tables) {
                    try (Statement drop = c.createStatement()) {
                        drop.execute("DROP TABLE IF EXISTS " + table);
                    }
                }
            }
        }
    }

    @Benchmark
    public void succeeded() {
        Duration wait = throttle.admit("ada@example.com", "192.0.2.1");
        if (!wait.isZero()) {
            throw new IllegalStateException("throttled: " + wait);
        }
        throttle.succeeded("ada@example.com", "192.0.2.1");
    }

    @Benchmark
    public Duration failed() {
        return throttle.admit("guess" + failures++ + "@example.com", "198.51.100.9");
    }
}
