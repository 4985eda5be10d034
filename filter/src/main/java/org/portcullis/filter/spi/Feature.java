package org.portcullis.filter.spi;

/**
 * A part of Portcullis that brings its own actions, endpoints and background work, and registers
 * them where every other part does. The built-in features are listed, in order, by the filter's
 * wiring; a module adds one by naming its class, which needs a public no-argument constructor, in
 * {@code META-INF/services/org.portcullis.filter.spi.Feature} of its jar in {@code WEB-INF/lib}.
 * Modules register after the built-in features, in the order of their class names.
 *
 * <pre>{@code
 * public final class Hello implements Feature {
 *     @Override
 *     public void register(Registry registry, Kernel kernel) {
 *         registry.action(new HelloAction(kernel.database()));          // POST /action/world/hello
 *         registry.endpoint("/api/hello", ErrorReplies.Shape.JSON_API,  // /api/hello and below
 *                 (path, request, response, identity) -> Responses.json(request, response, 200, Map.of()));
 *         Outbox outbox = new Outbox(kernel.database());
 *         registry.onStart(outbox::start);
 *         registry.onStop(outbox);
 *     }
 * }
 * }</pre>
 */
public interface Feature {

    /**
     * Registers what this feature serves and runs, once, at the filter's start. Anything that starts a
     * thread belongs in {@link Registry#onStart}, so that nothing runs when another feature is refused.
     *
     * @throws FeatureException (from {@code registry}) when it asks for what another feature has,
     *     or for a URL outside Portcullis' own; the filter then does not start
     */
    void register(Registry registry, Kernel kernel);
}
