package org.portcullis.filter.routing;

import java.util.Objects;

/**
 * The route table's answers for the last paths seen. What a decoded path resolves to depends on
 * nothing but its characters and the route table, which never changes after start-up; so a path seen
 * again (a page polled, an instance read twice) is looked up here instead of being canonicalised and
 * matched against every route once more. A path that is refused ({@link RejectedPathException}) is
 * never remembered: it is refused again each time.
 *
 * <p>A fixed number of slots, each holding one path of at most {@value #LONGEST} characters and replaced
 * by the next path that falls on it: a client sending endless different paths only takes turns with the
 * others, and the memory held stays bounded.
 *
 * <pre>{@code
 * RecentPaths paths = new RecentPaths(routes);
 * paths.resolve("/notes/7"); // as routes.resolve(CanonicalPath.of("/notes/7")), the second time from memory
 * }</pre>
 */
public final class RecentPaths {

    /** Slots in the table; a power of two. */
    static final int SLOTS = 1024;
    /** Longest path remembered. */
    static final int LONGEST = 256;

    private record Resolved(String path, Resolution resolution) {
    }

    private final RouteTable routes;
    private final Resolved[] slots = new Resolved[SLOTS];

    public RecentPaths(RouteTable routes) {
        this.routes = Objects.requireNonNull(routes, "routes");
    }

    /**
     * As {@code routes.resolve(CanonicalPath.of(decoded))}.
     *
     * @param decoded the servlet path followed by the path info, as the container decoded them; not null
     * @throws RejectedPathException as {@link CanonicalPath#of(String)}
     */
    public Resolution resolve(String decoded) {
        int hash = decoded.hashCode();
        int at = (hash ^ hash >>> 16) & (SLOTS - 1);
        Resolved known = slots[at]; // a record's fields are final: safe to read unsynchronised
        if (known != null && known.path().equals(decoded)) {
            return known.resolution();
        }
        Resolution resolution = routes.resolve(CanonicalPath.of(decoded));
        if (decoded.length() <= LONGEST) {
            slots[at] = new Resolved(decoded, resolution);
        }
        return resolution;
    }
}
