package org.portcullis.model;

import jakarta.persistence.EntityManagerFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.persistence.config.PersistenceUnitProperties;
import org.eclipse.persistence.jpa.PersistenceProvider;

/**
 * Builds the {@code portcullis} persistence unit with EclipseLink, whatever other JPA provider the
 * host may carry, and names the scripts of the schema's versions ({@link SchemaVersions}).
 */
public final class PortcullisPersistence {

    /** The persistence unit declared in {@link #DESCRIPTOR}. */
    public static final String UNIT = "portcullis";

    /**
     * Where the unit is declared: a class-path resource of Portcullis' own rather than
     * {@code META-INF/persistence.xml}, which the host's JPA provider (Hibernate, say) reads too.
     */
    public static final String DESCRIPTOR = "org/portcullis/model/persistence.xml";

    private PortcullisPersistence() {
    }

    /**
     * Creates the entity manager factory.
     *
     * @param properties JPA and EclipseLink properties: the connection, schema generation and
     *     {@link TablePrefixCustomizer#PROPERTY}
     */
    public static EntityManagerFactory createEntityManagerFactory(Map<String, ?> properties) {
        Map<String, Object> withDescriptor = new HashMap<>(properties);
        withDescriptor.put(PersistenceUnitProperties.ECLIPSELINK_PERSISTENCE_XML, DESCRIPTOR);
        EntityManagerFactory factory = new PersistenceProvider().createEntityManagerFactory(UNIT, withDescriptor);
        if (factory == null) {
            throw new IllegalStateException("persistence unit '" + UNIT + "' not found on the class path");
        }
        return factory;
    }

    /** The kinds of database for which the schema's versions are shipped as scripts. */
    public enum Dialect {
        H2, POSTGRESQL, MARIADB;

        /**
         * The scripts of every dialect, in the order of their versions: one line per version, never
         * changed once released. Each dialect's directory holds exactly these ({@code SchemaScriptsTest}).
         */
        private static final List<String> SCRIPTS = List.of("V0__schema_version.sql", "V1__tables.sql", "V2__account_status.sql",
                "V3__identities.sql", "V4__profile.sql", "V5__named_users.sql", "V6__mail_outbox.sql", "V7__links.sql", "V8__refresh_tokens.sql", "V9__cache_changes.sql", "V10__invitations.sql", "V11__signin_counters.sql",
                "V12__tenants.sql");

        /** Class-path directory of this dialect's scripts, e.g. {@code org/portcullis/model/ddl/h2/}. */
        public String directory() {
            return "org/portcullis/model/ddl/" + name().toLowerCase(Locale.ROOT) + "/";
        }

        /** The schema's versions for this dialect, version 0 first. */
        public List<Migration> migrations() {
            return SCRIPTS.stream().map(script -> Migration.at(directory() + script)).toList();
        }

        /**
         * Every version's statements in order, with {@code prefix} in place of {@code pc_}: the whole
         * schema, its versions recorded, as a host that sets {@code schema=none} makes a new database
         * (from its own migration tool, say).
         */
        public List<String> ddlStatements(String prefix) {
            return migrations().stream().flatMap(m -> m.statements(prefix).stream()).toList();
        }

        /**
         * The dialect for a database product name as JDBC reports it; MySQL takes MariaDB's scripts.
         * Empty for a database no scripts are shipped for.
         */
        public static Optional<Dialect> forProduct(String product) {
            String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
            if (p.startsWith("h2")) {
                return Optional.of(H2);
            } else if (p.startsWith("postgresql")) {
                return Optional.of(POSTGRESQL);
            } else if (p.startsWith("mariadb") || p.startsWith("mysql")) {
                return Optional.of(MARIADB);
            }
            return Optional.empty();
        }
    }
}
