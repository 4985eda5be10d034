package org.portcullis.bench;

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
 * which bench/run compares between the bare and the guarded copy of the sample app.
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
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop();
            } catch (Exception e) {
                // the JVM is going anyway
            }
        }));
        server.join();
    }
}
