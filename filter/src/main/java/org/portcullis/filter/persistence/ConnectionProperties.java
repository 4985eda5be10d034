package org.portcullis.filter.persistence;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.persistence.config.PersistenceUnitProperties;
import org.portcullis.filter.config.ConfigException;
import org.portcullis.filter.config.PortcullisConfig;
import org.portcullis.model.TablePrefixCustomizer;

/**
 * How {@link Database} reaches the host's database: the persistence unit's properties for a JNDI
 * {@code DataSource}, a JDBC URL or the embedded H2 file, in that order, and the EclipseLink platform
 * named for it.
 */
final class ConnectionProperties {

    private final PortcullisConfig config;
    private DataSource hostDataSource;

    ConnectionProperties(PortcullisConfig config) {
        this.config = config;
    }

    /** The unit's properties for the configured database; a JNDI name is looked up (once) on the way. */
    Map<String, Object> properties() {
        Map<String, Object> p = new HashMap<>();
        p.put(TablePrefixCustomizer.PROPERTY, config.tablePrefix());
        p.put(PersistenceUnitProperties.SESSION_CUSTOMIZER, SessionSettings.class.getName());
        // EclipseLink keeps deployed sessions in a static map keyed by name: without a name of its own,
        // a second filter in the same class loader would get the first one's database and prefix.
        p.put(PersistenceUnitProperties.SESSION_NAME, "portcullis-" + UUID.randomUUID());
        Optional<String> jndi = config.dataSource();
        if (jndi.isPresent()) {
            p.put(PersistenceUnitProperties.NON_JTA_DATASOURCE, hostDataSource(jndi.get()));
            return p;
        }
        String url = config.jdbcUrl().orElseGet(this::embeddedUrl);
        p.put(PersistenceUnitProperties.JDBC_URL, url);
        PlatformNames.driverFor(url).ifPresent(driver -> p.put(PersistenceUnitProperties.JDBC_DRIVER, driver));
        config.jdbcUser().ifPresent(user -> p.put(PersistenceUnitProperties.JDBC_USER, user));
        config.jdbcPassword().ifPresent(password -> p.put(PersistenceUnitProperties.JDBC_PASSWORD, password));
        // Give up waiting for a pooled connection quickly rather than hold request threads.
        p.put(PersistenceUnitProperties.JDBC_CONNECTIONS_WAIT, "5000");
        return p;
    }

    /**
     * Names EclipseLink's platform for the database (see {@link PlatformNames}); a host DataSource is
     * asked which database it is. An unsupported database is left to EclipseLink's own guess.
     */
    Map<String, Object> withPlatform(Map<String, Object> p) {
        Optional<String> platform;
        if (p.get(PersistenceUnitProperties.NON_JTA_DATASOURCE) instanceof DataSource dataSource) {
            try {
                platform = PlatformNames.forDataSource(dataSource);
            } catch (SQLException e) {
                throw new DatabaseUnavailableException("cannot connect to the host's DataSource: " + Database.rootMessage(e), e);
            }
        } else {
            platform = PlatformNames.forUrl((String) p.get(PersistenceUnitProperties.JDBC_URL));
        }
        platform.ifPresent(name -> p.put(PersistenceUnitProperties.TARGET_DATABASE, name));
        return p;
    }

    private String embeddedUrl() {
        Path file = config.dataDir().toAbsolutePath().resolve("portcullis");
        // WRITE_DELAY=0: a commit is on disk before the reply leaves, so a killed process cannot forget an
        // owner row, a revocation or a membership change that a client was already told about.
        return "jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    }

    /** The host's DataSource, looked up once: at start, on the thread of the filter's init. */
    private synchronized DataSource hostDataSource(String name) {
        if (hostDataSource == null) {
            hostDataSource = lookup(name);
        }
        return hostDataSource;
    }

    private static DataSource lookup(String name) {
        try {
            InitialContext context = new InitialContext();
            Object found;
            try {
                found = context.lookup(name);
            } catch (NamingException notAsGiven) {
                found = context.lookup("java:comp/env/" + name);
            }
            if (found instanceof DataSource dataSource) {
                return dataSource;
            }
            throw new ConfigException("datasource", "JNDI name '" + name + "' is bound to "
                    + (found == null ? "nothing" : found.getClass().getName()) + ", not a javax.sql.DataSource");
        } catch (NamingException e) {
            throw new ConfigException("datasource", "no DataSource is bound at '" + name
                    + "' (also tried java:comp/env/" + name + "): declare a <resource-ref> or fix the name");
        }
    }

    /** Which database, for the log: never a URL, which may hold a password. */
    String describe() {
        return config.dataSource().map(n -> "JNDI " + n)
                .orElseGet(() -> config.jdbcUrl().isPresent() ? "JDBC URL" : "embedded H2 in " + config.dataDir());
    }
}
