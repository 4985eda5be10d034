package org.portcullis.model;

import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.eclipse.persistence.jpa.JpaHelper;

/**
 * The table {@code <prefix>schema_version} that {@link SchemaVersions} keeps, one row per version,
 * and the SQL it runs on it.
 *
 * @param prefix the table prefix of the persistence unit
 */
record VersionTable(String prefix) {

    /** The version table of {@code factory}'s unit. */
    static VersionTable of(EntityManagerFactory factory) {
        return new VersionTable(TablePrefixCustomizer.prefixOf(
                JpaHelper.getServerSession(factory).getProperty(TablePrefixCustomizer.PROPERTY)));
    }

    /** The table's name, e.g. {@code pc_schema_version}. */
    String name() {
        return prefix + "schema_version";
    }

    /** Whether the table exists. */
    boolean exists(Connection c) throws SQLException {
        return tableExists(c, name());
    }

    /** Whether the tables of version 1 are there: made before versions when there is no row for it. */
    boolean madeBeforeVersions(Connection c) throws SQLException {
        return tableExists(c, prefix + "user_account");
    }

    /** The highest version recorded, -1 when there is none. */
    int recorded(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(version) FROM " + name())) {
            rs.next();
            int version = rs.getInt(1);
            return rs.wasNull() ? -1 : version;
        }
    }

    /** Whether {@code version} has its row. */
    boolean isRecorded(Connection c, int version) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + name() + " WHERE version = ?")) {
            s.setInt(1, version);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        }
    }

    /** Records {@code version} as made by {@code script}, in {@code c}'s transaction. */
    Void record(Connection c, int version, String script) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + name() + " (version, script) VALUES (?, ?)")) {
            s.setInt(1, version);
            s.setString(2, script);
            s.executeUpdate();
        }
        return null;
    }

    /**
     * Locks the row of version 0 in {@code c}'s transaction; false, with nothing locked that outlives a
     * rollback, when the row is missing (another node's version 0 not yet committed). The lock's
     * transaction never inserts: on MariaDB a {@code FOR UPDATE} that finds no row takes a gap lock
     * that would hold back this node's own inserts of later versions on its other connection.
     */
    boolean lockVersionZero(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM " + name() + " WHERE version = 0 FOR UPDATE")) {
            return rs.next();
        }
    }

    /** Whether {@code table} exists in the connection's own schema (database, on MariaDB). */
    private static boolean tableExists(Connection c, String table) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        String name = meta.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT)
                : meta.storesLowerCaseIdentifiers() ? table.toLowerCase(Locale.ROOT) : table;
        String escape = meta.getSearchStringEscape();
        String pattern = name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
        try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), pattern, null)) {
            while (rs.next()) {
                if (rs.getString("TABLE_NAME").equalsIgnoreCase(table)) {
                    return true;
                }
            }
        }
        return false;
    }
}
