package org.portcullis.filter.testing;

import jakarta.servlet.http.HttpServlet;
import java.util.EnumMap;
import java.util.Map;
import org.portcullis.model.TestDatabase;

/**
 * Jetty and Tomcat, each with the filter guarding {@code routes} in front of {@code servlets}, each
 * on a database (or table prefix) of its own: every container keeps its own host-side store, so ids
 * would clash if they shared one. Closing stops both and drops their tables.
 */
public final class GuardedServers implements AutoCloseable {

    private final Map<Container, TestDatabase> databases = new EnumMap<>(Container.class);
    private final Map<Container, Container.Running> servers = new EnumMap<>(Container.class);

    private GuardedServers() {
    }

    public static GuardedServers start(String routes, Map<String, HttpServlet> servlets) throws Exception {
        return start(routes, servlets, Map.of());
    }

    /** As {@link #start(String, Map)}, with further filter parameters ({@code parameters} win). */
    public static GuardedServers start(String routes, Map<String, HttpServlet> servlets, Map<String, String> parameters)
            throws Exception {
        return startAt("", routes, servlets, parameters);
    }

    /**
     * As {@link #start(String, Map, Map)}, with the web application at {@code contextPath} (e.g.
     * {@code /app}); {@link #http} then reaches paths inside it.
     */
    public static GuardedServers startAt(String contextPath, String routes, Map<String, HttpServlet> servlets,
                                         Map<String, String> parameters) throws Exception {
        return startWithFiles(contextPath, routes, servlets, parameters, null);
    }

    /**
     * As {@link #startAt}, the web application's files (its WAR's {@code WEB-INF/...}) in {@code webRoot},
     * or none when null.
     */
    public static GuardedServers startWithFiles(String contextPath, String routes, Map<String, HttpServlet> servlets,
                                                Map<String, String> parameters, java.nio.file.Path webRoot)
            throws Exception {
        GuardedServers started = new GuardedServers();
        try {
            for (Container container : Container.values()) {
                TestDatabase own = TestDatabase.fresh();
                started.databases.put(container, own);
                Map<String, String> all = new java.util.HashMap<>(Map.of("jdbc.url", own.url(), "jdbc.user", own.user(),
                        "table.prefix", own.prefix(), "bcrypt.cost", "10", "resources", routes));
                all.putAll(parameters);
                started.servers.put(container, container.start(all, Map.of(), servlets, contextPath, null, webRoot));
            }
            return started;
        } catch (Exception e) {
            started.close();
            throw e;
        }
    }

    /** The database {@code container}'s web application keeps its rows in (for a test that must age one). */
    public TestDatabase database(Container container) {
        return databases.get(container);
    }

    public Http http(Container container) {
        return new Http(servers.get(container).base());
    }

    @Override
    public void close() throws Exception {
        for (Container.Running running : servers.values()) {
            running.close();
        }
        for (TestDatabase own : databases.values()) {
            own.dropTables();
        }
    }
}
