package org.portcullis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portcullis.filter.testing.ApiCalls.PASSWORD;
import static org.portcullis.filter.testing.ApiCalls.bearer;
import static org.portcullis.filter.testing.ApiCalls.patchAccount;
import static org.portcullis.filter.testing.ApiCalls.quote;
import static org.portcullis.filter.testing.ApiCalls.suffix;
import static org.portcullis.filter.testing.ApiCalls.userId;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.portcullis.filter.testing.ApiCalls;
import org.portcullis.filter.testing.Container;
import org.portcullis.filter.testing.GuardedServers;
import org.portcullis.filter.testing.Http;
import org.portcullis.filter.testing.LegacyServlets;
import org.portcullis.filter.testing.LogCapture;

/**
 * Refresh tokens over real HTTP on Jetty and Tomcat (CONTRACT §8): a sign-in starts a family and hands its
 * token out in the reply and in a cookie only the refresh action receives; {@code refresh} rotates; the spent
 * token again within 10 s gives the same successor, also to 20 racing requests; later it ends the family and
 * the access tokens it issued; sign-out, sign-out everywhere, a password change and a status change end
 * families; idle and absolute lifetimes; {@code refresh.absolute=PT0S} has none.
 */
@Tag("database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefreshFlowTest {

    private GuardedServers servers;
    private final Map<Container, String> administrators = new EnumMap<>(Container.class);

    @BeforeAll
    void start() throws Exception {
        servers = GuardedServers.start("", LegacyServlets.standard(), Map.of());
        for (Container container : Container.values()) {
            Http http = servers.http(container);
            String admin = http.newUser(email(), PASSWORD);
            assertEquals(200, http.action("world/become_an_administrator", "{}", bearer(admin)).statusCode());
            administrators.put(container, admin);
        }
    }

    @AfterAll
    void stop() throws Exception {
        servers.close();
    }

    /** A sign-in's access token and refresh token. */
    private record Session(String access, String refresh) {
    }

    private static Session signin(Http http, String email) {
        HttpResponse<String> in = http.signin(email, PASSWORD);
        assertEquals(200, in.statusCode(), in.body());
        return new Session(Http.tokenOf(in), stored(in, "refresh_token"));
    }

    private static String stored(HttpResponse<String> reply, String key) {
        String value = ApiCalls.stored(reply, key);
        if (value == null) {
            throw new AssertionError("no client.store.set " + key + " in " + reply.body());
        }
        return value;
    }

    private static HttpResponse<String> refresh(Http http, String token) {
        return http.action("user_account/refresh", "{\"refresh_token\":" + quote(token) + "}");
    }

    private static Session rotated(HttpResponse<String> reply) {
        assertEquals(200, reply.statusCode(), reply.body());
        return new Session(stored(reply, "token"), stored(reply, "refresh_token"));
    }

    private static void assertInvalid(HttpResponse<String> reply, String why) {
        assertEquals(401, reply.statusCode(), why + " " + reply.body());
        assertEquals("invalid_refresh_token", Http.errorCode(reply), why + " " + reply.body());
    }

    private static boolean accepted(Http http, String access) {
        return http.get("/api/user_account/" + userId(access), bearer(access)).statusCode() == 200;
    }

    private static String email() {
        return "r-" + suffix() + "@example.com";
    }

    /** Moves {@code column} of every refresh row of {@code userId} {@code millis} into the past. */
    private void age(Container container, String userId, String column, long millis) throws Exception {
        var database = servers.database(container);
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement("update " + database.prefix()
                + "refresh_token set " + column + " = " + column + " - ? where user_id = ?")) {
            s.setLong(1, millis);
            s.setString(2, userId);
            assertTrue(s.executeUpdate() >= 1);
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signinWhenRefreshTokensAreOnThenTheReplyAndACookieScopedToTheRefreshActionCarryOne(Container container) {
        Http http = servers.http(container);
        String email = email();
        http.newUser(email, PASSWORD);

        HttpResponse<String> in = http.signin(email, PASSWORD);

        String refresh = stored(in, "refresh_token");
        assertTrue(refresh.matches("[A-Za-z0-9_-]{43}"), refresh);
        String cookie = in.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("refresh_token="))
                .findFirst().orElseThrow();
        assertTrue(cookie.contains("Path=/action/user_account/refresh") && cookie.contains("HttpOnly")
                && cookie.contains("SameSite=Strict"), cookie);
        assertTrue(cookie.contains("Max-Age=25919") || cookie.contains("Max-Age=25920"), "30 days: " + cookie);
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void refreshWhenGivenThenANewAccessTokenAndANewRefreshTokenAndTheCookieWorksToo(Container container) {
        Http http = servers.http(container);
        String email = email();
        http.newUser(email, PASSWORD);
        Session first = signin(http, email);

        Session second = rotated(refresh(http, first.refresh()));

        assertNotEquals(first.refresh(), second.refresh());
        assertNotEquals(first.access(), second.access());
        assertTrue(accepted(http, second.access()));
        assertEquals(userId(first.access()), userId(second.access()));
        HttpResponse<String> byCookie = http.action("user_account/refresh", "{}", "Cookie",
                "refresh_token=" + second.refresh());
        Session third = rotated(byCookie);
        assertTrue(accepted(http, third.access()));
        assertTrue(byCookie.headers().allValues("Set-Cookie").stream()
                .anyMatch(c -> c.startsWith("refresh_token=" + third.refresh() + ";")), "the cookie rotates too");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void refreshWhenTheSpentTokenComesAgainWithinTenSecondsThenTheSameSuccessorAndTheFamilyLives(Container container) {
        Http http = servers.http(container);
        String email = email();
        http.newUser(email, PASSWORD);
        Session first = signin(http, email);
        Session second = rotated(refresh(http, first.refresh()));

        Session again = rotated(refresh(http, first.refresh()));

        assertEquals(second.refresh(), again.refresh(), "no fork of the family");
        assertTrue(accepted(http, again.access()));
        assertTrue(accepted(http, rotated(refresh(http, second.refresh())).access()), "the family lives on");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void refreshWhenTwentyRequestsRaceWithOneTokenThenAllGetOneSuccessorAndTheFamilyLives(Container container)
            throws Exception {
        Http http = servers.http(container);
        String email = email();
        http.newUser(email, PASSWORD);
        Session first = signin(http, email);
        int threads = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> replies = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                replies.add(pool.submit(() -> {
                    go.await();
                    return refresh(http, first.refresh());
                }));
            }
            go.countDown();
            Set<String> successors = new HashSet<>();
            for (Future<HttpResponse<String>> reply : replies) {
                Session next = rotated(reply.get());
                successors.add(next.refresh());
                assertTrue(accepted(http, next.access()));
            }
            assertEquals(1, successors.size(), successors.toString());
            assertTrue(accepted(http, rotated(refresh(http, successors.iterator().next())).access()));
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void refreshWhenTheSpentTokenComesAfterTheGraceThenTheFamilyAndItsAccessTokensDie(Container container)
            throws Exception {
        Http http = servers.http(container);
        String email = email();
        http.newUser(email, PASSWORD);
        Session first = signin(http, email);
        Session second = rotated(refresh(http, first.refresh()));
        Session elsewhere = signin(http, email); // another device: another family
        age(container, userId(first.access()), "rotated_at", 11_000);

        try (LogCapture log = LogCapture.under("org.portcullis")) {
            assertInvalid(refresh(http, first.refresh()), "reuse after the grace window");
            assertTrue(log.messages().stream().anyMatch(m -> m != null && m.contains("reuse")), "reuse is logged");
            assertFalse(log.messages().stream().anyMatch(m -> m != null && (m.contains(first.refresh())
                    || m.contains(second.refresh()))), "no refresh token in the log");
        }

        assertInvalid(refresh(http, second.refresh()), "the thief's successor is dead too");
        assertFalse(accepted(http, second.access()), "the family's access tokens are revoked");
        assertFalse(accepted(http, first.access()));
        assertTrue(accepted(http, elsewhere.access()), "another family is untouched");
        assertTrue(accepted(http, rotated(refresh(http, elsewhere.refresh())).access()));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signoutWhenCalledThenThatFamilyEndsAndOthersLive(Container container) {
        Http http = servers.http(container);
        String email = email();
        http.newUser(email, PASSWORD);
        Session here = signin(http, email);
        Session there = signin(http, email);

        HttpResponse<String> out = http.action("user_account/signout", "{}", bearer(here.access()));

        assertEquals(200, out.statusCode(), out.body());
        assertTrue(out.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("refresh_token=;")
                && c.contains("Max-Age=0")), "the refresh cookie is cleared");
        assertInvalid(refresh(http, here.refresh()), "the signed-out family");
        assertTrue(accepted(http, rotated(refresh(http, there.refresh())).access()), "the other device's");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signoutEverywhereOrAPasswordChangeThenEveryFamilyBeforeItEnds(Container container) throws Exception {
        Http http = servers.http(container);
        String email = email();
        http.newUser(email, PASSWORD);
        Session a = signin(http, email);
        Session b = signin(http, email);

        assertEquals(200, http.action("user_account/signout_everywhere", "{}", bearer(a.access())).statusCode());

        assertInvalid(refresh(http, a.refresh()), "this device");
        assertInvalid(refresh(http, b.refresh()), "the other device");
        Thread.sleep(1100); // tokens carry whole seconds: a sign-in in the same second is refused
        Session c = signin(http, email);
        assertTrue(accepted(http, rotated(refresh(http, c.refresh())).access()), "a sign-in afterwards");
        Session d = signin(http, email);
        assertEquals(200, http.action("user_account/change_password", "{\"password\":" + quote(PASSWORD)
                + ",\"newPassword\":\"another fine passphrase\",\"newPasswordConfirm\":\"another fine passphrase\"}",
                bearer(d.access())).statusCode());
        assertInvalid(refresh(http, d.refresh()), "after a password change");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void refreshWhenTheAccountIsNoLongerActiveThenRefusedAndItsFamilyStaysDeadAfterReactivation(Container container) {
        Http http = servers.http(container);
        String admin = administrators.get(container);
        String email = email();
        http.newUser(email, PASSWORD);
        Session s = signin(http, email);
        String id = userId(s.access());

        assertEquals(200, patchAccount(http, admin, id, "{\"status\":\"inactive\"}").statusCode());
        assertInvalid(refresh(http, s.refresh()), "inactive");
        assertEquals(200, patchAccount(http, admin, id, "{\"status\":\"active\"}").statusCode());

        assertInvalid(refresh(http, s.refresh()), "a status change ended the family");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void refreshWhenUnusedPastTheIdleTimeOrTheFamilyPastItsAbsoluteEndThenRefused(Container container)
            throws Exception {
        Http http = servers.http(container);
        String email = email();
        http.newUser(email, PASSWORD);
        Session idle = signin(http, email);
        age(container, userId(idle.access()), "idle_expires_at", 15L * 24 * 3600 * 1000);
        assertInvalid(refresh(http, idle.refresh()), "idle");

        String other = email();
        http.newUser(other, PASSWORD);
        Session old = signin(http, other);
        Session next = rotated(refresh(http, old.refresh()));
        age(container, userId(old.access()), "absolute_expires_at", 31L * 24 * 3600 * 1000);
        assertInvalid(refresh(http, next.refresh()), "absolute");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void refreshWhenTheTokenIsMissingMadeUpOrMisshapenThen401(Container container) {
        Http http = servers.http(container);

        assertInvalid(http.action("user_account/refresh", "{}"), "none");
        assertInvalid(refresh(http, "A".repeat(43)), "made up");
        assertInvalid(refresh(http, "not a token"), "misshapen");
        String email = email();
        http.newUser(email, PASSWORD);
        Session s = signin(http, email);
        HttpResponse<String> access = refresh(http, s.access());
        assertEquals(400, access.statusCode(), "an access token is no refresh token (and longer than one): " + access.body());
        assertEquals("too_long", Http.errorCode(access));
        assertInvalid(refresh(http, s.refresh().substring(1) + "A"), "one character off");
    }

    @Test
    void signinWhenRefreshAbsoluteIsZeroThenNoRefreshTokenAndNoRefreshAction() throws Exception {
        try (GuardedServers off = GuardedServers.start("", LegacyServlets.standard(), Map.of("refresh.absolute", "PT0S"))) {
            Http http = off.http(Container.JETTY);
            String email = email();
            http.newUser(email, PASSWORD);

            HttpResponse<String> in = http.signin(email, PASSWORD);

            assertFalse(in.body().contains("refresh_token"), in.body());
            assertTrue(in.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("refresh_token=")));
            HttpResponse<String> refresh = refresh(http, "A".repeat(43));
            assertEquals(404, refresh.statusCode(), refresh.body());
            assertEquals("unknown_action", Http.errorCode(refresh));
        }
    }
}
