package org.portcullis.filter.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.persistence.platform.database.DatabasePlatform;
import org.eclipse.persistence.platform.database.H2Platform;
import org.eclipse.persistence.platform.database.MariaDBPlatform;
import org.eclipse.persistence.platform.database.MySQLPlatform;
import org.eclipse.persistence.platform.database.PostgreSQLPlatform;

/**
 * Which EclipseLink database platform Portcullis names for its database, so that EclipseLink never
 * has to guess.
 *
 * <p>EclipseLink guesses from a properties file of class names; in the published jar EclipseLink's
 * classes are relocated but that file's contents are not, so its guess would fall back to a generic
 * platform. Naming the platform by class reference keeps it right whether relocated or not. The
 * choice matches what EclipseLink's own guess gives for the databases Portcullis supports.
 */
final class PlatformNames {

    private PlatformNames() {
    }

    /** The platform for a JDBC URL Portcullis was given, if it names a supported database. */
    static Optional<String> forUrl(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        // jdbc:h2:, jdbc:postgresql:, jdbc:mariadb:, jdbc:mysql: name their product right after the scheme
        return u.startsWith("jdbc:") ? forProduct(u.substring("jdbc:".length())) : Optional.empty();
    }

    /** The platform for a database product name as JDBC reports it ({@code DatabaseMetaData}). */
    static Optional<String> forProduct(String product) {
        String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (p.startsWith("h2")) {
            return name(H2Platform.class);
        } else if (p.startsWith("postgresql")) {
            return name(PostgreSQLPlatform.class);
        } else if (p.startsWith("mariadb")) {
            return name(MariaDBPlatform.class);
        } else if (p.startsWith("mysql")) {
            return name(MySQLPlatform.class);
        }
        return Optional.empty();
    }

    /** Asks the host's DataSource which database it is (one connection, closed at once). */
    static Optional<String> forDataSource(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return forProduct(connection.getMetaData().getDatabaseProductName());
        }
    }

    private static Optional<String> name(Class<? extends DatabasePlatform> platform) {
        return Optional.of(platform.getName());
    }
}
