package org.portcullis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.portcullis.filter.authentication.SignIn;
import org.portcullis.filter.testing.Container;
import org.portcullis.filter.testing.Http;
import org.portcullis.filter.testing.LegacyServlets;
import org.portcullis.filter.testing.LogCapture;
import org.portcullis.model.TestDatabase;

/**
 * Attacks on sign-up and sign-in over real HTTP, on Jetty and Tomcat: common and oversized passwords,
 * guessing past the throttle by re-spelling the e-mail or spreading guesses over accounts, a storm of
 * bcrypt work, and forged log lines.
 */
@Tag("database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SigninProtectionFlowTest {

    private static final String PASSWORD = "correct horse battery";
    private static final int FREE_FAILURES = 3;

    private final TestDatabase db = TestDatabase.fresh();
    private final Map<Container, Container.Running> servers = new EnumMap<>(Container.class);

    @BeforeAll
    void start() throws Exception {
        // Per-account limits as low as allowed; the per-address one out of the way (every test comes from 127.0.0.1).
        for (Container container : Container.values()) {
            servers.put(container, container.start(params(Map.of("signin.account.free.failures",
                    Integer.toString(FREE_FAILURES), "signin.address.max.failures", "100000")), LegacyServlets.standard()));
        }
    }

    @AfterAll
    void stop() throws Exception {
        for (Container.Running running : servers.values()) {
            running.close();
        }
        db.dropTables();
    }

    private Map<String, String> params(Map<String, String> extra) {
        Map<String, String> params = new HashMap<>(Map.of("jdbc.url", db.url(), "jdbc.user", db.user(),
                "table.prefix", db.prefix(), "bcrypt.cost", "10"));
        params.putAll(extra);
        return params;
    }

    private Http http(Container container) {
        return new Http(servers.get(container).base());
    }

    private static String email(String name) {
        return name + "-" + UUID.randomUUID() + "@example.com";
    }

    private static void assertThrottled(HttpResponse<String> reply, String what) {
        assertEquals(429, reply.statusCode(), what + ": " + reply.body());
        assertEquals("throttled", Http.errorCode(reply), what);
        assertEquals("error", Http.json(reply.body()).path(0).path("Attributes").path("type").asText(), what);
        long retryAfter = Long.parseLong(reply.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 300, what + ": Retry-After " + retryAfter);
    }

    private static void failTimes(Http http, String login, int times) {
        for (int i = 0; i < times; i++) {
            assertEquals(401, http.signin(login, "wrong password " + i).statusCode(), "failure " + (i + 1));
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signupWhenPasswordIsCommonInAnyCaseThen400PasswordTooCommonAndNoAccount(Container container) {
        Http http = http(container);
        for (String common : List.of("password123", "PassWord123", "QWERTYUIOP", "Trustno1", "iloveyou1")) {
            String email = email("common");
            HttpResponse<String> reply = http.signup("Ada", email, common);
            assertEquals(400, reply.statusCode(), common);
            assertEquals("password_too_common", Http.errorCode(reply), common);
            assertEquals(0, count(email), common);
        }
        assertEquals(200, http.signup("Ada", email("uncommon"), PASSWORD).statusCode(), "control: an uncommon one passes");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void passwordWhenShorterThan8OrLongerThan72BytesThen400AndNeverTruncated(Container container) {
        Http http = http(container);
        String seventyTwo = "Zq9-".repeat(18);
        String email = email("long");

        HttpResponse<String> seven = http.signup("Ada", email("short"), "Zq9-Zq9");
        HttpResponse<String> seventyThree = http.signup("Ada", email("long"), seventyTwo + "x");
        HttpResponse<String> seventyThreeInUtf8 = http.signup("Ada", email("long"), "é".repeat(36) + "x");
        assertEquals(200, http.signup("Ada", email, seventyTwo).statusCode(), "72 bytes is the most bcrypt reads whole");
        HttpResponse<String> signinSeventyThree = http.signin(email, seventyTwo + "x");

        assertEquals("password_too_short", Http.errorCode(seven));
        for (HttpResponse<String> reply : List.of(seven, seventyThree, seventyThreeInUtf8, signinSeventyThree)) {
            assertEquals(400, reply.statusCode(), reply.body());
        }
        assertEquals("password_too_long", Http.errorCode(seventyThree));
        assertEquals("password_too_long", Http.errorCode(seventyThreeInUtf8));
        assertEquals("password_too_long", Http.errorCode(signinSeventyThree), "not a truncated match");
        assertEquals(200, http.signin(email, seventyTwo).statusCode());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signinWhenAccountKeepsFailingThen429WithRetryAfterEvenForTheRightPassword(Container container) {
        Http http = http(container);
        String email = email("victim");
        http.signup("Victim", email, PASSWORD);

        failTimes(http, email, FREE_FAILURES);
        HttpResponse<String> right = http.signin(email, PASSWORD);

        assertThrottled(right, "the right password is not even checked while backing off");
        assertEquals("no-store", right.headers().firstValue("Cache-Control").orElseThrow());
        assertFalse(right.headers().firstValue("Set-Cookie").isPresent(), "no token while throttled");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signinWhenTheEmailIsRespelledThenItIsStillTheSameThrottledAccount(Container container) {
        Http http = http(container);
        String email = email("kim");
        http.signup("Kim", email, PASSWORD);
        failTimes(http, email, FREE_FAILURES);

        Map<String, HttpResponse<String>> spellings = new HashMap<>();
        spellings.put("upper case", http.signin(email.toUpperCase(), PASSWORD));
        spellings.put("mixed case", http.signin("KiM" + email.substring(3), PASSWORD));
        spellings.put("spaces around", http.signin("  " + email + "  ", PASSWORD));
        spellings.put("Kelvin sign for k", http.signin("\u212A" + email.substring(1), PASSWORD));
        spellings.put("username field", http.action("user_account/signin",
                "{\"username\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}"));
        spellings.forEach((how, reply) -> assertThrottled(reply, how));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signinWhenAccountDoesNotExistThenItIsThrottledAlikeSoThrottlingTellsNothing(Container container) {
        Http http = http(container);
        String known = email("known");
        http.signup("Known", known, PASSWORD);
        String unknown = email("unknown");

        failTimes(http, known, FREE_FAILURES);
        failTimes(http, unknown, FREE_FAILURES);
        HttpResponse<String> knownReply = http.signin(known, "guess");
        HttpResponse<String> unknownReply = http.signin(unknown, "guess");

        assertThrottled(knownReply, "known");
        assertThrottled(unknownReply, "unknown");
        assertEquals(knownReply.body(), unknownReply.body());
        assertEquals(knownReply.headers().map().keySet(), unknownReply.headers().map().keySet());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void changePasswordWhenTheAccountIsBackingOffFromFailedSigninsThen429AlikeAndNothingChanges(Container container) {
        Http http = http(container);
        String email = email("changer");
        String token = http.newUser(email, PASSWORD);
        failTimes(http, email, FREE_FAILURES);

        HttpResponse<String> change = changePassword(http, token, PASSWORD);

        assertThrottled(change, "the current password is not even checked while the account backs off");
        assertTrue(http.get("/whoami", "Authorization", "Bearer " + token).body().startsWith(email),
                "the password was not changed, so the token lives");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void changePasswordWhenTheCurrentPasswordKeepsFailingThenSigninIsThrottledAlike(Container container) {
        Http http = http(container);
        String email = email("stolen-token");
        String token = http.newUser(email, PASSWORD);
        for (int i = 0; i < FREE_FAILURES; i++) {
            HttpResponse<String> guess = changePassword(http, token, "wrong guess " + i);
            assertEquals(401, guess.statusCode(), guess.body());
            assertEquals("invalid_credentials", Http.errorCode(guess));
        }

        assertThrottled(changePassword(http, token, PASSWORD), "a stolen token guesses no faster than the form");
        assertThrottled(http.signin(email, PASSWORD), "one counter for both doors");
    }

    private static HttpResponse<String> changePassword(Http http, String token, String current) {
        String fresh = "staple battery horse correct";
        return http.action("user_account/change_password", "{\"password\":\"" + current + "\",\"newPassword\":\""
                + fresh + "\",\"newPasswordConfirm\":\"" + fresh + "\"}", "Authorization", "Bearer " + token);
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signinWhenOneAddressSpreadsGuessesOverAccountsThenTheAddressIsThrottledOwnSuccessesNotwithstanding(
            Container container) throws Exception {
        // Tables of its own: the address' counter is shared through the database, and the other tests fail from it too.
        TestDatabase own = TestDatabase.fresh();
        try (Container.Running server = container.start(Map.of("jdbc.url", own.url(), "jdbc.user", own.user(),
                "table.prefix", own.prefix(), "bcrypt.cost", "10", "signin.address.max.failures", "6"),
                LegacyServlets.standard())) {
            Http http = new Http(server.base());
            String mine = email("attacker");
            http.signup("Attacker", mine, PASSWORD);
            for (int i = 0; i < 6; i++) {
                assertEquals(401, http.signin(email("target" + i), "guess").statusCode());
                if (i < 5) {
                    assertEquals(200, http.signin(mine, PASSWORD).statusCode(), "a success between guesses");
                }
            }

            assertThrottled(http.signin(email("target"), "guess"), "a seventh account from the same address");
            assertThrottled(http.signin(mine, PASSWORD), "the address, not only the account, waits");
        } finally {
            own.dropTables();
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signinWhenAStormExceedsTheBcryptPoolThen503BusyWithRetryAfterAndOtherRequestsAreServed(Container container)
            throws Exception {
        try (Container.Running server = container.start(params(Map.of("signin.pool.size", "1", "signin.pool.queue",
                "1", "bcrypt.cost", "13", "signin.address.max.failures", "100000")), LegacyServlets.standard())) {
            Http http = new Http(server.base());
            List<CompletableFuture<HttpResponse<String>>> storm = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String login = email("storm" + i);
                storm.add(CompletableFuture.supplyAsync(() -> http.signin(login, "guess")));
            }
            HttpResponse<String> ordinary = http.get("/whoami");
            List<HttpResponse<String>> replies = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> reply : storm) {
                replies.add(reply.get());
            }

            assertEquals(200, ordinary.statusCode(), "an ordinary request during the storm");
            List<HttpResponse<String>> busy = replies.stream().filter(r -> r.statusCode() == 503).toList();
            assertFalse(busy.isEmpty(), "12 at once on 1 thread with a queue of 1 must turn some away");
            for (HttpResponse<String> reply : busy) {
                assertEquals("busy", Http.errorCode(reply));
                assertEquals("1", reply.headers().firstValue("Retry-After").orElseThrow());
            }
            assertTrue(replies.stream().allMatch(r -> r.statusCode() == 503 || r.statusCode() == 401),
                    replies.stream().map(HttpResponse::statusCode).toList().toString());
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signinWhenLoginCarriesLineBreaksThenNoLogLineIsForgedAndNoSecretIsLogged(Container container) {
        Http http = http(container);
        try (LogCapture log = LogCapture.of(SignIn.class)) {
            String separated = email("ada\u2028INFO:forged");
            assertEquals(200, http.signup("Ada", separated, PASSWORD).statusCode(), "U+2028 passes the e-mail check");
            String unknown = email("typed-a-password-here");

            HttpResponse<String> newline = http.signin("ada@example.com\\nINFO: signed in: admin@example.com", "guess");
            HttpResponse<String> carriageReturn = http.signin("ada@example.com\\r\\nINFO: forged", "guess");
            assertEquals(401, http.signin(separated, "wrong guess").statusCode());
            assertEquals(401, http.signin(unknown, "wrong guess").statusCode());
            String token = Http.tokenOf(http.signin(separated, PASSWORD));

            assertEquals(400, newline.statusCode());
            assertEquals(400, carriageReturn.statusCode());
            List<String> messages = log.messages();
            assertTrue(messages.size() >= 3, messages.toString());
            for (String message : messages) {
                assertFalse(message.contains("\n") || message.contains("\r") || message.contains("\u2028"), message);
                assertFalse(message.contains(PASSWORD) || message.contains("wrong guess") || message.contains("$2a$")
                        || message.contains(token) || message.contains(unknown), message);
            }
            assertTrue(messages.stream().anyMatch(m -> m.contains("ada\\u2028info:forged")), messages.toString());
        }
    }

    private long count(String email) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "select count(*) from " + db.prefix() + "user_account where email = ?")) {
            s.setString(1, email);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
