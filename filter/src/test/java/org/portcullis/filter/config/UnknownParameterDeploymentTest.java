package org.portcullis.filter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.portcullis.filter.PortcullisFilter;
import org.portcullis.filter.testing.Container;
import org.portcullis.filter.testing.Http;

/**
 * The promise behind the registry, in real containers: a misspelt parameter stops the web application's
 * deployment with a message that names it and the parameter meant, whether it is an init-param or a
 * {@code portcullis.} context-param, while the host's own context-params are left alone.
 */
class UnknownParameterDeploymentTest {

    @ParameterizedTest
    @EnumSource(Container.class)
    void misspeltInitParamWhenDeployedThenDeploymentFailsNamingItAndTheParameterMeant(Container container)
            throws Exception {
        try (Deployment deployment = deploy(container, Map.of("singup.enabled", "false"), Map.of())) {
            assertFalse(deployment.started(), "a misspelt switch must not leave sign-up open: " + deployment.failure());
            assertTrue(deployment.failure().contains("unknown parameter 'singup.enabled' (did you mean"
                    + " 'signup.enabled'?)"), deployment.failure());
            deployment.assertNotServing();
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void misspeltPortcullisContextParamWhenDeployedThenDeploymentFailsNamingIt(Container container) throws Exception {
        try (Deployment deployment = deploy(container, Map.of(), Map.of("portcullis.cache.tll", "PT0S"))) {
            assertFalse(deployment.started(), deployment.failure());
            assertTrue(deployment.failure().contains("unknown parameter 'cache.tll' in context-param"
                    + " 'portcullis.cache.tll' (did you mean 'cache.ttl'?)"), deployment.failure());
            deployment.assertNotServing();
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void portcullisContextParamWhenKnownThenReadAndTheHostsOwnContextParamsIgnored(Container container)
            throws Exception {
        Map<String, String> context = Map.of("portcullis.signup.enabled", "false", "app.theme", "dark",
                "signup.enabled", "true");
        try (Deployment deployment = deploy(container, Map.of(), context)) {
            assertTrue(deployment.started(), deployment.failure());
            Http http = new Http(deployment.base());
            assertEquals(200, http.get("/hello").statusCode());
            var signup = http.signup("Guest", "guest-" + UUID.randomUUID() + "@example.com", "correct horse battery");
            assertEquals(403, signup.statusCode(), signup.body());
            assertEquals("signup_disabled", Http.errorCode(signup));
        }
    }

    /** A web application with the real filter in front of one servlet for every path, started or failed. */
    private record Deployment(boolean started, String failure, URI base, AutoCloseable stop) implements AutoCloseable {

        void assertNotServing() {
            if (base != null) {
                assertNotEquals(200, new Http(base).get("/hello").statusCode(), "the failed application must not serve");
            }
        }

        @Override
        public void close() throws Exception {
            stop.close();
        }
    }

    private static Deployment deploy(Container container, Map<String, String> initParams,
                                     Map<String, String> contextParams) throws Exception {
        // A harmless database, should the filter start when it must not.
        Map<String, String> init = new HashMap<>(Map.of("jdbc.url", "jdbc:h2:mem:" + UUID.randomUUID(),
                "bcrypt.cost", "10"));
        init.putAll(initParams);
        return container == Container.JETTY ? jetty(init, contextParams) : tomcat(init, contextParams);
    }

    private static Deployment jetty(Map<String, String> init, Map<String, String> contextParams) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        contextParams.forEach(context::setInitParameter);
        FilterHolder filter = new FilterHolder(new PortcullisFilter());
        filter.setInitParameters(init);
        context.addFilter(filter, "/*", EnumSet.allOf(DispatcherType.class));
        context.addServlet(new ServletHolder(new Hello()), "/");
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            return new Deployment(false, messages(e), null, () -> { });
        }
        URI base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
        return new Deployment(true, "", base, server::stop);
    }

    private static Deployment tomcat(Map<String, String> init, Map<String, String> contextParams) throws Exception {
        Path base = Files.createTempDirectory("tomcat");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.setPort(0);
        Context context = tomcat.addContext("", base.toString());
        contextParams.forEach(context::addParameter);
        FilterDef def = new FilterDef();
        def.setFilterName("portcullis");
        def.setFilter(new PortcullisFilter());
        init.forEach(def::addInitParameter);
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("portcullis");
        map.addURLPattern("/*");
        context.addFilterMap(map);
        Tomcat.addServlet(context, "hello", new Hello());
        context.addServletMappingDecoded("/", "hello");
        tomcat.getConnector();
        // Tomcat logs a filter's failed init and marks the context failed instead of throwing.
        List<Throwable> logged = new ArrayList<>();
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
        AutoCloseable stop = () -> {
            tomcat.stop();
            tomcat.destroy();
        };
        URI uri = URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort());
        boolean started = context.getState() == LifecycleState.STARTED;
        StringBuilder failure = new StringBuilder(started ? "" : "context " + context.getState() + "\n");
        logged.forEach(t -> failure.append(messages(t)));
        return new Deployment(started, failure.toString(), uri, stop);
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

    private static final class Hello extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.getWriter().write("hello");
        }
    }
}
