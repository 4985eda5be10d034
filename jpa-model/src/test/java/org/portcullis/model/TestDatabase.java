package org.portcullis.model;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The database a test runs on, chosen by the system property {@code portcullis.test.db}: {@code h2}
 * (default, in memory), {@code postgresql} or {@code mariadb} (the servers on 127.0.0.1, database
 * {@code test}). Each test gets its own table prefix, so runs never see each other's rows, and drops
 * its tables when done.
 */
public final class TestDatabase {

    private final String kind;
    private final String url;
    private final String user;
    private final String prefix;

    private TestDatabase(String kind, String url, String user) {
        this.kind = kind;
        this.url = url;
        this.user = user;
        this.prefix = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";
    }

    /** A fresh database (H2) or a fresh table prefix (PostgreSQL, MariaDB) for one test. */
    public static TestDatabase fresh() {
        String kind = System.getProperty("portcullis.test.db", "h2").toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "h2" -> new TestDatabase(kind,
                    "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa");
            case "postgresql" -> new TestDatabase(kind, "jdbc:postgresql://127.0.0.1:5432/test", "postgres");
            case "mariadb" -> new TestDatabase(kind, "jdbc:mariadb://127.0.0.1:3306/test", "root");
            default -> throw new IllegalArgumentException("portcullis.test.db must be h2, postgresql or mariadb");
        };
    }

    public String kind() {
        return kind;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String prefix() {
        return prefix;
    }

    public PortcullisPersistence.Dialect dialect() {
        return PortcullisPersistence.Dialect.valueOf(kind.toUpperCase(Locale.ROOT));
    }

    /** JPA properties for this database and prefix; {@code createTables} lets EclipseLink make them. */
    public Map<String, Object> jpaProperties(boolean createTables) {
        Map<String, Object> p = new HashMap<>();
        p.put("jakarta.persistence.jdbc.url", url);
        p.put("jakarta.persistence.jdbc.user", user);
        p.put("jakarta.persistence.jdbc.password", "");
        p.put(TablePrefixCustomizer.PROPERTY, prefix);
        p.put(TenantOwned.TENANT_PROPERTY, "default"); // the default tenant's rows, as a single-tenant host has
        if (createTables) {
            p.put("eclipselink.ddl-generation", "create-or-extend-tables");
            p.put("eclipselink.ddl-generation.output-mode", "database");
        }
        return p;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, "");
    }

    /** Names of the tables that carry {@code tablePrefix}, in lower case. */
    public List<String> tables(String tablePrefix) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = connect(); ResultSet rs = c.getMetaData().getTables(catalog(c), null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (name.startsWith(tablePrefix.toLowerCase(Locale.ROOT))) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /** The catalog to read metadata from: the current database on MariaDB, any elsewhere. */
    public static String catalog(Connection c) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        return meta.getDatabaseProductName().toLowerCase(Locale.ROOT).contains("maria") ? c.getCatalog() : null;
    }

    /** Drops every table with this test's prefix (and {@code extraPrefixes}). */
    public void dropTables(String... extraPrefixes) throws SQLException {
        List<String> prefixes = new ArrayList<>(List.of(prefix));
        prefixes.addAll(List.of(extraPrefixes));
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String p : prefixes) {
                for (String table : tables(p)) {
                    s.execute("DROP TABLE " + table);
                }
            }
        }
    }
}
