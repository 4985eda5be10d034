package org.portcullis.model;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.internal.helper.DatabaseTable;
import org.eclipse.persistence.sessions.Session;

/**
 * Puts the configured prefix in front of every Portcullis table name, so that the tables never
 * collide with the host's. The prefix comes from the persistence unit property
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
                if (!table.getName().startsWith(prefix)) {
                    table.setName(prefix + table.getName());
                }
            }
        }
    }

    static String prefixOf(Object configured) {
        String prefix = configured == null ? DEFAULT_PREFIX : configured.toString();
        if (!prefix.matches("[A-Za-z0-9_]{0,20}")) {
            throw new IllegalArgumentException("table.prefix must be at most 20 letters, digits or underscores");
        }
        return prefix;
    }
}
