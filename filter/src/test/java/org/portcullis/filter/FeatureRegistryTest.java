package org.portcullis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import com.example.probe.ProbeFeature;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.portcullis.filter.actions.Action;
import org.portcullis.filter.actions.ActionRequest;
import org.portcullis.filter.actions.Reply;
import org.portcullis.filter.identity.Identity;
import org.portcullis.filter.spi.Endpoint;
import org.portcullis.filter.spi.Feature;
import org.portcullis.filter.spi.FeatureException;
import org.portcullis.filter.spi.Kernel;
import org.portcullis.filter.spi.Registry;
import org.portcullis.filter.testing.Modules;
import org.portcullis.filter.web.ErrorReplies;

/**
 * The registry's rules, without a container or a database: what it refuses at start (naming both
 * features), which endpoint a path reaches, and the order in which the features' work starts and stops.
 */
class FeatureRegistryTest {

    private static final Endpoint NOTHING = (path, request, response, identity) -> { };

    private final FeatureRegistry registry = new FeatureRegistry();

    /** A feature that registers what it is given; two classes, so that a message can name both. */
    private abstract static class Registers implements Feature {
        private final Consumer<Registry> body;

        Registers(Consumer<Registry> body) {
            this.body = body;
        }

        @Override
        public void register(Registry registry, Kernel kernel) {
            body.accept(registry);
        }
    }

    private static final class First extends Registers {
        First(Consumer<Registry> body) {
            super(body);
        }
    }

    private static final class Second extends Registers {
        Second(Consumer<Registry> body) {
            super(body);
        }
    }

    private record Named(String entity, String name) implements Action {
        @Override
        public Reply perform(ActionRequest request) {
            return Reply.ok();
        }
    }

    private void install(Registers feature) {
        registry.install(feature, null);
    }

    private static Consumer<Registry> at(String path, boolean exact, Endpoint endpoint) {
        return r -> {
            if (exact) {
                r.endpointAt(path, ErrorReplies.Shape.ACTION, endpoint);
            } else {
                r.endpoint(path, endpoint);
            }
        };
    }

    private static void assertNames(FeatureException refused, String... parts) {
        for (String part : parts) {
            assertTrue(refused.getMessage().contains(part), () -> "'" + part + "' missing from: " + refused.getMessage());
        }
    }

    @Test
    void actionWhenTwoFeaturesRegisterOneEntityAndNameThenRefusedNamingBoth() {
        install(new First(r -> r.action(new Named("user_account", "signup"))));

        FeatureException refused = assertThrows(FeatureException.class,
                () -> install(new Second(r -> r.action(new Named("user_account", "signup")))));

        assertNames(refused, First.class.getName(), Second.class.getName(), "user_account/signup");
    }

