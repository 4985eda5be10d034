package org.portcullis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portcullis.filter.testing.ApiCalls.PASSWORD;
import static org.portcullis.filter.testing.ApiCalls.assertApiError;
import static org.portcullis.filter.testing.ApiCalls.bearer;
import static org.portcullis.filter.testing.ApiCalls.quote;
import static org.portcullis.filter.testing.ApiCalls.suffix;
import static org.portcullis.filter.testing.ApiCalls.userId;
import static org.portcullis.filter.testing.ApiCalls.assertRefused;

import com.example.mailbox.MailboxFeature;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.portcullis.filter.testing.Container;
import org.portcullis.filter.testing.Http;
import org.portcullis.filter.testing.LegacyServlets;
import org.portcullis.filter.testing.LogCapture;
import org.portcullis.filter.testing.Modules;
import org.portcullis.model.TestDatabase;

/**
 * Usernames and several identities per user (CONTRACT §7) over real HTTP on Jetty and Tomcat: sign-up
 * with a username, sign-in by username or by any verified e-mail through the one sign-in path, a second
 * e-mail proved by a mailed code (the mail read from a test module's transport), set primary, remove,
 * the identities listing, and the attacks: a username shaped like an e-mail, one e-mail on two accounts,
 * another user's code, guessing a code, another user's identities, codes in the log.
 */
