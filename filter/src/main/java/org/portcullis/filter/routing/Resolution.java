package org.portcullis.filter.routing;

import java.util.Objects;
import java.util.Optional;

/**
 * What the route table says about a path: not guarded, guarded by one route, or under a guarded prefix
 * but matching no route exactly. The third outcome exists so that a bad id or an unknown sub-path is
 * refused instead of passing unchecked (fail closed): {@code /notes/01} must never slip past
 * {@code /notes/{id}} to a host router that reads it as note 1.
 *
 * <pre>{@code
 * Resolution resolution = routes.resolve(CanonicalPath.of(servletPath, pathInfo));
 * if (resolution instanceof Resolution.Matched matched) {
 *     guard.guard(matched.match(), ...);           // the four checks around the host servlet
 * } else if (resolution instanceof Resolution.Refused refused) {
 *     reply(400 or 404, refused.reason());         // by refused.cause(); the host never runs
 * } else {
 *     chain.doFilter(request, response);           // Unguarded
 * }
 * }</pre>
 */
public sealed interface Resolution {

    /** The match, when there is one; empty for {@link Unguarded} and {@link Refused}. */
    default Optional<RouteMatch> routeMatch() {
        return this instanceof Matched matched ? Optional.of(matched.match()) : Optional.empty();
    }

    /** No route's prefix covers the path: the host serves it unchecked. */
    record Unguarded() implements Resolution {
    }

    /** The path matched {@code match.route()}, the most specific route that fits it. */
    record Matched(RouteMatch match) implements Resolution {
        public Matched {
            Objects.requireNonNull(match, "match");
        }
    }

    /**
     * The path lies under a guarded prefix but fits no route exactly.
     *
     * @param cause  why, so the filter can pick the status
     * @param reason a short sentence for the reply; it names the route, never echoes the path
     */
    record Refused(Cause cause, String reason) implements Resolution {
        public Refused {
            Objects.requireNonNull(cause, "cause");
            Objects.requireNonNull(reason, "reason");
        }

        /** Why a guarded path was refused. */
        public enum Cause {
            /** The path has a route's shape but its id breaks the grammar ({@code /notes/01}): 400. */
            INVALID_ID,
            /** A literal matches only after trimming white space or folding ({@code / notes}): 400. */
            LOOK_ALIKE,
            /** Under a route's prefix, but no route has this path ({@code /notes/1/other}): 404 or 403. */
            NO_ROUTE
        }
    }
}
