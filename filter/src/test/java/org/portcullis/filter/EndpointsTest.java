package org.portcullis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.portcullis.filter.builtin.AccountActions;
import org.portcullis.filter.config.ParameterSource;
import org.portcullis.filter.config.PortcullisConfig;
import org.portcullis.filter.spi.FeatureException;
import org.portcullis.filter.testing.Modules;

/**
 * Portcullis' own URLs as the built-in features register them, wired as the filter wires them (no
 * database is reached): exactly today's paths are Portcullis', their neighbours stay the host's; and a
 * module that wants a built-in action keeps the filter from starting.
 */
class EndpointsTest {

    @TempDir
    Path dataDir;

    private Assembly wired(Map<String, String> parameters, ClassLoader webApplication) {
        Map<String, String> all = new HashMap<>(Map.of("data.dir", dataDir.toString()));
        all.putAll(parameters);
        return new Assembly(PortcullisConfig.from(ParameterSource.of(all), "test"), Clock.systemUTC(), webApplication);
    }

    @ParameterizedTest
    @CsvSource({
            "/action/user_account/signup, true", "/action/x, true", "/action/, true",
            "/api/user_account, true", "/api/user_account/1, true", "/api/usergroup, true",
            "/api/usergroup/1/members/2, true", "/api/world, true", "/api/world/note/groups/1, true",
            "/api/instance, true", "/api/instance/note/1, true",
            "/auth/signin, true", "/auth/signup, true", "/auth/portcullis.js, true", "/auth/portcullis.css, true",
            "/auth/verify, true", "/auth/forgot, true", "/auth/reset, true", "/auth/signout, true", "/auth/me, true",
            "/auth/link/abc, true", "/auth/link/, true", "/auth/link, false", "/auth/me/x, false",
            "/action, false", "/actions/x, false", "/api, false", "/api/, false", "/api/user_accounts, false",
            "/api/worlds, false", "/apis/world, false", "/auth, false", "/auth/, false", "/auth/signin/x, false",
            "/auth/other, false", "/a, false", "/about, false", "/notes/1, false", "/, false", "'', false"})
    void builtinFeaturesWhenWiredThenTodaysPathsAreOursAndTheirNeighboursTheHosts(String path, boolean ours) {
        try (Assembly services = wired(Map.of(), getClass().getClassLoader())) {
            assertEquals(ours, services.endpoints().handles(path), path);
        }
    }

    @Test
    void pagesWhenSwitchedOffThenTheirPathsAreTheHosts() {
        try (Assembly services = wired(Map.of("pages.signin.enabled", "false", "pages.signup.enabled", "false",
                "pages.account.enabled", "false", "pages.signout.enabled", "false", "pages.me.enabled", "false"),
                getClass().getClassLoader())) {
            for (String path : List.of("/auth/signin", "/auth/signup", "/auth/portcullis.js", "/auth/portcullis.css",
                    "/auth/verify", "/auth/forgot", "/auth/reset", "/auth/link/abc", "/auth/signout", "/auth/me")) {
                assertEquals(false, services.endpoints().handles(path), path);
            }
            assertTrue(services.endpoints().handles("/api/world"));
        }
    }

    @Test
    void accountPagesWhenSwitchedOffThenOnlyTheyAreTheHosts() {
        try (Assembly services = wired(Map.of("pages.account.enabled", "false"), getClass().getClassLoader())) {
            for (String path : List.of("/auth/verify", "/auth/forgot", "/auth/reset", "/auth/link/abc")) {
                assertEquals(false, services.endpoints().handles(path), path);
            }
            for (String path : List.of("/auth/signin", "/auth/signup", "/auth/signout", "/auth/me", "/auth/portcullis.css")) {
                assertTrue(services.endpoints().handles(path), path);
            }
        }
    }

    @Test
    void onlyMeWhenSwitchedOnThenItAndTheScriptForHostPagesAreOurs() {
        try (Assembly services = wired(Map.of("pages.signin.enabled", "false", "pages.signup.enabled", "false",
                "pages.account.enabled", "false", "pages.signout.enabled", "false"), getClass().getClassLoader())) {
            assertTrue(services.endpoints().handles("/auth/me"));
            assertTrue(services.endpoints().handles("/auth/portcullis.js"), "host pages fill data-portcullis with it");
            assertEquals(false, services.endpoints().handles("/auth/signin"));
        }
    }

    @Test
    void moduleWhenItRegistersABuiltInActionThenTheFilterDoesNotStartAndBothAreNamed() {
        FeatureException refused = assertThrows(FeatureException.class,
                () -> wired(Map.of(), Modules.webApplicationWith("conflicting")));

        for (String part : List.of("com.example.probe.ConflictingFeature", AccountActions.class.getName(),
                "user_account/signup")) {
            assertTrue(refused.getMessage().contains(part), () -> part + " missing from " + refused.getMessage());
        }
    }

    @Test
    void moduleWhenInTheWebApplicationThenItsPlacesAreOursBesideTheBuiltIns() {
        try (Assembly services = wired(Map.of(), Modules.webApplicationWith("probe"))) {
            assertTrue(services.endpoints().handles("/api/probe"));
            assertTrue(services.endpoints().handles("/api/probe/refuse"));
            assertTrue(services.endpoints().handles("/api/world"));
        }
    }
}
