package org.portcullis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portcullis.filter.testing.ApiCalls.PASSWORD;
import static org.portcullis.filter.testing.ApiCalls.assertApiError;
import static org.portcullis.filter.testing.ApiCalls.bearer;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.portcullis.filter.testing.Container;
import org.portcullis.filter.testing.GuardedServers;
import org.portcullis.filter.testing.Http;
import org.portcullis.filter.testing.LegacyServlets;

/**
 * Sign-out everywhere and password change on Jetty and Tomcat: every token of the user issued
 * before dies, on every device, and the ways around it (a wrong, weak or unconfirmed password, a
 * guest) are refused.
 */
@Tag("database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionsFlowTest {

    private static final String NEW_PASSWORD = "staple battery horse correct";
    private static final String GUEST = "null|null|null|false|false";

    private GuardedServers servers;
    private final java.util.Map<Container, String> administrators = new java.util.EnumMap<>(Container.class);

    @BeforeAll
    void start() throws Exception {
        servers = GuardedServers.start("", LegacyServlets.standard());
        for (Container container : Container.values()) {
            Http http = servers.http(container);
            String admin = http.newUser(email(), PASSWORD);
            assertEquals(200, http.action("world/become_an_administrator", "{}", bearer(admin)).statusCode());
            administrators.put(container, admin);
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (servers != null) {
            servers.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signoutEverywhereWhenAskedThenEveryEarlierTokenOfTheUserDiesAndOthersLive(Container container)
            throws Exception {
        Http http = servers.http(container);
        String email = email();
        String laptop = http.newUser(email, PASSWORD);
        String phone = Http.tokenOf(http.signin(email, PASSWORD));
        String someoneElse = http.newUser(email(), PASSWORD);

        HttpResponse<String> out = http.action("user_account/signout_everywhere", "{}", bearer(laptop));

        assertEquals(200, out.statusCode(), out.body());
        assertTrue(out.headers().firstValue("Set-Cookie").orElseThrow().contains("Max-Age=0"));
        assertEquals(GUEST, whoami(http, laptop));
        assertEquals(GUEST, whoami(http, phone), "the other device is signed out too");
        assertTrue(whoami(http, someoneElse).startsWith("u-"), "other users are untouched");

        nextSecond();
        String again = Http.tokenOf(http.signin(email, PASSWORD));
        assertTrue(whoami(http, again).startsWith(email), "signing in again works");
        assertError(401, "not_signed_in", http.action("user_account/signout_everywhere", "{}"));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void changePasswordWhenTheCurrentOneIsProvedThenOldTokensAndTheOldPasswordStopWorking(Container container)
            throws Exception {
        Http http = servers.http(container);
        String email = email();
        String token = http.newUser(email, PASSWORD);
        String other = Http.tokenOf(http.signin(email, PASSWORD));

        HttpResponse<String> changed = changePassword(http, token, PASSWORD, NEW_PASSWORD, NEW_PASSWORD);

        assertEquals(200, changed.statusCode(), changed.body());
        assertEquals(GUEST, whoami(http, token));
        assertEquals(GUEST, whoami(http, other), "a stolen token dies with the old password");
        assertEquals(401, http.signin(email, PASSWORD).statusCode());
        nextSecond();
        assertTrue(whoami(http, Http.tokenOf(http.signin(email, NEW_PASSWORD))).startsWith(email));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void changePasswordWhenWrongWeakUnconfirmedOrAGuestThenRefusedAndNothingChanges(Container container) {
        Http http = servers.http(container);
        String email = email();
        String token = http.newUser(email, PASSWORD);

        assertError(401, "invalid_credentials", changePassword(http, token, "wrong horse battery", NEW_PASSWORD,
                NEW_PASSWORD));
        assertError(400, "password_mismatch", changePassword(http, token, PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "!"));
        assertError(400, "password_too_short", changePassword(http, token, PASSWORD, "short", "short"));
        assertError(400, "password_too_common", changePassword(http, token, PASSWORD, "Password123", "Password123"));
        assertError(400, "password_too_long", changePassword(http, token, PASSWORD, "x".repeat(73), "x".repeat(73)));
        assertError(401, "not_signed_in", http.action("user_account/change_password",
                "{\"password\":\"" + PASSWORD + "\",\"newPassword\":\"" + NEW_PASSWORD + "\",\"newPasswordConfirm\":\""
                        + NEW_PASSWORD + "\"}"));

        assertTrue(whoami(http, token).startsWith(email), "the token still works");
        assertEquals(200, http.signin(email, PASSWORD).statusCode(), "the password is unchanged");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void accountWhenAnAdministratorDisablesItThenItsTokensAndSignInStopUntilEnabledAgain(Container container)
            throws Exception {
        Http http = servers.http(container);
        String admin = administrators.get(container);
        String email = email();
        String token = http.newUser(email, PASSWORD);
        String id = com.auth0.jwt.JWT.decode(token).getSubject();

        HttpResponse<String> disabled = setStatus(http, admin, id, "inactive");

        assertEquals(200, disabled.statusCode(), disabled.body());
        assertEquals("inactive", Http.json(disabled.body()).path("data").path("attributes").path("status").asText());
        assertEquals(GUEST, whoami(http, token), "its token is refused from the next request");
        assertError(403, "account_inactive", http.signin(email, PASSWORD));
        assertError(401, "invalid_credentials", http.signin(email, "wrong horse battery"));

        assertEquals(200, setStatus(http, admin, id, "active").statusCode());
        assertEquals(GUEST, whoami(http, token), "enabling again brings no token issued before back");
        nextSecond();
        assertTrue(whoami(http, Http.tokenOf(http.signin(email, PASSWORD))).startsWith(email));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signinWhenTheAccountIsDeletedThenTheReplyIsAWrongPasswordsReplyByteForByte(Container container) {
        Http http = servers.http(container);
        String email = email();
        String id = com.auth0.jwt.JWT.decode(http.newUser(email, PASSWORD)).getSubject();
        String other = email();
        http.newUser(other, PASSWORD);
        assertEquals(204, http.send("DELETE", "/api/user_account/" + id, null, bearer(administrators.get(container)))
                .statusCode());

        HttpResponse<String> deleted = http.signin(email, PASSWORD);
        HttpResponse<String> wrong = http.signin(other, "wrong horse battery");
        HttpResponse<String> unknown = http.signin(email(), PASSWORD);

        assertEquals(401, deleted.statusCode(), deleted.body());
        assertEquals(wrong.body(), deleted.body(), "the right password of a deleted account tells nothing");
        assertEquals(wrong.headers().map().keySet(), deleted.headers().map().keySet());
        assertEquals(unknown.body(), deleted.body(), "a deleted account is an unknown one");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signinWhenTheAccountIsInactiveAndThePasswordWrongThenTheReplyIsAWrongPasswordsReplyByteForByte(
            Container container) {
        Http http = servers.http(container);
        String email = email();
        String id = com.auth0.jwt.JWT.decode(http.newUser(email, PASSWORD)).getSubject();
        String other = email();
        http.newUser(other, PASSWORD);
        assertEquals(200, setStatus(http, administrators.get(container), id, "disabled").statusCode());

        HttpResponse<String> inactive = http.signin(email, "wrong horse battery");
        HttpResponse<String> wrong = http.signin(other, "wrong horse battery");

        assertEquals(wrong.body(), inactive.body(), "the status is shown after the right password only");
        assertEquals(wrong.headers().map().keySet(), inactive.headers().map().keySet());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void accountStatusWhenChangedByANonAdministratorOrBadlyThenRefused(Container container) {
        Http http = servers.http(container);
        String admin = administrators.get(container);
        String adminId = com.auth0.jwt.JWT.decode(admin).getSubject();
        String mallory = http.newUser(email(), PASSWORD);
        String victim = http.newUser(email(), PASSWORD);
        String victimId = com.auth0.jwt.JWT.decode(victim).getSubject();
        String malloryId = com.auth0.jwt.JWT.decode(mallory).getSubject();

        assertApiError(404, "not_found", setStatus(http, mallory, victimId, "disabled"));
        assertApiError(404, "not_found", setStatus(http, mallory, adminId, "disabled"));
        assertApiError(403, "forbidden", setStatus(http, mallory, malloryId, "active"));
        assertApiError(409, "own_account", setStatus(http, admin, adminId, "disabled"));
        assertApiError(400, "bad_status", setStatus(http, admin, victimId, "banned"));
        assertApiError(400, "unknown_attribute", http.send("PATCH", "/api/user_account/" + victimId,
                "{\"data\":{\"type\":\"user_account\",\"attributes\":{\"email\":\"x@example.com\"}}}", bearer(admin)));
        assertApiError(404, "not_found", setStatus(http, admin, UUID.randomUUID().toString(), "disabled"));
        assertApiError(405, "method_not_allowed", http.send("PATCH", "/api/user_account", "{}", bearer(admin)));
        assertApiError(401, "not_signed_in", http.send("PATCH", "/api/user_account/" + victimId,
                "{\"data\":{\"type\":\"user_account\",\"attributes\":{\"status\":\"disabled\"}}}"));

        assertTrue(whoami(http, victim).startsWith("u-"), "the victim is untouched");
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static HttpResponse<String> setStatus(Http http, String token, String userId, String status) {
        return http.send("PATCH", "/api/user_account/" + userId,
                "{\"data\":{\"type\":\"user_account\",\"attributes\":{\"status\":\"" + status + "\"}}}",
                bearer(token));
    }

    private static HttpResponse<String> changePassword(Http http, String token, String current, String fresh,
                                                       String confirm) {
        return http.action("user_account/change_password", "{\"password\":\"" + current + "\",\"newPassword\":\""
                + fresh + "\",\"newPasswordConfirm\":\"" + confirm + "\"}", bearer(token));
    }

    /** Tokens carry whole seconds: one issued in the second of a sign-out everywhere is refused too. */
    private static void nextSecond() throws InterruptedException {
        long now = Instant.now().toEpochMilli();
        Thread.sleep(1000 - now % 1000 + 50);
    }

    private static String whoami(Http http, String token) {
        return http.get("/whoami", bearer(token)).body();
    }

    private static String email() {
        return "u-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private static void assertError(int status, String code, HttpResponse<String> reply) {
        assertEquals(status, reply.statusCode(), reply.body());
        assertEquals(code, Http.errorCode(reply), reply.body());
    }
}
