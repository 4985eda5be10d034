package org.portcullis.filter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
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
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void misspeltPortcullisContextParamWhenDeployedThenDeploymentFailsNamingIt(Container container) throws Exception {
        try (Deployment deployment = deploy(container, Map.of(), Map.of("portcullis.cache.tll", "PT0S"))) {
            assertFalse(deployment.started(), deployment.failure());
            assertTrue(deployment.failure().contains("unknown parameter 'cache.tll' in context-param"
                    + " 'portcullis.cache.tll' (did you mean 'cache.ttl'?)"), deployment.failure());
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
            Http http = new Http(deployment.running().base());
            assertEquals(200, http.get("/hello").statusCode());
            var signup = http.signup("Guest", "guest-" + UUID.randomUUID() + "@example.com", "correct horse battery");
            assertEquals(403, signup.statusCode(), signup.body());
            assertEquals("signup_disabled", Http.errorCode(signup));
        }
    }

    /** A web application with the real filter in front of one servlet for every path: started, or why not. */
    private record Deployment(Container.Running running, String failure) implements AutoCloseable {

        boolean started() {
            return running != null;
        }

        @Override
        public void close() throws Exception {
            if (running != null) {
                running.close();
            }
        }
    }

    private static Deployment deploy(Container container, Map<String, String> initParams,
                                     Map<String, String> contextParams) throws Exception {
        // A harmless database, should the filter start when it must not.
        Map<String, String> init = new HashMap<>(Map.of("jdbc.url", "jdbc:h2:mem:" + UUID.randomUUID(),
                "bcrypt.cost", "10"));
        init.putAll(initParams);
        try {
            return new Deployment(container.start(init, contextParams, Map.of("/", new Hello())), "");
        } catch (Container.DeploymentFailed e) {
            return new Deployment(null, e.messages());
        }
    }

    private static final class Hello extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.getWriter().write("hello");
        }
    }
}
