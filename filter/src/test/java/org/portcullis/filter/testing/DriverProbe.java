package org.portcullis.filter.testing;

import java.sql.Driver;
import java.sql.DriverManager;
import java.util.Collections;
import java.util.List;

/**
 * Loaded into a {@link WebAppClassLoader} and called by reflection: {@link DriverManager} shows a
 * caller only the drivers its own class loader can load, so the test asks from inside.
 */
public final class DriverProbe {

    private DriverProbe() {
    }

    /** The class names of the JDBC drivers registered by this class's own class loader. */
    public static List<String> registered() {
        return Collections.list(DriverManager.getDrivers()).stream()
                .filter(driver -> driver.getClass().getClassLoader() == DriverProbe.class.getClassLoader())
                .map(Driver::getClass)
                .map(Class::getName)
                .toList();
    }
}
