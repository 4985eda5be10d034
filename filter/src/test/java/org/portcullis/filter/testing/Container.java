package org.portcullis.filter.testing;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.portcullis.filter.PortcullisFilter;

/**
 * A real servlet container, embedded: Jetty 12 (ee10) or Tomcat 10.1, running the Portcullis filter
 * on {@code /*} for every dispatcher type in front of the given servlets, on a free port, at the root
 * or under a context path.
 */
public enum Container {
    JETTY {
        @Override
        public Running start(Map<String, String> filterParameters, Map<String, String> contextParameters,
                             Map<String, HttpServlet> servlets, String contextPath, ClassLoader webApplication,
                             Path webRoot) throws Exception {
            Server server = new Server();
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);
            ServletContextHandler context = new ServletContextHandler();
            context.setContextPath(contextPath.isEmpty() ? "/" : contextPath);
            if (webRoot != null) {
                context.setBaseResourceAsPath(webRoot);
                context.setDisplayName(DISPLAY_NAME);
            }
            contextParameters.forEach(context::setInitParameter);
            if (webApplication != null) {
                context.setClassLoader(webApplication);
            }
            FilterHolder filter = new FilterHolder(new PortcullisFilter());
            filter.setInitParameters(filterParameters);
            context.addFilter(filter, "/*", EnumSet.allOf(DispatcherType.class));
            servlets.forEach((path, servlet) -> context.addServlet(new ServletHolder(servlet), path));
            server.setHandler(context);
            try {
                server.start();
            } catch (Exception e) {
                server.stop();
                throw new DeploymentFailed("Jetty did not start the web application", e);
            }
            return new Running(URI.create("http://127.0.0.1:" + connector.getLocalPort() + contextPath), server::stop);
        }
    },
    TOMCAT {
        @Override
        public Running start(Map<String, String> filterParameters, Map<String, String> contextParameters,
                             Map<String, HttpServlet> servlets, String contextPath, ClassLoader webApplication,
                             Path webRoot) throws Exception {
            Path base = Files.createTempDirectory("tomcat");
            Tomcat tomcat = new Tomcat();
            tomcat.setBaseDir(base.toString());
            tomcat.setHostname("127.0.0.1");
            tomcat.setPort(0);
            Context context = tomcat.addContext(contextPath, (webRoot != null ? webRoot : base).toString());
            if (webRoot != null) {
                context.setDisplayName(DISPLAY_NAME);
            }
            contextParameters.forEach(context::addParameter);
            if (webApplication != null) {
                context.setParentClassLoader(webApplication); // under the web application's own loader
            }
            FilterDef def = new FilterDef();
            def.setFilterName("portcullis");
            def.setFilter(new PortcullisFilter());
            filterParameters.forEach(def::addInitParameter);
            context.addFilterDef(def);
            FilterMap map = new FilterMap();
            map.setFilterName("portcullis");
            map.addURLPattern("/*");
            for (DispatcherType type : DispatcherType.values()) {
                map.setDispatcher(type.name());
            }
            context.addFilterMap(map);
            servlets.forEach((path, servlet) -> {
                String name = "servlet" + path.hashCode();
                Tomcat.addServlet(context, name, servlet);
                context.addServletMappingDecoded(path, name);
            });
            tomcat.getConnector();
            Stopper stopper = () -> {
                tomcat.stop();
                tomcat.destroy();
            };
            // Tomcat logs a filter's failed init and marks the context failed instead of throwing.
            List<Throwable> logged = new CopyOnWriteArrayList<>();
            Handler capture = new Handler() {
                @Override
                public void publish(LogRecord record) {
                    if (record.getThrown() != null) {
                        logged.add(record.getThrown());
                    }
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
            Logger root = Logger.getLogger("");
            root.addHandler(capture);
            try {
                tomcat.start();
            } finally {
                root.removeHandler(capture);
            }
            if (context.getState() != LifecycleState.STARTED) {
                stopper.stop();
                DeploymentFailed failed = new DeploymentFailed("Tomcat left the context " + context.getState(), null);
                logged.forEach(failed::addSuppressed);
                throw failed;
            }
            int port = tomcat.getConnector().getLocalPort();
            return new Running(URI.create("http://127.0.0.1:" + port + contextPath), stopper);
        }
    };

    /** The display name of a web application started with its own files. */
    public static final String DISPLAY_NAME = "Notes from the WAR";

    /** Starts the container with the web application at the root; the caller stops it. */
    public Running start(Map<String, String> filterParameters, Map<String, HttpServlet> servlets) throws Exception {
        return start(filterParameters, servlets, "");
    }

    /**
     * Starts the container with the web application at {@code contextPath} ({@code ""} for the root, else
     * e.g. {@code /app}); the caller stops it.
     */
    public Running start(Map<String, String> filterParameters, Map<String, HttpServlet> servlets, String contextPath)
            throws Exception {
        return start(filterParameters, servlets, contextPath, null);
    }

    /**
     * As {@link #start(Map, Map, String)}, the web application's classes and resources (what its
     * {@code WEB-INF/lib} would hold) seen through {@code webApplication}; {@code null} for the container's
     * own choice.
     */
    public Running start(Map<String, String> filterParameters, Map<String, HttpServlet> servlets, String contextPath,
                         ClassLoader webApplication) throws Exception {
        return start(filterParameters, Map.of(), servlets, contextPath, webApplication);
    }

    /**
     * As {@link #start(Map, Map)}, with the web application's {@code context-param}s, e.g.
     * {@code Map.of("portcullis.cache.ttl", "PT0S")}.
     */
    public Running start(Map<String, String> filterParameters, Map<String, String> contextParameters,
                         Map<String, HttpServlet> servlets) throws Exception {
        return start(filterParameters, contextParameters, servlets, "", null);
    }

    /**
     * The one way every container test starts a web application: the filter's {@code init-param}s, the web
     * application's {@code context-param}s, servlets by path, the context path ({@code ""} for the root) and
     * the web application's class loader ({@code null} for the container's own choice).
     *
     * @throws DeploymentFailed when the web application did not start (the filter's {@code init} failed, say);
     *     the container is stopped again
     */
    public Running start(Map<String, String> filterParameters, Map<String, String> contextParameters,
                         Map<String, HttpServlet> servlets, String contextPath, ClassLoader webApplication)
            throws Exception {
        return start(filterParameters, contextParameters, servlets, contextPath, webApplication, null);
    }

    /**
     * As {@link #start(Map, Map, Map, String, ClassLoader)}, the web application's files (what its WAR
     * holds, {@code WEB-INF/...}) in {@code webRoot}, and its display name then {@value #DISPLAY_NAME};
     * {@code null} for none.
     */
    public abstract Running start(Map<String, String> filterParameters, Map<String, String> contextParameters,
                                  Map<String, HttpServlet> servlets, String contextPath, ClassLoader webApplication,
                                  Path webRoot) throws Exception;

    /** The web application did not start; the causes (Tomcat only logs them) are the cause or the suppressed. */
    public static final class DeploymentFailed extends Exception {
        private static final long serialVersionUID = 1L;

        DeploymentFailed(String message, Throwable cause) {
            super(message, cause);
        }

        /** Every message of this failure, its causes and what it suppressed (the filter's own), one a line. */
        public String messages() {
            return messages(this);
        }

        private static String messages(Throwable thrown) {
            StringBuilder out = new StringBuilder();
            for (Throwable t = thrown; t != null; t = t.getCause()) {
                out.append(t.getMessage()).append('\n');
                for (Throwable suppressed : t.getSuppressed()) {
                    out.append(messages(suppressed));
                }
            }
            return out.toString();
        }
    }

    /** A started container; {@code base} is its web application's URL, the context path included. */
    public record Running(URI base, Stopper stopper) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            stopper.stop();
        }
    }

    /** How a container stops. */
    @FunctionalInterface
    public interface Stopper {
        void stop() throws Exception;
    }
}
