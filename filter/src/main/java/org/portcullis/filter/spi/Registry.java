package org.portcullis.filter.spi;

import org.portcullis.filter.actions.Action;
import org.portcullis.filter.web.ErrorReplies;

/**
 * Where a {@link Feature} registers what it brings. Each feature gets a registry of its own, so that a
 * refusal ({@link FeatureException}) names both the feature that asks and the one that has the
 * action or URL already.
 *
 * <p>Every Portcullis URL begins with {@value #RESERVED_PREFIX} ({@code /action/}, {@code /api/},
 * {@code /auth/}): every other request passes with one comparison, so a prefix elsewhere is refused.
 * Two endpoints never share a path: a prefix that takes a path another endpoint takes is refused too,
 * whichever came first.
 *
 * <pre>{@code
 * registry.action(new SignupAction(...));                                   // POST /action/user_account/signup
 * registry.endpoint("/api/world", ErrorReplies.Shape.JSON_API, worlds::serve); // /api/world, /api/world/note, ...
 * registry.endpointAt("/auth/signin", ErrorReplies.Shape.PLAIN, pages);      // /auth/signin only
 * registry.onStop(pool);                                                     // closed at the filter's destroy()
 * }</pre>
 */
public interface Registry {

    /** How every Portcullis URL begins. */
    String RESERVED_PREFIX = "/a";

    /**
     * Serves {@code POST /action/<entity>/<name>} with {@code action}.
     *
     * @throws FeatureException when another action has that entity and name, or either is empty or
     *     holds a {@code /}
     */
    void action(Action action);

    /**
     * Serves the paths under {@code prefix} with {@code endpoint}. A prefix that ends in {@code /} takes
     * every path that begins with it ({@code /action/} takes {@code /action/x}, not {@code /action}); any
     * other takes itself and the paths below it ({@code /api/world} takes {@code /api/world} and
     * {@code /api/world/x}, not {@code /api/worlds}).
     *
     * @param refusals the shape in which the endpoint's refusals go out
     * @throws FeatureException when the prefix does not begin with {@value #RESERVED_PREFIX}, is not a
     *     plain path (empty or dot segments, {@code //}, characters outside a path's), or takes a path another
     *     endpoint takes
     */
    void endpoint(String prefix, ErrorReplies.Shape refusals, Endpoint endpoint);

    /** As {@link #endpoint(String, ErrorReplies.Shape, Endpoint)}, its refusals in Daptin's action shape. */
    default void endpoint(String prefix, Endpoint endpoint) {
        endpoint(prefix, ErrorReplies.Shape.ACTION, endpoint);
    }

    /**
     * Serves exactly {@code path}, and nothing below it, with {@code endpoint}: a page, a script.
     *
     * @throws FeatureException as for {@link #endpoint(String, ErrorReplies.Shape, Endpoint)}
     */
    void endpointAt(String path, ErrorReplies.Shape refusals, Endpoint endpoint);

    /**
     * Runs {@code start} once every feature has registered and the database's start has begun, in the
     * order of registration: the place to start a thread or a pool. If it throws, the filter does not start,
     * and what was registered with {@link #onStop} is stopped.
     */
    void onStart(Runnable start);

    /**
     * Closes {@code stop} when the filter is destroyed (or its start fails), in the reverse order of
     * registration, before Portcullis' own pools and the database. A failure to close is logged, and the
     * rest are closed all the same.
     */
    void onStop(AutoCloseable stop);
}
