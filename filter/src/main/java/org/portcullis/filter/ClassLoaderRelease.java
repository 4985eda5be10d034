package org.portcullis.filter;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.runtime.ObjectMethods;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ResourceBundle;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the JVM itself keeps of a web application once its filter has stopped, let go at
 * {@code destroy} so that the application's class loader, and with it every class it loaded, can be
 * collected after an undeploy:
 * <ul>
 *   <li>the JDBC drivers its class loader registered with {@link DriverManager} (H2's registers
 *       itself as soon as EclipseLink loads it);</li>
 *   <li>the resource bundles of its libraries in {@link ResourceBundle}'s cache (EclipseLink's
 *       messages), held there softly: a GC that is not short of memory keeps them;</li>
 *   <li>its record types in the JDK's method handles that build a record's {@code equals},
 *       {@code hashCode} and {@code toString} ({@link ObjectMethods}): each remembers the last type
 *       it was adapted to, strongly on JDK 17, until another record is first compared, hashed or
 *       printed somewhere in the JVM.</li>
 * </ul>
 *
 * <p>Only when Portcullis came from the web application's own class loader ({@code WEB-INF/lib}).
 * On the JVM's class path (an embedded container, a test) or in a container's shared library, the
 * drivers beside Portcullis are shared with others, and nothing here goes away.
 *
 * <pre>{@code
 * ClassLoaderRelease release = ClassLoaderRelease.of(servletContext.getClassLoader());
 * List<String> done = release.run(); // at destroy: ["JDBC driver org.h2.Driver", ...]
 * }</pre>
 */
final class ClassLoaderRelease {

    private static final Logger LOG = Logger.getLogger(ClassLoaderRelease.class.getName());
    private static final ClassLoaderRelease NONE = new ClassLoaderRelease(null);

    /** The web application's class loader; null when nothing is ours to release. */
    private final ClassLoader webApp;

    private ClassLoaderRelease(ClassLoader webApp) {
        this.webApp = webApp;
    }

    /** @param webAppLoader the web application's class loader ({@code ServletContext.getClassLoader()}), may be null */
    static ClassLoaderRelease of(ClassLoader webAppLoader) {
        return owned(webAppLoader, ClassLoaderRelease.class.getClassLoader(), ClassLoader.getSystemClassLoader())
                ? new ClassLoaderRelease(webAppLoader) : NONE;
    }

    /**
     * Whether what {@code webApp} loaded is Portcullis' to release: Portcullis was loaded by it (or
     * below it), and it is not the JVM's own class path (the system class loader or above).
     */
    static boolean owned(ClassLoader webApp, ClassLoader portcullis, ClassLoader system) {
        return webApp != null && descends(portcullis, webApp) && !descends(system, webApp);
    }

    /** Whether {@code loader} is {@code ancestor} or one of its descendants. */
    private static boolean descends(ClassLoader loader, ClassLoader ancestor) {
        for (ClassLoader at = loader; at != null; at = at.getParent()) {
            if (at == ancestor) {
                return true;
            }
        }
        return false;
    }

    /**
     * Lets go of all three; safe to run again.
     *
     * @return the JDBC drivers deregistered, as {@code "JDBC driver <class>"}
     */
    List<String> run() {
        if (webApp == null) {
            return List.of();
        }
        List<String> drivers = deregisterDrivers();
        ResourceBundle.clearCache(webApp);
        forgetRecordTypes();
        return drivers;
    }

    private List<String> deregisterDrivers() {
        List<String> deregistered = new ArrayList<>();
        // Lists only the drivers this class can see: those of its own class loader and above.
        for (Driver driver : Collections.list(DriverManager.getDrivers())) {
            if (descends(driver.getClass().getClassLoader(), webApp)) {
                try {
                    DriverManager.deregisterDriver(driver);
                    deregistered.add("JDBC driver " + driver.getClass().getName());
                } catch (SQLException | SecurityException e) {
                    LOG.log(Level.WARNING, "Portcullis could not deregister the JDBC driver " + driver.getClass().getName(), e);
                }
            }
        }
        return deregistered;
    }

    /**
     * Links {@code equals}, {@code hashCode} and {@code toString} once for a record-like view of a JDK
     * class ({@link Thread}, with its thread group as the one component), so that the JDK's shared
     * method handles last remember JDK types rather than one of this web application's records.
     */
    private static void forgetRecordTypes() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle component = lookup.findVirtual(Thread.class, "getThreadGroup", MethodType.methodType(ThreadGroup.class));
            for (String method : List.of("equals", "hashCode", "toString")) {
                ObjectMethods.bootstrap(lookup, method, MethodHandle.class, Thread.class, "group", component);
            }
        } catch (Throwable e) { // a JDK that links records otherwise: nothing to forget, or nothing we can do
            LOG.log(Level.FINE, "could not reset the JDK's record method handles", e);
        }
    }
}
