package com.example.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** The sample's servlets, and optionally the Portcullis filter, as web.xml declares them, on an embedded Jetty 12. */
final class Jetty implements AutoCloseable {

    /** The token of a sign-in reply's {@code client.store.set} item. */
    private static final Pattern TOKEN = Pattern.compile("\"key\":\"token\",\"value\":\"([^\"]+)\"");

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Server server;
    private final URI base;

    private Jetty(Server server, URI base) {
        this.server = server;
        this.base = base;
    }

    /**
     * Starts a web application at {@code contextPath}.
     *
     * @param contextParams its {@code <context-param>}s
     * @param filterParams the Portcullis filter's {@code <init-param>}s, or {@code null} for no filter
     */
    static Jetty start(String contextPath, Map<String, String> contextParams, Map<String, String> filterParams)
            throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath(contextPath);
        contextParams.forEach(context::setInitParameter);
        if (filterParams != null) {
            // by class name, as web.xml does, so that the registration names the class
            FilterHolder filter = new FilterHolder();
            filter.setName("portcullis");
            filter.setClassName("org.portcullis.filter.PortcullisFilter");
            filter.setInitParameters(filterParams);
            context.addFilter(filter, "/*", EnumSet.allOf(DispatcherType.class));
        }
        ServletHolder notes = new ServletHolder("notes", NotesServlet.class);
        context.getServletHandler().addServlet(notes);
        context.getServletHandler().addServletWithMapping(notes, "/notes");
        context.getServletHandler().addServletWithMapping(notes, "/notes/*");
        context.addServlet(new ServletHolder("whoami", WhoAmIServlet.class), "/whoami");
        context.addServlet(new ServletHolder("roles", RolesServlet.class), "/roles");
        server.setHandler(context);
        server.start();
        String path = contextPath.equals("/") ? "" : contextPath;
        return new Jetty(server, URI.create("http://127.0.0.1:" + connector.getLocalPort() + path));
    }

    /** One exchange; {@code body} is sent as text/plain, {@code null} sends none. */
    HttpResponse<String> send(String method, String path, String body, String token)
            throws IOException, InterruptedException {
        return send(method, path, body, token, base.getHost());
    }

    /** As {@link #send(String, String, String, String)}, to the same port under the host name {@code host}. */
    HttpResponse<String> send(String method, String path, String body, String token, String host)
            throws IOException, InterruptedException {
        URI at = URI.create(base.getScheme() + "://" + host + ":" + base.getPort() + base.getRawPath() + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(at)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", path.startsWith("/action/") ? "application/json" : "text/plain");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** As {@link #signUpAndIn(String, String, String, String)} at the server's own host name. */
    String signUpAndIn(String name, String email, String password) throws IOException, InterruptedException {
        return signUpAndIn(name, email, password, base.getHost());
    }

    /**
     * Signs {@code name} up as {@code email} at host name {@code host} (see {@link #send(String, String, String,
     * String, String)}), then in; fails unless both answer 200. Returns the token of the sign-in reply.
     */
    String signUpAndIn(String name, String email, String password, String host) throws IOException, InterruptedException {
        assertStatus(200, send("POST", "/action/user_account/signup", "{\"attributes\":{\"name\":\"" + name
                + "\",\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"passwordConfirm\":\""
                + password + "\"}}", null, host));
        HttpResponse<String> signin = send("POST", "/action/user_account/signin",
                "{\"attributes\":{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}}", null, host);
        assertStatus(200, signin);
        Matcher token = TOKEN.matcher(signin.body());
        assertTrue(token.find(), signin.body());
        return token.group(1);
    }

    /** Fails unless the H2 database in {@code file} is closed: nobody holds its lock. */
    static void assertClosed(Path file) throws IOException {
        assertFalse(lockedHere(file), file + " is still open in this JVM");
    }

    /** Whether this JVM holds the lock H2 takes on an open database's file. */
    static boolean lockedHere(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            assertFalse(lock == null, file + " is locked by another process");
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        }
    }

    /** Fails when any of H2's threads still runs 2 s from now (no database may be open in this JVM then). */
    static void assertNoH2Threads() throws InterruptedException {
        List<String> left = List.of();
        for (int i = 0; i < 20; i++) {
            left = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                    .filter(name -> name.startsWith("MVStore") || name.startsWith("H2-")).toList();
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("H2 threads left behind: " + left);
    }

    static void assertStatus(int expected, HttpResponse<String> response) {
        assertEquals(expected, response.statusCode(), () -> response.request().method() + " "
                + response.request().uri() + " answered " + response.statusCode() + ": " + response.body());
    }
}
