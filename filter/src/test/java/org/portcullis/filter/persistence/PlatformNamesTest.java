package org.portcullis.filter.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.eclipse.persistence.internal.helper.DBPlatformHelper;
import org.eclipse.persistence.logging.AbstractSessionLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformNamesTest {

    @ParameterizedTest
    @CsvSource({
        "H2, 2, 3",
        "PostgreSQL, 15, 19",
        "MariaDB, 10, 11",
        "MySQL, 8, 0"})
    void forProductWhenASupportedDatabaseThenTheSamePlatformEclipseLinksOwnGuessGives(String product, String major, String minor) {
        String guessed = DBPlatformHelper.getDBPlatform(product, minor, major, AbstractSessionLog.getLog());
        assertEquals(Optional.of(guessed), PlatformNames.forProduct(product));
    }

    @ParameterizedTest
    @CsvSource({
        "jdbc:h2:file:/tmp/x, H2",
        "jdbc:h2:mem:test, H2",
        "jdbc:postgresql://127.0.0.1:5432/test, PostgreSQL",
        "JDBC:PostgreSQL://host/db, PostgreSQL",
        "jdbc:mariadb://127.0.0.1:3306/test, MariaDB",
        "jdbc:mysql://127.0.0.1:3306/test, MySQL"})
    void forUrlWhenASupportedDriverThenThePlatformOfItsProduct(String url, String product) {
        assertEquals(PlatformNames.forProduct(product), PlatformNames.forUrl(url));
        assertTrue(PlatformNames.forUrl(url).isPresent(), url);
    }

    @ParameterizedTest
    @CsvSource({
        "jdbc:h2:mem:test, org.h2.Driver",
        "jdbc:postgresql://127.0.0.1:5432/test, org.postgresql.Driver",
        "jdbc:mariadb://127.0.0.1:3306/test, org.mariadb.jdbc.Driver",
        "jdbc:mysql://127.0.0.1:3306/test, org.mariadb.jdbc.Driver"})
    void driverForWhenASupportedDatabaseThenItsDriverWhichIsOnTheTestClasspath(String url, String driver)
            throws ClassNotFoundException {
        assertEquals(Optional.of(driver), PlatformNames.driverFor(url));
        Class.forName(driver);
    }

    @Test
    void driverForWhenNotSupportedThenLeftToDriverManager() {
        assertEquals(Optional.empty(), PlatformNames.driverFor("jdbc:oracle:thin:@host:1521:db"));
        assertEquals(Optional.empty(), PlatformNames.driverFor("jdbc:h2x:mem:test"));
        assertEquals(Optional.empty(), PlatformNames.driverFor("h2:mem:test"));
    }

    @Test
    void forUrlOrProductWhenNotSupportedThenLeftToEclipseLink() {
        assertEquals(Optional.empty(), PlatformNames.forUrl("jdbc:oracle:thin:@host:1521:db"));
        assertEquals(Optional.empty(), PlatformNames.forUrl("jdbc:sqlserver://host"));
        assertEquals(Optional.empty(), PlatformNames.forProduct("Oracle"));
        assertEquals(Optional.empty(), PlatformNames.forProduct(null));
    }
}
