package org.portcullis.model;

import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.Map;
import org.eclipse.persistence.config.PersistenceUnitProperties;
import org.eclipse.persistence.jpa.PersistenceProvider;

/**
 * Builds the {@code portcullis} persistence unit with EclipseLink, whatever other JPA provider the
 * host may carry, and names the DDL scripts shipped for hosts that manage their own schema.
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

    /** The kinds of database for which a DDL script is shipped. */
    public enum Dialect {
        H2, POSTGRESQL, MARIADB;

        /** Class-path resource of the script that creates every table with the default prefix. */
        public String ddlResource() {
            return "org/portcullis/model/ddl/" + name().toLowerCase(Locale.ROOT) + ".sql";
        }

        /**
         * The script's statements, comments removed, with {@code prefix} in place of {@code pc_}: what
         * a host that sets {@code schema=none} runs, e.g. from its own migration tool.
         */
        public List<String> ddlStatements(String prefix) {
            String script;
            try (InputStream in = PortcullisPersistence.class.getClassLoader().getResourceAsStream(ddlResource())) {
                if (in == null) {
                    throw new IllegalStateException("missing " + ddlResource());
                }
                script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String safePrefix = TablePrefixCustomizer.prefixOf(prefix);
            return Arrays.stream(script.split(";"))
                    .map(s -> s.lines().filter(line -> !line.startsWith("--")).collect(Collectors.joining("\n")).strip())
                    .filter(s -> !s.isEmpty())
                    .map(s -> s.replace("pc_", safePrefix))
                    .toList();
        }
    }
}
