package org.portcullis.filter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.portcullis.filter.actions.Action;
import org.portcullis.filter.actions.ActionDispatcher;
import org.portcullis.filter.spi.Endpoint;
import org.portcullis.filter.spi.Feature;
import org.portcullis.filter.spi.FeatureException;
import org.portcullis.filter.spi.Kernel;
import org.portcullis.filter.spi.Registry;
import org.portcullis.filter.web.ErrorReplies;

/**
 * What the features registered, checked as they register: the actions by entity and name, the
 * endpoints by place, and the work to start and to stop. Each feature registers through a
 * {@link Registry} of its own, so that a refusal names it and the feature that had the action or the
 * place first. {@code /action/} is the action dispatcher's from the start, so no feature can take it.
 *
 * <pre>{@code
 * FeatureRegistry features = new FeatureRegistry();
 * features.install(new AccountActions(), kernel);
 * Endpoints endpoints = features.endpoints(maxBodyBytes); // registration is over
 * features.start();                                       // each onStart, in order
 * features.close();                                       // each onStop, in reverse order
 * }</pre>
 */
final class FeatureRegistry implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FeatureRegistry.class.getName());
    private static final String DISPATCHER = "Portcullis' action dispatcher";
    private static final Endpoints.Place ACTIONS = new Endpoints.Place(ActionDispatcher.PREFIX, false);
    /** Non-empty segments of the characters a path may hold unencoded (RFC 3986 pchar), optionally a closing slash. */
    private static final Pattern PLAIN_PATH = Pattern.compile("(/[A-Za-z0-9._~!$&'()*+,;=:@-]+)+/?");
    private static final Pattern DOT_SEGMENT = Pattern.compile("/\\.\\.?(/|$)");
    private static final Pattern NAME = Pattern.compile("[^/\\s]+");

    private final Map<String, Registered<Action>> actions = new LinkedHashMap<>();
    private final List<Endpoints.Mount> mounts = new ArrayList<>();
    private final List<Registered<Runnable>> starts = new ArrayList<>();
    private final List<Registered<AutoCloseable>> stops = new ArrayList<>();
    private boolean over;
    private boolean started;
    private boolean closed;

    /** One thing a feature registered, and which feature it was. */
    private record Registered<T>(T thing, String owner) {
    }

    /**
     * The features a module brings, found in {@code webApplication} (its {@code WEB-INF/lib}) through
     * {@code META-INF/services/org.portcullis.filter.spi.Feature}, in the order of their class names, so
     * that every node registers them alike.
     *
     * @throws FeatureException when a module names a class that cannot be loaded or made
     */
    static List<Feature> modules(ClassLoader webApplication) {
        try {
            List<Feature> found = ServiceLoader.load(Feature.class, webApplication).stream()
                    .sorted(Comparator.comparing((ServiceLoader.Provider<Feature> provider) -> provider.type().getName()))
                    .map(ServiceLoader.Provider::get)
                    .toList();
            found.forEach(feature -> LOG.info("Portcullis installs the module feature " + feature.getClass().getName()));
            return found;
        } catch (ServiceConfigurationError e) {
            throw new FeatureException("cannot load a module's feature: " + e.getMessage() + "; fix or remove the jar"
                    + " whose META-INF/services/" + Feature.class.getName() + " names it", e);
        }
    }

    /** Lets {@code feature} register, under its own name. */
    void install(Feature feature, Kernel kernel) {
        feature.register(new Scoped("feature " + feature.getClass().getName()), kernel);
    }

    /**
     * Ends registration, and returns the endpoints: every feature's, and the dispatcher of every
     * feature's actions under {@code /action/}.
     */
    Endpoints endpoints(int maxBodyBytes) {
        over = true;
        List<Action> all = actions.values().stream().map(Registered::thing).toList();
        List<Endpoints.Mount> served = new ArrayList<>(mounts);
        served.add(new Endpoints.Mount(ACTIONS, ErrorReplies.Shape.ACTION, new ActionDispatcher(all, maxBodyBytes)::serve,
                DISPATCHER));
        return new Endpoints(served);
    }

    /**
     * Runs each feature's {@link Registry#onStart}, in the order they were registered. If one fails,
     * everything registered to stop is stopped.
     *
     * @throws FeatureException naming the feature whose start failed
     */
    void start() {
        if (started) {
            throw new IllegalStateException("the features have been started already");
        }
        started = true;
        for (Registered<Runnable> start : starts) {
            try {
                start.thing().run();
            } catch (RuntimeException e) {
                close();
                throw new FeatureException(start.owner() + " could not start: " + e.getMessage(), e);
            }
        }
    }

    /** Closes what the features registered with {@link Registry#onStop}, the last first; once. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = stops.size() - 1; i >= 0; i--) {
            Registered<AutoCloseable> stop = stops.get(i);
            try {
                stop.thing().close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Portcullis could not stop " + stop.thing() + " of " + stop.owner(), e);
            }
        }
    }

    private void action(Action action, String owner) {
        Objects.requireNonNull(action, "action");
        if (!NAME.matcher(action.entity()).matches() || !NAME.matcher(action.name()).matches()) {
            throw new FeatureException(owner + ": the action " + action.getClass().getName() + " is named '"
                    + action.entity() + "' / '" + action.name() + "'; an entity and a name are each one path segment,"
                    + " not empty, without '/' or spaces");
        }
        String key = ActionDispatcher.key(action);
        Registered<Action> before = actions.putIfAbsent(key, new Registered<>(action, owner));
        if (before != null) {
            throw new FeatureException(owner + " and " + before.owner() + " both register the action " + key + " ("
                    + action.getClass().getName() + " and " + before.thing().getClass().getName() + "); leave one of"
                    + " the two features out, or give one action another entity or name");
        }
    }

    private void endpoint(Endpoints.Place place, ErrorReplies.Shape refusals, Endpoint endpoint, String owner) {
        Objects.requireNonNull(refusals, "refusals");
        Objects.requireNonNull(endpoint, "endpoint");
        String path = place.path();
        if (!path.startsWith(Registry.RESERVED_PREFIX)) {
            throw new FeatureException(owner + ": the endpoint " + place + " does not begin with "
                    + Registry.RESERVED_PREFIX + ". Every Portcullis URL does (/action/, /api/, /auth/), so that every"
                    + " other request passes with one comparison: put it under /api/ or /auth/");
        }
        if (!PLAIN_PATH.matcher(path).matches() || DOT_SEGMENT.matcher(path).find()) {
            throw new FeatureException(owner + ": the endpoint " + place + " is not a plain path: segments that are"
                    + " not empty, not . or .., of letters, digits and -._~!$&'()*+,;=:@ only");
        }
        if (place.overlaps(ACTIONS)) {
            throw overlap(owner, place, DISPATCHER, ACTIONS);
        }
        for (Endpoints.Mount mount : mounts) {
            if (place.overlaps(mount.place())) {
                throw overlap(owner, place, mount.owner(), mount.place());
            }
        }
        mounts.add(new Endpoints.Mount(place, refusals, endpoint, owner));
    }

    private static FeatureException overlap(String owner, Endpoints.Place place, String otherOwner,
                                            Endpoints.Place other) {
        String shared = place.takes(other.path()) ? other.path() : place.path();
        return new FeatureException(owner + ": the endpoint " + place + " overlaps the endpoint " + other + " of "
                + otherOwner + " (both would take " + shared + "); give one of them a path of its own, or leave one of"
                + " the two features out");
    }

    /** The registry one feature sees: everything it registers is recorded under its name. */
    private final class Scoped implements Registry {

        private final String owner;

        Scoped(String owner) {
            this.owner = owner;
        }

        @Override
        public void action(Action action) {
            open();
            FeatureRegistry.this.action(action, owner);
        }

        @Override
        public void endpoint(String prefix, ErrorReplies.Shape refusals, Endpoint endpoint) {
            open();
            FeatureRegistry.this.endpoint(new Endpoints.Place(Objects.requireNonNull(prefix, "prefix"), false),
                    refusals, endpoint, owner);
        }

        @Override
        public void endpointAt(String path, ErrorReplies.Shape refusals, Endpoint endpoint) {
            open();
            FeatureRegistry.this.endpoint(new Endpoints.Place(Objects.requireNonNull(path, "path"), true), refusals,
                    endpoint, owner);
        }

        @Override
        public void onStart(Runnable start) {
            open();
            starts.add(new Registered<>(Objects.requireNonNull(start, "start"), owner));
        }

        @Override
        public void onStop(AutoCloseable stop) {
            open();
            stops.add(new Registered<>(Objects.requireNonNull(stop, "stop"), owner));
        }

        /** A feature registers while it is installed; later it holds a registry that no longer takes anything. */
        private void open() {
            if (over) {
                throw new IllegalStateException(owner + " registers after the filter has started;"
                        + " register in Feature.register");
            }
        }
    }
}
