package org.portcullis.bench;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.Wrapper;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Constants;
import org.apache.catalina.startup.ContextConfig;
import org.apache.catalina.startup.Tomcat;

/**
 * Serves one exploded WAR at {@code /} on 127.0.0.1 with an embedded Tomcat 10.1, for
 * {@code bench/run --container=tomcat}: the same command line and the same {@code DEPLOYED} and
 * {@code FIRST_ANSWER} lines as bench/launcher's Jetty {@code Launcher}, so bench/run reads either.
 *
 * <p>The WAR's {@code web.xml} is read by Tomcat's own {@link ContextConfig}; of Tomcat's default
 * {@code conf/web.xml} only the default servlet and the MIME types are added (no JSP servlet: the sample has
 * no JSP, and Jasper is not on this class path). The server starts empty first, then the webapp is deployed,
 * so the {@code DEPLOYED} time is the webapp's own start, as with Jetty.
 *
 * <pre>java -cp ... org.portcullis.bench.TomcatLauncher 18201 bench/work/bare</pre>
 */
public final class TomcatLauncher {

    /** A guarded path of the sample app: 401 from the guarded copy (a guest), 404 from the bare one (no note). */
    private static final String FIRST_PATH = "/notes/1";

    private TomcatLauncher() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: TomcatLauncher PORT EXPLODED_WAR_DIR");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Path webapp = Path.of(args[1]).toAbsolutePath();
        if (!Files.isDirectory(webapp.resolve("WEB-INF"))) {
            System.err.println("not an exploded WAR: " + webapp);
            System.exit(2);
        }

        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createDirectories(webapp.resolveSibling(webapp.getFileName() + "-tomcat-" + port))
                .toString());
        tomcat.setPort(port);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        tomcat.getConnector().setProperty("maxThreads", "200");
        tomcat.getHost().setAutoDeploy(false);
        tomcat.start();

        StandardContext context = new StandardContext();
        context.setName("");
        context.setPath("");
        context.setDocBase(webapp.toString());
        context.setParentClassLoader(TomcatLauncher.class.getClassLoader());
        ContextConfig config = new ContextConfig();
        config.setDefaultWebXml(Constants.NoDefaultWebXml);
        context.addLifecycleListener(config);
        context.addLifecycleListener(event -> {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                Wrapper servlet = Tomcat.addServlet(context, "default", "org.apache.catalina.servlets.DefaultServlet");
                servlet.setLoadOnStartup(1);
                servlet.setOverridable(true);
                context.addServletMappingDecoded("/", "default");
                Tomcat.addDefaultMimeTypeMappings(context);
                context.addWelcomeFile("index.html");
            }
        });
        long started = System.nanoTime();
        try {
            tomcat.getHost().addChild(context); // the host is started, so this starts the context
        } catch (IllegalStateException e) {
            System.out.println("FAILED to deploy " + webapp + ": " + e.getMessage());
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (context.getState() != LifecycleState.STARTED) {
            System.out.println("FAILED to deploy " + webapp + " (" + context.getState() + ")");
            tomcat.stop();
            System.exit(1);
        }
        System.out.println("DEPLOYED ms=" + millis + " port=" + port + " webapp=" + webapp.getFileName());
        System.out.flush();
        int status = firstAnswer(port);
        long firstMillis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("FIRST_ANSWER ms=" + firstMillis + " status=" + status + " path=" + FIRST_PATH);
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                tomcat.stop();
            } catch (Exception e) {
                // the JVM is going anyway
            }
        }));
        tomcat.getServer().await();
    }

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