    @ParameterizedTest
    @CsvSource({"'', signup", "user_account, ''", "user/account, signup", "user_account, sign/up",
            "user_account, sign up"})
    void actionWhenEntityOrNameIsNotOneSegmentThenRefused(String entity, String name) {
        FeatureException refused = assertThrows(FeatureException.class,
                () -> install(new First(r -> r.action(new Named(entity, name)))));

        assertNames(refused, First.class.getName(), "one path segment");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "/x", "/b/a", "api/world", "/Api/world", "//api"})
    void endpointWhenOutsideTheReservedPrefixThenRefused(String path) {
        FeatureException refused = assertThrows(FeatureException.class,
                () -> install(new First(at(path, false, NOTHING))));

        assertNames(refused, First.class.getName(), "does not begin with /a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a//b", "/api//", "/api/./x", "/api/../x", "/api/..", "/api/x y", "/api/%2Fx",
            "/api?x=1", "/api/x#y", "/api/\u00e9"})
    void endpointWhenNotAPlainPathThenRefused(String path) {
        FeatureException refused = assertThrows(FeatureException.class,
                () -> install(new First(at(path, true, NOTHING))));

        assertNames(refused, First.class.getName(), "not a plain path");
    }

    @ParameterizedTest
    @CsvSource({
            "/api/world,   false, /api/world,        false",
            "/api/,        false, /api/world,        false",
            "/api/world,   false, /api/,             false",
            "/api,         false, /api/world,        false",
            "/api/world,   false, /api/world/groups, false",
            "/api/world/,  false, /api/world,        false",
            "/auth/signin, true,  /auth/signin,      true",
            "/auth/,       false, /auth/signin,      true",
            "/auth/signin, true,  /auth/signin,      false"})
    void endpointsWhenTheyShareAPathThenTheSecondIsRefusedNamingBoth(String first, boolean firstExact, String second,
                                                                     boolean secondExact) {
        install(new First(at(first, firstExact, NOTHING)));

        FeatureException refused = assertThrows(FeatureException.class,
                () -> install(new Second(at(second, secondExact, NOTHING))));

        assertNames(refused, First.class.getName(), Second.class.getName(), "overlaps", first, second);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/action/", "/action", "/action/x", "/action/user_account/signup"})
    void endpointWhenUnderTheActionDispatcherThenRefusedNamingIt(String path) {
        FeatureException refused = assertThrows(FeatureException.class,
                () -> install(new First(at(path, false, NOTHING))));

        assertNames(refused, First.class.getName(), "action dispatcher", "/action/");
    }

    @Test
    void endpointsWhenTheyOnlyShareLettersThenEachPathReachesItsOwn() throws IOException {
        List<String> served = new ArrayList<>();
        install(new First(r -> {
            r.endpoint("/api/user", (path, request, response, identity) -> served.add("user"));
            r.endpoint("/api/user_account", (path, request, response, identity) -> served.add("user_account"));
            r.endpointAt("/auth", ErrorReplies.Shape.PLAIN, (path, request, response, identity) -> served.add("auth"));
            r.endpoint("/actions", (path, request, response, identity) -> served.add("actions"));
        }));
        install(new Second(r -> r.endpoint("/auth/", (path, request, response, identity) -> served.add("auth/"))));
        Endpoints endpoints = registry.endpoints(1024);

        for (String path : List.of("/api/user", "/api/user/1", "/api/user_account", "/api/user_account/1", "/auth",
                "/auth/", "/auth/signin", "/actions", "/actions/x")) {
            assertTrue(endpoints.serve(path, mock(HttpServletRequest.class), mock(HttpServletResponse.class),
                    Identity.guest()), path);
        }

        assertEquals(List.of("user", "user", "user_account", "user_account", "auth", "auth/", "auth/", "actions",
                "actions"), served);
        for (String path : List.of("/api", "/api/users", "/api/user_accounts", "/auth2", "/actionsx", "/x", "")) {
            assertEquals(false, endpoints.handles(path), path);
        }
    }

    @Test
    void stopsWhenClosedThenLastRegisteredFirstEvenPastAFailureAndOnce() {
        List<String> stopped = new ArrayList<>();
        install(new First(r -> {
            r.onStop(() -> stopped.add("first a"));
            r.onStop(() -> {
                stopped.add("first b");
                throw new IOException("cannot");
            });
        }));
        install(new Second(r -> r.onStop(() -> stopped.add("second"))));

        registry.close();
        registry.close();

        assertEquals(List.of("second", "first b", "first a"), stopped);
    }

    @Test
    void startsWhenStartedThenInTheOrderOfRegistration() {
        List<String> started = new ArrayList<>();
        install(new First(r -> r.onStart(() -> started.add("first"))));
        install(new Second(r -> r.onStart(() -> started.add("second"))));
        registry.endpoints(1024);

        assertEquals(List.of(), started, "nothing runs while the features register");
        registry.start();

        assertEquals(List.of("first", "second"), started);
    }

    @Test
    void startWhenOneFailsThenEveryStopRunsAndTheFeatureIsNamed() {
        List<String> stopped = new ArrayList<>();
        install(new First(r -> r.onStop(() -> stopped.add("first"))));
        install(new Second(r -> r.onStart(() -> {
            throw new IllegalStateException("no mail server");
        })));
        registry.endpoints(1024);

        FeatureException refused = assertThrows(FeatureException.class, registry::start);

        assertNames(refused, Second.class.getName(), "could not start", "no mail server");
        assertEquals(List.of("first"), stopped);
    }

    @Test
    void registryWhenUsedAfterRegistrationIsOverThenRefused() {
        List<Registry> kept = new ArrayList<>();
        install(new First(kept::add));
        registry.endpoints(1024);

        assertThrows(IllegalStateException.class, () -> kept.get(0).action(new Named("world", "late")));
        assertThrows(IllegalStateException.class, () -> kept.get(0).onStop(() -> { }));
    }

    @Test
    void modulesWhenNoneInTheWebApplicationThenNone() {
        assertEquals(List.of(), FeatureRegistry.modules(getClass().getClassLoader()));
    }

    @Test
    void modulesWhenOneIsInTheWebApplicationThenItIsMade() {
        List<Feature> found = FeatureRegistry.modules(Modules.webApplicationWith("probe"));

        assertEquals(1, found.size());
        assertEquals(ProbeFeature.class, found.get(0).getClass());
    }

    @Test
    void modulesWhenAJarNamesAClassThatIsNotThereThenRefusedWithTheFix() {
        FeatureException refused = assertThrows(FeatureException.class,
                () -> FeatureRegistry.modules(Modules.webApplicationWith("broken")));

        assertNames(refused, "com.example.probe.NoSuchFeature", "META-INF/services/org.portcullis.filter.spi.Feature");
    }
}
