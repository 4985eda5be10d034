package org.portcullis.filter.routing;

import java.util.Objects;
import java.util.Optional;

/**
 * The route a path matched and, for an instance route, the id it named, in the case the client sent.
 * A match with no id is on the collection (or anywhere under a {@code /**} prefix).
 *
 * <pre>{@code
 * // route "/notes/{id} = note", path "/NOTES/7"
 * match.route().entity(); // "note"
 * match.instanceId();     // Optional["7"]
 * match.isInstance();     // true: POST means execute here, not create
 * }</pre>
 *
 * @param route      the most specific route that matched
 * @param instanceId the id segment, present exactly when the route has an {@code {id}}
 */
public record RouteMatch(Route route, Optional<String> instanceId) {

    public RouteMatch {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(instanceId, "instanceId");
        // An id that escaped its grammar would be checked as one instance and served as another.
        boolean consistent = route.idGrammar().map(g -> instanceId.filter(g::accepts).isPresent())
                .orElse(instanceId.isEmpty());
        if (!consistent) {
            throw new IllegalArgumentException("instance id does not fit route " + route.pattern());
        }
    }

    /** Whether the path named one instance. */
    public boolean isInstance() {
        return instanceId.isPresent();
    }

    /** Whether the path named the collection (or a path under a {@code /**} prefix). */
    public boolean isCollection() {
        return instanceId.isEmpty();
    }
}
