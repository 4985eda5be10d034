package org.portcullis.filter;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.portcullis.filter.testing.DriverProbe;
import org.portcullis.filter.testing.Http;
import org.portcullis.filter.testing.LegacyServlets;
import org.portcullis.filter.testing.WebAppClassLoader;

/**
 * An undeploy leaves nothing of the web application behind. The filter runs as from a WAR: it and
 * its libraries (EclipseLink, the embedded H2 database, Jackson, Caffeine) are loaded by a class
 * loader of their own, in a Jetty whose threads outlive the web application, as a container's do.
 * Users sign up and in (bcrypt on the filter's threads, a token signed and verified), then the
 * context is stopped and taken out; what is left is looked at while Jetty still runs. Jetty, unlike
 * Tomcat, cleans up nothing after a web application, so everything here is the filter's own doing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LifecycleFlowTest {

    private static final String PASSWORD = "correct horse battery";

    private final Server jetty = new Server();
    private final ServerConnector connector = new ServerConnector(jetty);
    private final ContextHandlerCollection contexts = new ContextHandlerCollection();

    /** What one deploy, use and undeploy left. */
    private record Undeployed(List<String> driversWhileRunning, List<String> driversAfter,
                              List<String> portcullisThreadsAtDestroy, List<String> threadsAfter,
                              Throwable secondDestroy, WeakReference<ClassLoader> loader) {
    }

    private Undeployed undeployed;

    @BeforeAll
    void deployUseAndUndeploy() throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        jetty.setHandler(contexts);
        jetty.start();
        undeployed = cycle(Files.createTempDirectory("portcullis-lifecycle"));
        connector.stop(); // closes the test's kept-alive connections; Jetty's threads go on
    }

    @AfterAll
    void stopJetty() throws Exception {
        jetty.stop();
    }

    /** Kept out of the tests' frames, so that nothing but the weak reference leads to the class loader. */
    private Undeployed cycle(Path dataDir) throws Exception {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        WebAppClassLoader loader = new WebAppClassLoader();
        Filter filter = (Filter) loader.loadClass(PortcullisFilter.class.getName()).getDeclaredConstructor().newInstance();
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/host");
        context.setClassLoader(loader);
        FilterHolder holder = new FilterHolder(filter);
        // Cost 12: a hash lasts long enough to stop the context in the middle of one.
        holder.setInitParameters(Map.of("data.dir", dataDir.toString(), "bcrypt.cost", "12"));
        context.addFilter(holder, "/*", EnumSet.allOf(DispatcherType.class));
        LegacyServlets.standard().forEach((path, servlet) -> context.addServlet(new ServletHolder(servlet), path));
        contexts.addHandler(context);
        if (!context.isStarted()) {
            context.start();
        }

        Http http = new Http(URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/host"));
        String email = "lifecycle-" + UUID.randomUUID() + "@example.com";
        String token = http.newUser(email, PASSWORD);
        assertTrue(http.get("/whoami", "Authorization", "Bearer " + token).body().startsWith(email + "|"),
                "the token verifies and names the user");
        assertEquals(200, http.action("user_account/signout", "{}", "Authorization", "Bearer " + token).statusCode());
        List<String> driversWhileRunning = drivers(loader);
        CompletableFuture<?> signinInFlight = CompletableFuture.runAsync(() -> http.signin(email, "a wrong password"));
        awaitBcryptRunning();

        context.stop(); // the filter's destroy, while a bcrypt thread is hashing
        List<String> portcullisThreadsAtDestroy = portcullisThreads(before);
        contexts.removeHandler(context);
        try {
            signinInFlight.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException answeredOrNot) {
            // the client may see the connection close: only the threads matter here
        }
        Throwable secondDestroy = null;
        try {
            filter.destroy();
        } catch (RuntimeException | Error e) {
            secondDestroy = e;
        }
        return new Undeployed(driversWhileRunning, drivers(loader), portcullisThreadsAtDestroy, threadsOf(loader, before),
                secondDestroy, new WeakReference<>(loader));
    }

    private static void awaitBcryptRunning() throws InterruptedException {
        for (int i = 0; i < 2000; i++) {
            boolean hashing = Thread.getAllStackTraces().entrySet().stream()
                    .anyMatch(t -> t.getKey().getName().startsWith("portcullis-bcrypt-") && Arrays.stream(t.getValue())
                            .anyMatch(frame -> frame.getClassName().startsWith("org.mindrot.jbcrypt.")));
            if (hashing) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the sign-in never reached bcrypt");
    }

    @SuppressWarnings("unchecked")
    private static List<String> drivers(ClassLoader loader) throws ReflectiveOperationException {
        return (List<String>) loader.loadClass(DriverProbe.class.getName()).getMethod("registered").invoke(null);
    }

    /** Live threads that the web application started: named for Portcullis, or of its classes or class loader. */
    private static List<String> threadsOf(ClassLoader loader, Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("portcullis-") && !before.contains(t)
                        || t.getClass().getClassLoader() == loader || t.getContextClassLoader() == loader)
                .map(Thread::getName)
                .sorted()
                .toList();
    }

    @Test
    void undeployDuringASigninThenDestroyReturnsOnlyOnceTheBcryptThreadsHaveEnded() {
        assertEquals(List.of(), undeployed.portcullisThreadsAtDestroy());
    }

    @Test
    void undeployAfterSignupAndSigninThenNoThreadOfTheWebApplicationIsLeft() {
        assertEquals(List.of(), undeployed.threadsAfter(), "bcrypt, database start, H2's writer: all ended");
    }

    @Test
    void undeployThenNoJdbcDriverOfTheWebApplicationIsRegistered() {
        assertTrue(undeployed.driversWhileRunning().contains("org.h2.Driver"), "the embedded database's driver, "
                + "registered by the web application: " + undeployed.driversWhileRunning());
        assertEquals(List.of(), undeployed.driversAfter());
    }

    @Test
    void destroyCalledAgainAfterTheUndeployThenDoesNothing() {
        assertNull(undeployed.secondDestroy());
    }

    @Test
    void undeployThenTheWebApplicationsClassLoaderCanBeCollected() throws InterruptedException {
        // No ThreadLocal on Jetty's threads, no driver, cache entry or thread holds it: a GC takes it.
        for (int i = 0; i < 50 && undeployed.loader().get() != null; i++) {
            System.gc();
            Thread.sleep(100);
        }
        assertNull(undeployed.loader().get(), "something outside the web application still holds its class loader");
    }

    @Test
    void destroyAfterInitFailedHalfWayThenNoThreadIsLeftAndDestroyIsFine() {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        PortcullisFilter filter = new PortcullisFilter();
        // The bcrypt threads have begun the dummy hash when the JNDI lookup fails.
        FilterConfig config = filterConfig(Map.of("datasource", "jdbc/NoSuchDataSource", "bcrypt.cost", "10"));

        ServletException failed = assertThrows(ServletException.class, () -> filter.init(config));

        assertTrue(failed.getMessage().contains("datasource"), failed.getMessage());
        assertEquals(List.of(), portcullisThreads(before), "what init began, it stopped");
        assertDoesNotThrow(filter::destroy);
        assertDoesNotThrow(filter::destroy);
    }

    private static List<String> portcullisThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("portcullis-") && !before.contains(t))
                .map(Thread::getName)
                .toList();
    }

    private static FilterConfig filterConfig(Map<String, String> parameters) {
        ServletContext context = mock(ServletContext.class);
        when(context.getContextPath()).thenReturn("/failing");
        when(context.getInitParameterNames()).thenReturn(Collections.emptyEnumeration());
        FilterConfig config = mock(FilterConfig.class);
        when(config.getServletContext()).thenReturn(context);
        when(config.getInitParameterNames()).thenReturn(Collections.enumeration(parameters.keySet()));
        when(config.getInitParameter(org.mockito.ArgumentMatchers.anyString()))
                .thenAnswer(call -> parameters.get(call.<String>getArgument(0)));
        return config;
    }
}
