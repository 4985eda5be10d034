package org.portcullis.filter.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Which database Portcullis uses, who makes its tables, and how it starts: the host's JNDI
 * {@code datasource}, or a {@code jdbc.url}, or else an embedded H2 file database in {@code data.dir}.
 *
 * <pre>{@code
 * <init-param><param-name>jdbc.url</param-name><param-value>jdbc:postgresql://db/app</param-value></init-param>
 * }</pre>
 *
 * @param dataSource        {@code datasource}: JNDI name of the host's {@code DataSource}
 * @param jdbcUrl           {@code jdbc.url}: a JDBC connection instead of JNDI
 * @param jdbcUser          {@code jdbc.user}
 * @param jdbcPassword      {@code jdbc.password}; never printed
 * @param dataDir           {@code data.dir}: where the embedded H2 database lives when no database is named
 * @param schema            {@code schema}: whether Portcullis makes and extends its tables or the host does
 * @param tablePrefix       {@code table.prefix}: prefix of every table, index and constraint Portcullis owns
 * @param startInBackground {@code start.background}: connect, make the tables and seed them on a thread of their
 *                          own, so that the host's deployment does not wait; {@code false} does it in {@code init}
 * @param startWait         {@code start.wait}: how long a request that needs the database waits for a background
 *                          start still under way, before it is answered 503
 */
public record DatabaseSettings(Optional<String> dataSource, Optional<String> jdbcUrl, Optional<String> jdbcUser,
                               Optional<String> jdbcPassword, Path dataDir, SchemaMode schema, String tablePrefix,
                               boolean startInBackground, Duration startWait) {

    static final ParameterSpec<String> DATASOURCE = ParameterSpec.text("datasource",
            "JNDI name of the host's DataSource (also tried under java:comp/env/)", "jdbc/AppDB");
    static final ParameterSpec<String> JDBC_URL = ParameterSpec.text("jdbc.url",
            "a JDBC connection instead of JNDI", "jdbc:mariadb://127.0.0.1:3306/app");
    static final ParameterSpec<String> JDBC_USER = ParameterSpec.text("jdbc.user", "user for jdbc.url", "app");
    static final ParameterSpec<String> JDBC_PASSWORD = ParameterSpec.text("jdbc.password",
            "password for jdbc.url", "${env:DB_PASSWORD}");
    static final ParameterSpec<Path> DATA_DIR = ParameterSpec.path("data.dir",
            "with no database named: directory of the embedded H2 file database", "/var/lib/app/portcullis")
            .documentedAs("`${user.home}/.portcullis/<context name>` (`ROOT` for `/`)");
    static final ParameterSpec<SchemaMode> SCHEMA = ParameterSpec.choice("schema", SchemaMode.CREATE_OR_EXTEND,
            SchemaMode.class, "who makes Portcullis' tables: Portcullis at start, or the host from the shipped scripts",
            "none");
    static final ParameterSpec<String> TABLE_PREFIX = ParameterSpec.matching("table.prefix", "pc_",
            "[A-Za-z0-9_]{0,20}", "use at most 20 letters, digits or underscores, e.g. pc_",
            "prefix of every table, index and constraint Portcullis owns", "auth_");
    static final ParameterSpec<Boolean> START_BACKGROUND = ParameterSpec.bool("start.background", true,
            "connect, make the tables and seed them on a thread of their own instead of inside init");
    static final ParameterSpec<Duration> START_WAIT = ParameterSpec.duration("start.wait", Duration.ofSeconds(30),
            Duration.ofSeconds(1), Duration.ofMinutes(5),
            "how long a request waits for a background start still under way before it gets 503", "PT10S");

    /** This record's parameters, in the order of the reference table. */
    public static final List<ParameterSpec<?>> PARAMETERS = List.of(DATASOURCE, JDBC_URL, JDBC_USER, JDBC_PASSWORD,
            DATA_DIR, SCHEMA, START_BACKGROUND, START_WAIT, TABLE_PREFIX);

    /** Reads the database parameters; {@code datasource} and {@code jdbc.url} exclude each other. */
    public static DatabaseSettings from(Parameters p) {
        Optional<String> dataSource = Optional.ofNullable(p.get(DATASOURCE));
        Optional<String> jdbcUrl = Optional.ofNullable(p.get(JDBC_URL));
        if (dataSource.isPresent() && jdbcUrl.isPresent()) {
            throw new ConfigException("datasource", "give either 'datasource' or 'jdbc.url', not both");
        }
        Path dataDir = Optional.ofNullable(p.get(DATA_DIR))
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".portcullis", p.contextName()));
        return new DatabaseSettings(dataSource, jdbcUrl, Optional.ofNullable(p.get(JDBC_USER)),
                Optional.ofNullable(p.get(JDBC_PASSWORD)), dataDir, p.get(SCHEMA), p.get(TABLE_PREFIX),
                p.get(START_BACKGROUND), p.get(START_WAIT));
    }

    /** Where the data is, never the password: {@code jndi:jdbc/AppDB}, {@code jdbc} or {@code h2:<dir>}. */
    String where() {
        return dataSource.map(n -> "jndi:" + n).orElseGet(() -> jdbcUrl.isPresent() ? "jdbc" : "h2:" + dataDir);
    }

    @Override
    public String toString() {
        // Never print the password; the URL may carry one too.
        return "DatabaseSettings[database=" + where() + ", schema=" + schema + ", prefix=" + tablePrefix
                + ", start.background=" + startInBackground + ", start.wait=" + startWait + "]";
    }
}
