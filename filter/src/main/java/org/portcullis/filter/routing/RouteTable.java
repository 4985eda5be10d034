package org.portcullis.filter.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code resources} route table, read once at start-up and immutable afterwards.
 *
 * <p>One {@code PATTERN = entity[:permission]} per line; blank lines and lines starting with {@code #}
 * are ignored, and so is white space around the tokens. A malformed line stops the filter from starting.
 *
 * <pre>{@code
 * RouteTable routes = RouteTable.parse("""
 *     /notes             = note
 *     /notes/{id}        = note
 *     /notes/{id}/export = note:execute
 *     /admin/**          = admin_console
 *     """);
 * routes.resolve(CanonicalPath.of("/notes", "/7"));  // Matched: note, id "7"
 * routes.resolve(CanonicalPath.of("/notes", "/07")); // Refused INVALID_ID
 * routes.resolve(CanonicalPath.of("/whoami", null)); // Unguarded
 * }</pre>
 *
 * <p>The most specific route wins: an exact literal pattern, then an {@code {id}} pattern, then the
 * longest {@code /**} prefix. A path that lies under some route's literal prefix but that no route fits
 * exactly is {@link Resolution.Refused refused}, never unguarded.
 */
public final class RouteTable {

    private static final String FORM = "expected PATTERN = entity[:permission], for example"
            + " '/notes/{id} = note' or '/notes/{id}/export = note:execute'";

    private static final Resolution UNGUARDED = new Resolution.Unguarded();

    private final List<Route> routes;
    /** The first literal of every route, or {@code null} when some route can start with anything. */
    private final Set<String> firstLiterals;

    private RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
        Set<String> firsts = new HashSet<>();
        for (Route route : routes) {
            String first = route.pattern().firstLiteral();
            if (first == null) {
                firsts = null;
                break;
            }
            firsts.add(first);
        }
        this.firstLiterals = firsts == null ? null : Set.copyOf(firsts);
    }

    /**
     * Reads the route table from the {@code resources} parameter text; null or blank gives an empty table.
     *
     * @throws IllegalArgumentException naming the line number, quoting the line and giving the expected
     *         form, for a malformed line or a pattern given twice
     */
    public static RouteTable parse(String text) {
        List<Route> routes = new ArrayList<>();
        Map<String, Integer> lineOfShape = new HashMap<>();
        String[] lines = text == null ? new String[0] : text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int number = i + 1;
            try {
                Route route = parseLine(line);
                // Same shape (case and id grammar aside) means both would match the same paths: ambiguous.
                Integer earlier = lineOfShape.putIfAbsent(route.pattern().shape(), number);
                if (earlier != null) {
                    throw new IllegalArgumentException("the pattern matches the same paths as line " + earlier
                            + "; give each pattern once");
                }
                routes.add(route);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + number + " \"" + line + "\": " + e.getMessage()
                        + "; " + FORM, e);
            }
        }
        return new RouteTable(routes);
    }

    /** The routes in the order they were given. */
    public List<Route> routes() {
        return routes;
    }

    /** The entity names the routes use, each once, in the order of first mention: each needs a world row. */
    public Set<String> entities() {
        Set<String> entities = new LinkedHashSet<>();
        routes.forEach(route -> entities.add(route.entity()));
        return Collections.unmodifiableSet(entities);
    }

    /**
     * Decides what a canonical path is: {@link Resolution.Matched} by the most specific route that fits it,
     * {@link Resolution.Refused} when it lies under a guarded prefix (or looks like a guarded path) but no
     * route fits it exactly, else {@link Resolution.Unguarded}.
     */
    public Resolution resolve(CanonicalPath path) {
        List<String> segments = path.segments();
        if (plainlyUnguarded(segments)) {
            return UNGUARDED;
        }
        // Plain loops rather than streams: this runs on every request to a guarded path. On ties the
        // route given first wins, in each of the three searches.
        List<String> folded = folded(segments);
        Route best = null;
        for (Route route : routes) {
            if (route.pattern().matches(segments) && (best == null || moreSpecific(route, best))) {
                best = route;
            }
        }
        // A look-alike of a more specific route must not fall through to a broader one: with
        // "/notes/{id}" and "/** = site", "/notes/01" is refused, not checked as a page of the site.
        Route nearMiss = null;
        for (Route route : routes) {
            if (!route.pattern().matches(segments) && route.pattern().nearlyMatches(folded)
                    && (best == null || moreSpecific(route, best))
                    && (nearMiss == null || moreSpecific(route, nearMiss))) {
                nearMiss = route;
            }
        }
        if (nearMiss != null) {
            return refusal(nearMiss.pattern(), segments);
        }
        Route covering = null;
        for (Route route : routes) {
            if (route.pattern().covers(folded)
                    && (covering == null || route.pattern().coverDepth() > covering.pattern().coverDepth())) {
                covering = route;
            }
        }
        if (best != null && !swallowedByPrefix(best, covering)) {
            return new Resolution.Matched(new RouteMatch(best, best.pattern().instanceId(segments)));
        }
        return covering == null ? UNGUARDED : new Resolution.Refused(Resolution.Refused.Cause.NO_ROUTE,
                "no route under " + covering.pattern().guardedPrefix() + " matches this path");
    }

    private static boolean moreSpecific(Route route, Route than) {
        return RoutePattern.SPECIFICITY.compare(route.pattern(), than.pattern()) > 0;
    }

    /** Each segment {@link RoutePattern#fold folded}; the list itself when folding changes none (plain ASCII). */
    private static List<String> folded(List<String> segments) {
        List<String> folded = null;
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            String fold = RoutePattern.fold(segment);
            if (folded == null && !fold.equals(segment)) {
                folded = new ArrayList<>(segments.subList(0, i));
            }
            if (folded != null) {
                folded.add(fold);
            }
        }
        return folded == null ? segments : folded;
    }

    /**
     * The fast answer for most of a host's paths: a first segment of printable ASCII (which folding
     * leaves as it is) that is no route's first literal, in any case, cannot match, nearly match or
     * lie under any route. Anything else takes the full comparison.
     */
    private boolean plainlyUnguarded(List<String> segments) {
        if (firstLiterals == null || segments.isEmpty()) {
            return false;
        }
        String first = segments.get(0);
        for (int i = 0; i < first.length(); i++) {
            char c = first.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return false;
            }
        }
        return !firstLiterals.contains(first.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return "RouteTable" + routes;
    }

    private static Route parseLine(String line) {
        int equals = line.indexOf('=');
        if (equals < 0) {
            throw new IllegalArgumentException("no '='");
        }
        String pattern = line.substring(0, equals).strip();
        String target = line.substring(equals + 1).strip();
        if (pattern.isEmpty()) {
            throw new IllegalArgumentException("no pattern before '='");
        }
        if (target.indexOf('=') >= 0) {
            throw new IllegalArgumentException("more than one '='");
        }
        String[] parts = target.split(":", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("more than one ':' after the entity");
        }
        Optional<String> permission = parts.length == 2 ? Optional.of(parts[1].strip()) : Optional.empty();
        return new Route(RoutePattern.parse(pattern), parts[0].strip(), permission);
    }

    /**
     * Whether a {@code /**} match would swallow a path that lies deeper under another route: with
     * "/notes/{id}" and "/** = site", "/notes/1/other" is probably note 1's business, so it is refused
     * rather than checked as a page of the site.
     */
    private static boolean swallowedByPrefix(Route best, Route covering) {
        return best.pattern().isPrefix() && covering != null
                && covering.pattern().coverDepth() > best.pattern().coverDepth();
    }

    private static Resolution.Refused refusal(RoutePattern pattern, List<String> segments) {
        if (pattern.matchesButForId(segments)) {
            return new Resolution.Refused(Resolution.Refused.Cause.INVALID_ID, "the id in " + pattern
                    + " must be " + pattern.idGrammar().orElseThrow().description());
        }
        return new Resolution.Refused(Resolution.Refused.Cause.LOOK_ALIKE,
                "the path is spelled like " + pattern + " but is not it");
    }
}
