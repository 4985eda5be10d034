package org.portcullis.model;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.internal.helper.DatabaseField;
import org.eclipse.persistence.internal.helper.DatabaseTable;
import org.eclipse.persistence.jpa.JpaHelper;
import org.eclipse.persistence.sessions.DatabaseSession;
import org.eclipse.persistence.tools.schemaframework.SchemaManager;

/**
 * Portcullis' tables made or extended as EclipseLink's {@code create-or-extend-tables} does (missing
 * tables, missing columns, unique keys), but only when something is missing.
 *
 * <p>EclipseLink's own pass looks every table up one by one and, on a schema that is complete, tries
 * again to add every unique key, each attempt failing and logged as a warning. Here one query of the
 * database's {@code information_schema} first lists the tables, columns and unique keys that the
 * entities need and the database lacks; when none is missing, no DDL runs at all. When something is
 * missing, or the database cannot answer that query, EclipseLink's pass runs as before.
 *
 * <p>{@link SchemaVersions#migrate} uses it on a database for which no versioned scripts are shipped
 * (neither H2, PostgreSQL nor MariaDB); elsewhere the scripts make the tables.
 *
 * <pre>{@code
 * EntityManagerFactory emf = PortcullisPersistence.createEntityManagerFactory(properties); // no ddl-generation
 * PortcullisSchema.createOrExtend(emf);
 * }</pre>
 */
public final class PortcullisSchema {

    private static final Logger LOG = Logger.getLogger(PortcullisSchema.class.getName());

    /** What exists in the connection's schema: columns per table, and unique keys, in upper case. */
    private static final String EXISTING = """
            select 'c', upper(table_name), upper(column_name) from information_schema.columns
             where table_schema = ? and upper(table_name) like ? escape '!'
            union all
            select 'u', upper(table_name), upper(constraint_name) from information_schema.table_constraints
             where table_schema = ? and upper(table_name) like ? escape '!' and constraint_type = 'UNIQUE'
            """;

    private PortcullisSchema() {
    }

    /**
     * Makes what is missing of the tables, columns and unique keys of the persistence unit.
     *
     * @param factory a factory of the {@code portcullis} unit built without DDL generation
     * @return whether anything was missing, so that EclipseLink's create-or-extend pass ran
     */
    public static boolean createOrExtend(EntityManagerFactory factory) {
        DatabaseSession session = JpaHelper.getServerSession(factory);
        Set<String> missing;
        try {
            missing = missing(factory, session);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.FINE, "cannot list the existing tables; EclipseLink's create-or-extend pass decides", e);
            missing = Set.of("(unknown)");
        }
        if (missing.isEmpty()) {
            return false;
        }
        LOG.info("Portcullis creates or extends its tables; missing: " + (missing.size() > 20
                ? missing.size() + " tables, columns and unique keys" : String.join(", ", missing)));
        new SchemaManager(session).extendDefaultTables(true);
        return true;
    }

    /** {@code TABLE}, {@code TABLE.COLUMN} and unique key names that the entities need and the database lacks. */
    static Set<String> missing(EntityManagerFactory factory, DatabaseSession session) throws SQLException {
        Map<String, Set<String>> needed = new TreeMap<>();
        Set<String> neededKeys = new TreeSet<>();
        for (ClassDescriptor descriptor : session.getDescriptors().values()) {
            for (DatabaseTable table : descriptor.getTables()) {
                needed.computeIfAbsent(upper(table.getName()), t -> new TreeSet<>());
                table.getUniqueConstraints().keySet().forEach(key -> neededKeys.add(upper(key)));
            }
            for (DatabaseField field : descriptor.getFields()) {
                String table = field.getTable() == null || field.getTableName().isEmpty()
                        ? descriptor.getTableName() : field.getTableName();
                needed.computeIfAbsent(upper(table), t -> new TreeSet<>()).add(upper(field.getName()));
            }
        }
        Map<String, Set<String>> existing = new TreeMap<>();
        Set<String> existingKeys = new HashSet<>();
        read(factory, TablePrefixCustomizer.prefixOf(session.getProperty(TablePrefixCustomizer.PROPERTY)), existing,
                existingKeys);

        Set<String> missing = new TreeSet<>();
        needed.forEach((table, columns) -> {
            Set<String> there = existing.get(table);
            if (there == null) {
                missing.add(table);
                return;
            }
            columns.stream().filter(column -> !there.contains(column)).forEach(column -> missing.add(table + "." + column));
        });
        neededKeys.stream().filter(key -> !existingKeys.contains(key)).forEach(missing::add);
        return missing;
    }

    private static void read(EntityManagerFactory factory, String prefix, Map<String, Set<String>> columns,
                             Set<String> keys) throws SQLException {
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            Connection connection = em.unwrap(Connection.class);
            // MariaDB and MySQL have no schemas but databases, which information_schema calls schemas.
            String schema = connection.getSchema() != null ? connection.getSchema() : connection.getCatalog();
            String tables = upper(prefix).replace("_", "!_") + "%";
            try (PreparedStatement query = connection.prepareStatement(EXISTING)) {
                query.setString(1, schema);
                query.setString(2, tables);
                query.setString(3, schema);
                query.setString(4, tables);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        if ("c".equals(rows.getString(1))) {
                            columns.computeIfAbsent(rows.getString(2), t -> new HashSet<>()).add(rows.getString(3));
                        } else {
                            keys.add(rows.getString(3));
                        }
                    }
                }
            }
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    private static String upper(String name) {
        return name.toUpperCase(Locale.ROOT);
    }
}
