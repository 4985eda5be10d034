package org.portcullis.bench;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Serves one exploded WAR at {@code /} on 127.0.0.1 with an embedded Jetty 12 (ee10), for bench/run.
 *
 * <p>The server starts empty first; only then is the webapp deployed, so the time printed on the
 * {@code DEPLOYED} line is the webapp's own start (descriptor, servlets, filters and their init),
 * which bench/run compares between the bare and the guarded copy of the sample app. Then it asks for
 * {@code /notes/1} and prints, on a {@code FIRST_ANSWER} line, the time from the same instant until
 * that first answer: Portcullis starts its database in the background, so the first guarded answer
 * may come later than the deployment ends.
 *
 * <pre>java -cp ... org.portcullis.bench.Launcher 18201 bench/work/bare</pre>
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: Launcher PORT EXPLODED_WAR_DIR");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Path webapp = Path.of(args[1]).toAbsolutePath();
        if (!Files.isDirectory(webapp.resolve("WEB-INF"))) {
            System.err.println("not an exploded WAR: " + webapp);
            System.exit(2);
        }

        Server server = new Server(new QueuedThreadPool(200, 8));
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ContextHandlerCollection contexts = new ContextHandlerCollection();
        server.setHandler(contexts);
        server.start();

        WebAppContext context = new WebAppContext();
        context.setContextPath("/");
        context.setWar(webapp.toString());
        context.setThrowUnavailableOnStartupException(true);
        long started = System.nanoTime();
        contexts.addHandler(context);
        context.start();
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (!context.isAvailable()) {
            System.out.println("FAILED to deploy " + webapp);
            server.stop();
            System.exit(1);
        }
        System.out.println("DEPLOYED ms=" + millis + " port=" + port + " webapp=" + webapp.getFileName());
        System.out.flush();
        // Deployment is not the whole story when the filter starts its database in the background:
        // also time, from the same instant, the first answer to a request on a guarded path.
        int status = firstAnswer(port);
        long firstMillis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("FIRST_ANSWER ms=" + firstMillis + " status=" + status + " path=" + FIRST_PATH);
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                context.stop(); // the webapp first, so the filter's destroy runs (and waits for its database start)
                server.stop();
            } catch (Exception e) {
                // the JVM is going anyway
            }
        }));
        server.join();
    }

    /** A guarded path of the sample app: 401 from the guarded copy (a guest), 404 from the bare one (no note). */
    private static final String FIRST_PATH = "/notes/1";

    private static int firstAnswer(int port) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + FIRST_PATH)
                .toURL().openConnection();
        String header = System.getProperty("bench.first.header", ""); // "X-Tenant: acme" in a tenant mode
        if (header.contains(":")) {
            connection.setRequestProperty(header.substring(0, header.indexOf(':')).trim(),
                    header.substring(header.indexOf(':') + 1).trim());
        }
        connection.setConnectTimeout(60_000);
        connection.setReadTimeout(60_000);
        try {
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }
}
