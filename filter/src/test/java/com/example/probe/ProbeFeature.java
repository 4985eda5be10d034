package com.example.probe;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.portcullis.filter.actions.Action;
import org.portcullis.filter.actions.ActionRequest;
import org.portcullis.filter.actions.Reply;
import org.portcullis.filter.spi.Feature;
import org.portcullis.filter.spi.Kernel;
import org.portcullis.filter.spi.Registry;
import org.portcullis.filter.web.ApiError;
import org.portcullis.filter.web.ErrorReplies;
import org.portcullis.filter.web.Responses;

/**
 * A module Portcullis knows nothing of: named in {@code modules/probe/META-INF/services} of the test
 * resources, which only a class loader of its own puts at the root of a class path. It brings the action
 * {@code probe/echo}, the endpoint {@code /api/probe} (whose {@code /refuse} refuses in the JSON:API
 * shape), a start and two stops, each noted in {@link #EVENTS} under the instance's number.
 */
public final class ProbeFeature implements Feature {

    /** What the instances did, in order, e.g. {@code 3:start}, {@code 3:stop second}, {@code 3:stop first}. */
    public static final List<String> EVENTS = new CopyOnWriteArrayList<>();
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final int instance = INSTANCES.incrementAndGet();

    @Override
    public void register(Registry registry, Kernel kernel) {
        registry.action(new Echo());
        registry.endpoint("/api/probe", ErrorReplies.Shape.JSON_API, (path, request, response, identity) -> {
            if (path.equals("/api/probe/refuse")) {
                throw ApiError.forbidden("probe_refuses", "The probe refuses.");
            }
            Responses.json(request, response, 200, Map.of("instance", instance, "guest", identity.isGuest()));
        });
        registry.onStart(() -> EVENTS.add(instance + ":start"));
        registry.onStop(() -> EVENTS.add(instance + ":stop first"));
        registry.onStop(() -> EVENTS.add(instance + ":stop second"));
    }

    /** {@code probe/echo}: says back its {@code say}. */
    static final class Echo implements Action {

        @Override
        public String entity() {
            return "probe";
        }

        @Override
        public String name() {
            return "echo";
        }

        @Override
        public Reply perform(ActionRequest request) {
            return Reply.ok().notify("success", "Probe", request.attributes().raw("say"));
        }
    }
}
