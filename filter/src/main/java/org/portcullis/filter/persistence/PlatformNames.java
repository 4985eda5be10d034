package org.portcullis.filter.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.eclipse.persistence.platform.database.DatabasePlatform;
import org.eclipse.persistence.platform.database.H2Platform;
import org.eclipse.persistence.platform.database.MariaDBPlatform;
import org.eclipse.persistence.platform.database.MySQLPlatform;
import org.eclipse.persistence.platform.database.PostgreSQLPlatform;

/**
 * The databases Portcullis knows, in one table: the name a JDBC URL and the driver's product name begin
 * with, the JDBC driver named for such a URL, and the EclipseLink database platform named for it, so that
 * EclipseLink never has to guess.
 *
 * <p>EclipseLink guesses from a properties file of class names; in the published jar EclipseLink's
 * classes are relocated but that file's contents are not, so its guess would fall back to a generic
 * platform. Naming the platform by class reference keeps it right whether relocated or not. The
 * choice matches what EclipseLink's own guess gives for the databases Portcullis supports.
 */
final class PlatformNames {

    /** One row per database: {@code jdbc:<name>:…} URLs and products called {@code <name>…}. */
    private enum Known {
        H2("h2", "org.h2.Driver", H2Platform.class),
        POSTGRESQL("postgresql", "org.postgresql.Driver", PostgreSQLPlatform.class),
        MARIADB("mariadb", "org.mariadb.jdbc.Driver", MariaDBPlatform.class),
        // MariaDB's driver also takes jdbc:mysql: URLs; the platform is still MySQL's.
        MYSQL("mysql", "org.mariadb.jdbc.Driver", MySQLPlatform.class);

        private final String name;
        private final String driver;
        private final Class<? extends DatabasePlatform> platform;

        Known(String name, String driver, Class<? extends DatabasePlatform> platform) {
            this.name = name;
            this.driver = driver;
            this.platform = platform;
        }

        /** The database a JDBC URL names right after {@code jdbc:}, in any case. */
        static Optional<Known> ofUrl(String url) {
            String u = url.toLowerCase(Locale.ROOT);
            return Stream.of(values()).filter(k -> u.startsWith("jdbc:" + k.name + ":")).findFirst();
        }

        /** The database of a product name as JDBC reports it ({@code DatabaseMetaData}), in any case. */
        static Optional<Known> ofProduct(String product) {
            String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
            return Stream.of(values()).filter(k -> p.startsWith(k.name)).findFirst();
        }

        String platformName() {
            return platform.getName();
        }
    }

    private PlatformNames() {
    }

    /** The JDBC driver class for a JDBC URL Portcullis was given, if it names a supported database. */
    static Optional<String> driverFor(String url) {
        return Known.ofUrl(url).map(known -> known.driver);
    }

    /** The platform for a JDBC URL Portcullis was given, if it names a supported database. */
    static Optional<String> forUrl(String url) {
        return Known.ofUrl(url).map(Known::platformName);
    }

    /** The platform for a database product name as JDBC reports it ({@code DatabaseMetaData}). */
    static Optional<String> forProduct(String product) {
        return Known.ofProduct(product).map(Known::platformName);
    }

    /** Asks the host's DataSource which database it is (one connection, closed at once). */
    static Optional<String> forDataSource(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return forProduct(connection.getMetaData().getDatabaseProductName());
        }
    }
}
