package org.portcullis.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.portcullis.filter.routing.CanonicalPath;
import org.portcullis.filter.routing.RecentPaths;
import org.portcullis.filter.routing.Resolution;
import org.portcullis.filter.routing.RouteTable;

/**
 * Route matching as the filter does it on every dispatch: canonicalise the decoded path, then resolve it
 * in a route table of realistic size (a dozen lines, literal, {@code {id}} and {@code /**} patterns); and
 * the same path seen again, answered by the filter's {@link RecentPaths}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RouteBenchmark {

    private RouteTable routes;
    private RecentPaths recent;
    /** Joined as the filter joins servlet path and path info: a new string per request, as on the hot path. */
    private String servletPath = "/notes";
    private String pathInfo = "/42";

    @Setup
    public void setUp() {
        routes = RouteTable.parse("""
                /notes                 = note
                /notes/{id}            = note
                /notes/{id}/export     = note:execute
                /invoices              = invoice
                /invoices/{id}         = invoice
                /invoices/{id}/lines   = invoice_line
                /customers             = customer
                /customers/{id}        = customer
                /projects              = project
                /projects/{id}         = project
                /reports/**            = report
                /admin/**              = admin_console
                """);
        if (!(routes.resolve(CanonicalPath.of("/notes", "/42")) instanceof Resolution.Matched)) {
            throw new IllegalStateException("/notes/42 should match");
        }
        recent = new RecentPaths(routes);
    }

    /** A guarded instance: GET /notes/42 as the container hands it over (servlet path + path info). */
    @Benchmark
    public Resolution instancePath() {
        return routes.resolve(CanonicalPath.of("/notes", "/42"));
    }

    /** A deep {@code /**} route. */
    @Benchmark
    public Resolution prefixPath() {
        return routes.resolve(CanonicalPath.of("/reports", "/2024/q3/summary"));
    }

    /** A page no route guards, the most common request of a legacy app. */
    @Benchmark
    public Resolution unguardedPath() {
        return routes.resolve(CanonicalPath.of("/static/css/site.css", null));
    }

    /** The same request as {@link #instancePath} seen again: what the filter does, through {@link RecentPaths}. */
    @Benchmark
    public Resolution instancePathRemembered() {
        return recent.resolve(servletPath + pathInfo);
    }
}