@Tag("database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentitiesFlowTest {

    private final List<TestDatabase> databases = new ArrayList<>();
    private final Map<Container, Container.Running> servers = new EnumMap<>(Container.class);
    private final Map<Container, Container.Running> withoutMail = new EnumMap<>(Container.class);
    private final Map<Container, String> administrators = new EnumMap<>(Container.class);

    @BeforeAll
    void start() throws Exception {
        for (Container container : Container.values()) {
            servers.put(container, startOn(container, Modules.webApplicationWith("mailbox"), "log"));
            withoutMail.put(container, startOn(container, null, "none"));
            String admin = http(container).newUser(email(), PASSWORD);
            HttpResponse<String> became = http(container).action("world/become_an_administrator", "{}", bearer(admin));
            assertEquals(200, became.statusCode(), became.body());
            administrators.put(container, admin);
        }
    }

    private Container.Running startOn(Container container, ClassLoader webApplication, String mailTransport)
            throws Exception {
        TestDatabase db = TestDatabase.fresh();
        databases.add(db);
        return container.start(Map.of("jdbc.url", db.url(), "jdbc.user", db.user(), "table.prefix", db.prefix(),
                "bcrypt.cost", "10", "signin.address.max.failures", "100000", "mail.transport", mailTransport,
                "mail.outbox.interval", "PT0.2S"), LegacyServlets.standard(), "",
                webApplication);
    }

    @AfterAll
    void stop() throws Exception {
        for (Container.Running running : servers.values()) {
            running.close();
        }
        for (Container.Running running : withoutMail.values()) {
            running.close();
        }
        for (TestDatabase db : databases) {
            db.dropTables();
        }
    }

    private Http http(Container container) {
        return new Http(servers.get(container).base());
    }

    private static HttpResponse<String> signup(Http http, String email, String username) {
        return http.action("user_account/signup", "{\"name\":\"Test\",\"email\":" + quote(email) + ",\"username\":"
                + quote(username) + ",\"password\":" + quote(PASSWORD) + ",\"passwordConfirm\":" + quote(PASSWORD) + "}");
    }

    private static String email() {
        return "u-" + suffix() + "@example.com";
    }

    private static String username() {
        return "user." + suffix();
    }

    private static HttpResponse<String> addEmail(Http http, String token, String email, String password) {
        return http.action("user_account/add_email", "{\"email\":" + quote(email) + ",\"password\":" + quote(password)
                + "}", bearer(token));
    }

    private static HttpResponse<String> verifyEmail(Http http, String token, String email, String code) {
        return http.action("user_account/verify_email", "{\"email\":" + quote(email) + ",\"code\":" + quote(code) + "}",
                bearer(token));
    }

    /** A new user with a second, verified e-mail; returns the token and the second e-mail. */
    private static String[] userWithSecondEmail(Http http) {
        String token = http.newUser(email(), PASSWORD);
        return new String[] {token, addVerifiedEmail(http, token)};
    }

    /** A new e-mail added to the token's account and verified with the mailed code; returns it. */
    private static String addVerifiedEmail(Http http, String token) {
        String email = email();
        assertEquals(200, addEmail(http, token, email, PASSWORD).statusCode());
        HttpResponse<String> verified = verifyEmail(http, token, email, MailboxFeature.lastCode(email));
        assertEquals(200, verified.statusCode(), verified.body());
        return email;
    }

    private static JsonNode identities(Http http, String token, String userId) {
        HttpResponse<String> listed = http.get("/api/user_account/" + userId + "/identities", bearer(token));
        assertEquals(200, listed.statusCode(), listed.body());
        return Http.json(listed.body()).path("data");
    }

    private static JsonNode identity(JsonNode list, String value) {
        for (JsonNode item : list) {
            if (value.equals(item.path("attributes").path("value").asText())) {
                return item;
            }
        }
        throw new AssertionError("no identity " + value + " in " + list);
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signupWhenAUsernameThenSigninWithItInAnyCaseOrWithTheEmailIsTheSameUser(Container container) {
        Http http = http(container);
        String email = email();
        String username = username();
        assertEquals(200, signup(http, email, username.toUpperCase(java.util.Locale.ROOT)).statusCode());

        String byUsername = Http.tokenOf(http.signin(username, PASSWORD));
        String byEmail = Http.tokenOf(http.signin(email, PASSWORD));
        String byUsernameAttribute = Http.tokenOf(http.action("user_account/signin", "{\"username\":"
                + quote(" " + username.toUpperCase(java.util.Locale.ROOT)) + ",\"password\":" + quote(PASSWORD) + "}"));

        assertEquals(userId(byEmail), userId(byUsername));
        assertEquals(userId(byEmail), userId(byUsernameAttribute));
        assertEquals(email + "|BEARER|", http.get("/whoami", bearer(byUsername)).body().substring(0, email.length() + 8),
                "signed in by username, the remote user is still the e-mail");
        JsonNode list = identities(http, byUsername, userId(byUsername));
        assertEquals("username", identity(list, username).path("attributes").path("type").asText());
        assertEquals("email", identity(list, email).path("attributes").path("type").asText());
        assertTrue(identity(list, email).path("attributes").path("primary").asBoolean());
        assertFalse(identity(list, email).path("attributes").path("verified").asBoolean(), "sign-up proves no address");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signupWhenTheUsernameHoldsAnAtOrBreaksTheGrammarThen400InvalidUsername(Container container) {
        Http http = http(container);
        for (String bad : List.of("ada@example.com", "ab", "-ada", ".ada", "a".repeat(33), "adà", "ada lovelace", "ada/x")) {
            assertRefused(400, "invalid_username", signup(http, email(), bad));
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signupWhenTheUsernameIsTakenInAnyCaseThen409UsernameTaken(Container container) {
        Http http = http(container);
        String username = username();
        assertEquals(200, signup(http, email(), username).statusCode());

        assertRefused(409, "username_taken", signup(http, email(), username.toUpperCase(java.util.Locale.ROOT)));
    }

    /** CVE-2021-3754's shape: a username that reads like another user's e-mail never finds that user. */
    @ParameterizedTest
    @EnumSource(Container.class)
    void usernameAndSomeoneElsesEmailWhenSigningInThenEachFindsItsOwnAccountOnly(Container container) {
        Http http = http(container);
        String name = "grace" + suffix();
        String graceEmail = name + "@example.com";
        String otherPassword = "another horse battery";
        assertEquals(200, http.signup("Grace", graceEmail, otherPassword).statusCode());
        assertEquals(200, signup(http, email(), name).statusCode());

        String byUsername = Http.tokenOf(http.signin(name, PASSWORD));
        String byEmail = Http.tokenOf(http.signin(graceEmail, otherPassword));

        assertNotEquals(userId(byUsername), userId(byEmail));
        assertRefused(401, "invalid_credentials", http.signin(name, otherPassword));
        assertRefused(401, "invalid_credentials", http.signin(graceEmail, PASSWORD));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signinWhenTheUsernameIsUnknownOrThePasswordWrongThenTheSameReplyAsForAnUnknownEmail(Container container) {
        Http http = http(container);
        String username = username();
        assertEquals(200, signup(http, email(), username).statusCode());

        HttpResponse<String> unknownEmail = http.signin(email(), PASSWORD);
        HttpResponse<String> unknownUsername = http.signin(username(), PASSWORD);
        HttpResponse<String> wrongPassword = http.signin(username, "wrong horse battery");

        assertRefused(401, "invalid_credentials", unknownEmail);
        assertEquals(unknownEmail.body(), unknownUsername.body());
        assertEquals(unknownEmail.body(), wrongPassword.body());
        assertEquals(unknownUsername.statusCode(), wrongPassword.statusCode());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void addEmailWhenTheMailedCodeIsEnteredThenTheAddressSignsInToTheSameUserAndIsListedVerified(Container container) {
        Http http = http(container);
        String first = email();
        String token = http.newUser(first, PASSWORD);
        String second = email();

        HttpResponse<String> added = addEmail(http, token, second.toUpperCase(java.util.Locale.ROOT), PASSWORD);
        assertEquals(200, added.statusCode(), added.body());
        assertRefused(401, "invalid_credentials", http.signin(second, PASSWORD)); // not before it is verified
        HttpResponse<String> verified = verifyEmail(http, token, second, MailboxFeature.lastCode(second));
        assertEquals(200, verified.statusCode(), verified.body());

        String bySecond = Http.tokenOf(http.signin(second, PASSWORD));
        assertEquals(userId(token), userId(bySecond));
        JsonNode item = identity(identities(http, token, userId(token)), second);
        assertEquals("email", item.path("attributes").path("type").asText());
        assertTrue(item.path("attributes").path("verified").asBoolean());
        assertFalse(item.path("attributes").path("primary").asBoolean());
        assertTrue(item.path("attributes").path("provider").isNull());
        assertFalse(Http.json(http.get("/api/user_account/" + userId(token), bearer(token)).body()).toString()
                .contains(MailboxFeature.lastCode(second)));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void addEmailWhenAnotherAccountHasItThen409EmailTakenAndSignupOfAVerifiedSecondEmailToo(Container container) {
        Http http = http(container);
        String taken = email();
        http.newUser(taken, PASSWORD);
        String token = http.newUser(email(), PASSWORD);
        String[] other = userWithSecondEmail(http);

        assertRefused(409, "email_taken", addEmail(http, token, taken, PASSWORD));
        assertRefused(409, "email_taken", addEmail(http, token, other[1], PASSWORD));
        assertRefused(409, "email_taken", http.signup("Thief", other[1], PASSWORD));
        assertRefused(409, "email_exists", addEmail(http, other[0], other[1], PASSWORD));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void addEmailWhenThePasswordIsWrongThen401AndNoMailGoesOut(Container container) {
        Http http = http(container);
        String token = http.newUser(email(), PASSWORD);
        String second = email();

        assertRefused(401, "invalid_credentials", addEmail(http, token, second, "wrong horse battery"));
        assertEquals(List.of(), MailboxFeature.inbox(second));
        assertRefused(401, "not_signed_in", http.action("user_account/add_email", "{\"email\":" + quote(second)
                + ",\"password\":" + quote(PASSWORD) + "}"));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void addEmailWhenNoMailTransportIsRegisteredThen503MailUnavailableAndNoCodeIsMade(Container container) {
        Http http = new Http(withoutMail.get(container).base());
        String token = http.newUser(email(), PASSWORD);

        assertRefused(503, "mail_unavailable", addEmail(http, token, email(), PASSWORD));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void verifyEmailWhenFiveWrongCodesCameFirstThenTheRightOneIsRefusedToo(Container container) {
        Http http = http(container);
        String token = http.newUser(email(), PASSWORD);
        String second = email();
        assertEquals(200, addEmail(http, token, second, PASSWORD).statusCode());
        String code = MailboxFeature.lastCode(second);
        for (int i = 1; i <= 5; i++) {
            assertRefused(400, "invalid_code", verifyEmail(http, token, second,
                    String.format("%06d", (Integer.parseInt(code) + i) % 1_000_000)));
        }

        assertRefused(400, "invalid_code", verifyEmail(http, token, second, code));
        assertRefused(401, "invalid_credentials", http.signin(second, PASSWORD));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void verifyEmailWhenAnotherUserEntersTheCodeThenInvalidCodeAndTheOwnerStillCan(Container container) {
        Http http = http(container);
        String owner = http.newUser(email(), PASSWORD);
        String thief = http.newUser(email(), PASSWORD);
        String second = email();
        assertEquals(200, addEmail(http, owner, second, PASSWORD).statusCode());
        String code = MailboxFeature.lastCode(second);

        assertRefused(400, "invalid_code", verifyEmail(http, thief, second, code));
        assertEquals(200, verifyEmail(http, owner, second, code).statusCode());
        assertRefused(400, "invalid_code", verifyEmail(http, owner, second, code)); // used
        assertEquals(userId(owner), userId(Http.tokenOf(http.signin(second, PASSWORD))));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void setPrimaryEmailWhenVerifiedThenTheAccountTheRemoteUserAndNewTokensCarryIt(Container container) {
        Http http = http(container);
        String[] user = userWithSecondEmail(http);
        String token = user[0];
        String second = user[1];

        HttpResponse<String> set = setPrimary(http, token, second);
        assertEquals(200, set.statusCode(), set.body());

        assertTrue(http.get("/whoami", bearer(token)).body().startsWith(second + "|"));
        assertEquals(second, Http.json(http.get("/api/user_account/" + userId(token), bearer(token)).body())
                .path("data").path("attributes").path("email").asText());
        assertTrue(identity(identities(http, token, userId(token)), second).path("attributes").path("primary").asBoolean());
        assertEquals(second, com.auth0.jwt.JWT.decode(Http.tokenOf(http.signin(second, PASSWORD))).getClaim("email")
                .asString());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void verifyEmailWhenTheAccountsOwnPrimaryThenItIsMarkedVerifiedAndStaysPrimary(Container container) {
        Http http = http(container);
        String email = email();
        String token = http.newUser(email, PASSWORD);

        assertEquals(200, addEmail(http, token, email, PASSWORD).statusCode());
        assertEquals(200, verifyEmail(http, token, email, MailboxFeature.lastCode(email)).statusCode());

        JsonNode list = identities(http, token, userId(token));
        assertEquals(1, list.size(), list.toString());
        assertTrue(identity(list, email).path("attributes").path("verified").asBoolean());
        assertTrue(identity(list, email).path("attributes").path("primary").asBoolean());
        assertRefused(409, "email_exists", addEmail(http, token, email, PASSWORD));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void setPrimaryEmailWhenAwayFromAnUnverifiedPrimaryThenTheOldAddressNoLongerSignsIn(Container container) {
        Http http = http(container);
        String first = email();
        String token = http.newUser(first, PASSWORD);
        String second = addVerifiedEmail(http, token);

        assertEquals(200, setPrimary(http, token, second).statusCode());

        assertRefused(401, "invalid_credentials", http.signin(first, PASSWORD));
        assertRefused(409, "email_not_verified", setPrimary(http, token, first));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void setPrimaryEmailWhenNotTheAccountsOrNeverVerifiedThenRefused(Container container) {
        Http http = http(container);
        String someoneElses = email();
        http.newUser(someoneElses, PASSWORD);
        String token = http.newUser(email(), PASSWORD);

        assertRefused(404, "not_found", setPrimary(http, token, someoneElses));
        assertRefused(404, "not_found", setPrimary(http, token, email()));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void removeIdentityWhenASecondEmailThenItNoLongerSignsInButThePrimaryNeverGoes(Container container) {
        Http http = http(container);
        String[] user = userWithSecondEmail(http);
        String token = user[0];
        JsonNode list = identities(http, token, userId(token));
        String primaryId = list.path(0).path("id").asText();
        String secondId = identity(list, user[1]).path("id").asText();
        String stranger = http.newUser(email(), PASSWORD);

        assertRefused(409, "primary_identity", removeIdentity(http, token, primaryId));
        assertRefused(404, "not_found", removeIdentity(http, stranger, secondId));
        assertEquals(200, removeIdentity(http, token, secondId).statusCode());

        assertRefused(401, "invalid_credentials", http.signin(user[1], PASSWORD));
        assertEquals(1, identities(http, token, userId(token)).size());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void removeIdentityWhenTheUsernameThenItNoLongerSignsInAndCanBeTakenAgain(Container container) {
        Http http = http(container);
        String username = username();
        String email = email();
        assertEquals(200, signup(http, email, username).statusCode());
        String token = Http.tokenOf(http.signin(username, PASSWORD));
        String usernameId = identity(identities(http, token, userId(token)), username).path("id").asText();

        assertEquals(200, removeIdentity(http, token, usernameId).statusCode());

        assertRefused(401, "invalid_credentials", http.signin(username, PASSWORD));
        assertEquals(200, signup(http, email(), username).statusCode());
    }

    private static HttpResponse<String> setPrimary(Http http, String token, String email) {
        return http.action("user_account/set_primary_email", "{\"email\":" + quote(email) + "}", bearer(token));
    }

    private static HttpResponse<String> removeIdentity(Http http, String token, String id) {
        return http.action("user_account/remove_identity", "{\"id\":" + quote(id) + "}", bearer(token));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void identitiesWhenAnotherUserOrAGuestAsksThen404Or401(Container container) {
        Http http = http(container);
        String token = http.newUser(email(), PASSWORD);
        String other = http.newUser(email(), PASSWORD);
        String path = "/api/user_account/" + userId(token) + "/identities";

        assertApiError(404, "not_found", http.get(path, bearer(other)));
        assertApiError(404, "not_found", http.get("/api/user_account/" + java.util.UUID.randomUUID() + "/identities",
                bearer(other)));
        assertApiError(401, "not_signed_in", http.get(path));
        assertApiError(405, "method_not_allowed", http.send("DELETE", path, null, bearer(token)));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void identitiesWhenAnAdministratorAsksThenAnyAccountsAreListed(Container container) {
        Http http = http(container);
        String email = email();
        String user = http.newUser(email, PASSWORD);

        JsonNode list = identities(http, administrators.get(container), userId(user));

        assertEquals(1, list.size(), list.toString());
        assertEquals(email, list.path(0).path("attributes").path("value").asText());
        assertEquals("user_identity", list.path(0).path("type").asText());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void flowsWhenCodesAreMailedAndEnteredThenNoLogLineHoldsACodeOrPassword(Container container) {
        Http http = http(container);
        try (LogCapture log = LogCapture.under("org.portcullis")) {
            String token = http.newUser(email(), PASSWORD);
            String second = email();
            addEmail(http, token, second, PASSWORD);
            String code = MailboxFeature.lastCode(second);
            verifyEmail(http, token, second, String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000));
            verifyEmail(http, token, second, code);
            http.signin(second, "wrong horse battery");

            assertTrue(log.messages().stream().anyMatch(line -> line != null && line.startsWith("sign-in failed")),
                    "the capture hears Portcullis' loggers: " + log.messages());
            for (String line : log.messages()) {
                assertFalse(line != null && line.contains(code), "a code in the log: " + line);
                assertFalse(line != null && line.contains(PASSWORD), "a password in the log: " + line);
            }
        }
    }
}
