package org.portcullis.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.internal.helper.DatabaseTable;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.tools.schemaframework.IndexDefinition;

/**
 * Puts the configured prefix in front of every Portcullis table, index and constraint name, so
 * that they never collide with the host's. The prefix comes from the persistence unit property
 * {@value #PROPERTY}; it must be letters, digits and underscores.
 */
public final class TablePrefixCustomizer implements SessionCustomizer {

    /** Persistence unit property that holds the table prefix. */
    public static final String PROPERTY = "portcullis.table.prefix";
    /** The prefix used when none is configured. */
    public static final String DEFAULT_PREFIX = "pc_";

    @Override
    public void customize(Session session) {
        String prefix = prefixOf(session.getProperty(PROPERTY));
        for (ClassDescriptor descriptor : session.getDescriptors().values()) {
            for (DatabaseTable table : descriptor.getTables()) {
                if (table.getName().startsWith(prefix)) {
                    continue; // customised already
                }
                table.setName(prefix + table.getName());
                // Index and constraint names share one namespace per schema on PostgreSQL, and
                // EclipseLink keeps the unprefixed table name in index definitions: prefix both.
                for (IndexDefinition index : table.getIndexes()) {
                    index.setName(prefix + index.getName());
                    index.setTargetTable(table.getName());
                }
                if (table.hasUniqueConstraints()) {
                    Map<String, List<List<String>>> constraints = new LinkedHashMap<>(table.getUniqueConstraints());
                    table.getUniqueConstraints().clear();
                    constraints.forEach((name, columns) -> table.getUniqueConstraints().put(prefix + name, columns));
                }
            }
        }
    }

    /** The prefix to use for {@code configured} (the default when null); refuses anything but letters, digits and underscores. */
    public static String prefixOf(Object configured) {
        String prefix = configured == null ? DEFAULT_PREFIX : configured.toString();
        if (!prefix.matches("[A-Za-z0-9_]{0,20}")) {
            throw new IllegalArgumentException("table.prefix must be at most 20 letters, digits or underscores");
        }
        return prefix;
    }
}
