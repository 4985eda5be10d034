package org.portcullis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
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
import org.portcullis.filter.testing.Container;
import org.portcullis.filter.testing.Http;
import org.portcullis.filter.testing.LegacyServlets;
import org.portcullis.model.TestDatabase;

/**
 * The foundation's promises over real HTTP, on real Jetty and Tomcat sharing one database (two
 * nodes): Daptin's sign-up / sign-in flow, identity for the host's servlets, sign-out, the first
 * administrator, the user_account API, and a clear 4xx for every bad input.
 */
@Tag("database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FoundationFlowTest {

    private static final String PASSWORD = "correct horse battery";

    private final TestDatabase db = TestDatabase.fresh();
    private final Map<Container, Container.Running> servers = new EnumMap<>(Container.class);

    @BeforeAll
    void startBothContainersOnOneDatabase() throws Exception {
        Map<String, String> params = Map.of(
                "jdbc.url", db.url(),
                "jdbc.user", db.user(),
                "table.prefix", db.prefix(),
                "bcrypt.cost", "10");
        for (Container container : Container.values()) {
            servers.put(container, container.start(params, LegacyServlets.standard()));
        }
    }

    @AfterAll
    void stop() throws Exception {
        for (Container.Running running : servers.values()) {
            running.close();
        }
        db.dropTables();
    }

    private Http http(Container container) {
        return new Http(servers.get(container).base());
    }

    private static String email() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signupWhenValidThenDaptinRepliesSuccessAndRedirectsToSignin(Container container) {
        HttpResponse<String> reply = http(container).signup("Ada", email(), PASSWORD);

        assertEquals(200, reply.statusCode());
        JsonNode items = Http.json(reply.body());
        assertEquals("client.notify", items.get(0).get("ResponseType").asText());
        assertEquals("success", items.get(0).get("Attributes").get("type").asText());
        assertTrue(items.get(0).get("Attributes").get("message").asText().startsWith("Sign-up successful"));
        assertEquals("client.redirect", items.get(1).get("ResponseType").asText());
        assertEquals("/auth/signin", items.get(1).get("Attributes").get("location").asText());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void bearerTokenWhenValidThenHostServletSeesTheUser(Container container) {
        Http http = http(container);
        String email = email();
        String token = http.newUser(email, PASSWORD);

        HttpResponse<String> whoami = http.get("/whoami", "Authorization", "Bearer " + token);

        assertEquals(email + "|BEARER|" + email + "|true|false", whoami.body());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void cookieTokenWhenValidThenHostServletSeesTheUser(Container container) {
        Http http = http(container);
        String email = email();
        String token = http.newUser(email, PASSWORD);

        assertEquals(email + "|COOKIE|" + email + "|true|false",
                http.get("/whoami", "Cookie", "token=" + token).body());
    }

    @Test
    void tokenWhenIssuedByOneNodeThenAnotherNodeOnTheSameDatabaseAcceptsIt() {
        String email = email();
        String token = http(Container.JETTY).newUser(email, PASSWORD);

        assertTrue(http(Container.TOMCAT).get("/whoami", "Authorization", "Bearer " + token).body().startsWith(email + "|"));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void guestWhenNoTokenThenHostServletSeesNobody(Container container) {
        assertEquals("null|null|null|false|false", http(container).get("/whoami").body());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signinWhenSuccessfulThenCookieIsHttpOnlyAndSameSiteStrictAndReplyIsNotCached(Container container) {
        Http http = http(container);
        String email = email();
        http.signup("Ada", email, PASSWORD);

        HttpResponse<String> reply = http.signin(email, PASSWORD);

        String cookie = reply.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.startsWith("token=" + Http.tokenOf(reply) + ";"), cookie);
        assertTrue(cookie.contains("; HttpOnly"), cookie);
        assertTrue(cookie.contains("; SameSite=Strict"), cookie);
        assertFalse(cookie.contains("Secure"), "plain HTTP must not get a Secure cookie it cannot send back");
        assertEquals("no-store", reply.headers().firstValue("Cache-Control").orElseThrow());
        List<String> types = new ArrayList<>();
        Http.json(reply.body()).forEach(item -> types.add(item.get("ResponseType").asText()));
        // The second client.store.set is the refresh token (refresh tokens are on by default).
        assertEquals(List.of("client.store.set", "client.cookie.set", "client.store.set", "client.notify",
                "client.redirect"), types);
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signupWhenEmailTakenInAnyCaseThen409(Container container) {
        Http http = http(container);
        String email = email();
        http.signup("Ada", email, PASSWORD);

        HttpResponse<String> again = http.signup("Eve", email.toUpperCase(), PASSWORD);

        assertEquals(409, again.statusCode());
        assertEquals("email_taken", Http.errorCode(again));
    }

    @Test
    void signupWhenTwoRaceForOneEmailThenOneAccountAndOne409() throws Exception {
        String email = email();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> attempts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Container container = Container.values()[i % 2];
                attempts.add(() -> http(container).signup("Racer", email, PASSWORD).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(attempts)) {
                statuses.add(f.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            assertEquals(3, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, count("select count(*) from " + db.prefix() + "user_account where email = ?", email));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signupWhenPasswordsDifferThen400AndNothingWritten(Container container) {
        Http http = http(container);
        String email = email();

        HttpResponse<String> reply = http.action("user_account/signup", "{\"name\":\"Ada\",\"email\":\"" + email
                + "\",\"password\":\"" + PASSWORD + "\",\"passwordConfirm\":\"something else\"}");

        assertEquals(400, reply.statusCode());
        assertEquals("password_mismatch", Http.errorCode(reply));
        assertEquals(0, count("select count(*) from " + db.prefix() + "user_account where email = ?", email));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signinWhenWrongPasswordOrUnknownEmailThenRepliesAreIdentical(Container container) {
        Http http = http(container);
        String email = email();
        http.signup("Ada", email, PASSWORD);

        HttpResponse<String> wrongPassword = http.signin(email, "not the password");
        HttpResponse<String> unknownEmail = http.signin(email(), "not the password");

        assertEquals(401, wrongPassword.statusCode());
        assertEquals(401, unknownEmail.statusCode());
        assertEquals("invalid_credentials", Http.errorCode(wrongPassword));
        assertEquals(wrongPassword.body(), unknownEmail.body());
        assertEquals(wrongPassword.headers().map().keySet(), unknownEmail.headers().map().keySet());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void tokenWhenAlteredUnsignedExpiredOrFromQueryThenRequestIsAGuest(Container container) throws Exception {
        Http http = http(container);
        String email = email();
        String token = http.newUser(email, PASSWORD);
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]));
        String otherPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace("\"name\":\"Test User\"", "\"name\":\"Test Usex\"").getBytes());
        String altered = parts[0] + "." + otherPayload + "." + parts[2];
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"at+jwt\"}".getBytes())
                + "." + parts[1] + ".";
        String subject = JWT.decode(token).getSubject();
        Algorithm key = Algorithm.HMAC256(storedSecret());
        String expired = JWT.create().withHeader(Map.of("typ", "at+jwt")).withSubject(subject).withIssuer("portcullis")
                .withJWTId(UUID.randomUUID().toString()).withIssuedAt(Instant.now().minusSeconds(7200))
                .withNotBefore(Instant.now().minusSeconds(7200)).withExpiresAt(Instant.now().minusSeconds(60)).sign(key);
        String noExpiry = JWT.create().withHeader(Map.of("typ", "at+jwt")).withSubject(subject).withIssuer("portcullis")
                .withJWTId(UUID.randomUUID().toString()).withNotBefore(Instant.now().minusSeconds(10)).sign(key);
        String freshlyForged = JWT.create().withHeader(Map.of("typ", "at+jwt")).withSubject(subject).withIssuer("portcullis")
                .withJWTId(UUID.randomUUID().toString()).withNotBefore(Instant.now().minusSeconds(10))
                .withExpiresAt(Instant.now().plusSeconds(600)).sign(key);

        assertTrue(http.get("/whoami", "Authorization", "Bearer " + freshlyForged).body().startsWith(email),
                "control: a token made with the stored secret must pass, or the cases below prove nothing");
        String unknownSubject = JWT.create().withHeader(Map.of("typ", "at+jwt")).withSubject(UUID.randomUUID().toString())
                .withIssuer("portcullis").withJWTId(UUID.randomUUID().toString())
                .withNotBefore(Instant.now().minusSeconds(10)).withExpiresAt(Instant.now().plusSeconds(600)).sign(key);
        for (String bad : List.of(altered, unsigned, expired, noExpiry, unknownSubject, parts[0] + "." + parts[1])) {
            assertEquals("null|null|null|false|false", http.get("/whoami", "Authorization", "Bearer " + bad).body(), bad);
            assertEquals("null|null|null|false|false", http.get("/whoami", "Cookie", "token=" + bad).body(), bad);
        }
        assertEquals("null|null|null|false|false", http.get("/whoami?token=" + token).body());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signoutWhenSignedInThenTokenIsRevokedAndCookieCleared(Container container) {
        Http http = http(container);
        String email = email();
        String token = http.newUser(email, PASSWORD);
        assertTrue(http.get("/whoami", "Authorization", "Bearer " + token).body().startsWith(email));

        HttpResponse<String> out = http.action("user_account/signout", "{}", "Authorization", "Bearer " + token);

        assertEquals(200, out.statusCode());
        String cookie = out.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.startsWith("token=;") && cookie.contains("Max-Age=0"), cookie);
        for (Container any : Container.values()) {
            assertEquals("null|null|null|false|false",
                    http(any).get("/whoami", "Authorization", "Bearer " + token).body(), "revoked on " + any);
        }
        assertEquals("null|null|null|false|false", http.get("/whoami", "Cookie", "token=" + token).body(),
                "revoked by its jti, whichever way it is presented");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signoutWhenTheTokenIsSpelledDifferentlyThenEverySpellingIsRevoked(Container container) {
        Http http = http(container);
        String email = email();
        String token = http.newUser(email, PASSWORD);
        String respelled = respelled(token);
        assertTrue(!respelled.equals(token) && http.get("/whoami", "Authorization", "Bearer " + respelled).body()
                .startsWith(email), "control: the other spelling of the signature is accepted as the same token");

        assertEquals(200, http.action("user_account/signout", "{}", "Authorization", "Bearer " + respelled).statusCode());

        assertEquals("null|null|null|false|false", http.get("/whoami", "Authorization", "Bearer " + token).body());
        assertEquals("null|null|null|false|false", http.get("/whoami", "Authorization", "Bearer " + respelled).body());
    }

    /**
     * The same token with the signature's last base64url character changed in its two unused low
     * bits: other text, the same 32 bytes, so the same signature and the same jti.
     */
    private static String respelled(String token) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = token.length() - 1;
        return token.substring(0, last) + alphabet.charAt(alphabet.indexOf(token.charAt(last)) ^ 1);
    }

    @Test
    void becomeAdministratorWhenNoAdministratorThenFirstCallerWinsAndSecondIsRefused() {
        Http jetty = http(Container.JETTY);
        Http tomcat = http(Container.TOMCAT);
        String firstEmail = email();
        String first = jetty.newUser(firstEmail, PASSWORD);
        String second = tomcat.newUser(email(), PASSWORD);

        assertEquals(401, jetty.action("world/become_an_administrator", "{}").statusCode(), "a guest may not");
        HttpResponse<String> won = jetty.action("world/become_an_administrator", "{}", "Authorization", "Bearer " + first);
        HttpResponse<String> lost = tomcat.action("world/become_an_administrator", "{}", "Authorization", "Bearer " + second);
        HttpResponse<String> again = tomcat.action("world/become_an_administrator", "{}", "Authorization", "Bearer " + first);

        assertEquals(200, won.statusCode(), won.body());
        assertEquals(403, lost.statusCode());
        assertEquals("administrator_exists", Http.errorCode(lost));
        assertEquals(403, again.statusCode());
        assertTrue(tomcat.get("/whoami", "Authorization", "Bearer " + first).body().endsWith("|true|true"));

        JsonNode all = Http.json(tomcat.get("/api/user_account?page%5Bsize%5D=200", "Authorization", "Bearer " + first).body());
        assertTrue(all.get("data").size() >= 2, "an administrator sees every account");
        JsonNode own = Http.json(tomcat.get("/api/user_account", "Authorization", "Bearer " + second).body());
        assertEquals(1, own.get("data").size(), "a user sees only their own account");
        String secondId = own.get("data").get(0).get("id").asText();
        assertEquals(200, tomcat.get("/api/user_account/" + secondId, "Authorization", "Bearer " + first).statusCode());
        String firstId = JWT.decode(first).getSubject();
        assertEquals(404, tomcat.get("/api/user_account/" + firstId, "Authorization", "Bearer " + second).statusCode());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void userAccountApiWhenReadThenNeverShowsAPasswordAndGuestsGet401(Container container) {
        Http http = http(container);
        String email = email();
        String token = http.newUser(email, PASSWORD);

        HttpResponse<String> mine = http.get("/api/user_account", "Authorization", "Bearer " + token);
        HttpResponse<String> guest = http.get("/api/user_account");

        assertEquals(200, mine.statusCode());
        JsonNode attributes = Http.json(mine.body()).get("data").get(0).get("attributes");
        assertEquals(email, attributes.get("email").asText());
        assertFalse(mine.body().toLowerCase().contains("password"), mine.body());
        assertFalse(mine.body().contains("$2a$"), mine.body());
        assertEquals(401, guest.statusCode());
        assertEquals("Bearer", guest.headers().firstValue("WWW-Authenticate").orElseThrow());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void actionsWhenInputIsBadThenA4xxWithACodeAndNeverA500(Container container) {
        Http http = http(container);
        String longName = "n".repeat(201);
        String deep = "[".repeat(40) + "]".repeat(40);
        Map<String, String[]> cases = Map.ofEntries(
                Map.entry("{", new String[] {"400", "bad_json"}),
                // Jackson guesses UTF-32 from the zero bytes; the last character is cut short (InputFuzzTest found it).
                Map.entry("\u0000\u0000\u0000c\u0001?", new String[] {"400", "bad_json"}),
                Map.entry("[]", new String[] {"400", "bad_request"}),
                Map.entry("{\"attributes\":[]}", new String[] {"400", "bad_request"}),
                Map.entry("{\"attributes\":{\"name\":\"a\",\"name\":\"b\"}}", new String[] {"400", "bad_json"}),
                Map.entry("{\"attributes\":{\"x\":" + deep + "}}", new String[] {"400", "bad_json"}),
                Map.entry("{\"attributes\":{}}", new String[] {"400", "bad_request"}),
                Map.entry("{\"attributes\":{\"name\":42,\"email\":\"a@b.co\",\"password\":\"12345678\",\"passwordConfirm\":\"12345678\"}}",
                        new String[] {"400", "bad_request"}),
                Map.entry("{\"attributes\":{\"name\":\"" + longName + "\",\"email\":\"a@b.co\",\"password\":\"12345678\",\"passwordConfirm\":\"12345678\"}}",
                        new String[] {"400", "too_long"}),
                Map.entry("{\"attributes\":{\"name\":\"A\",\"email\":\"not-an-email\",\"password\":\"12345678\",\"passwordConfirm\":\"12345678\"}}",
                        new String[] {"400", "invalid_email"}),
                Map.entry("{\"attributes\":{\"name\":\"A\",\"email\":\"a@b.co\",\"password\":\"short\",\"passwordConfirm\":\"short\"}}",
                        new String[] {"400", "password_too_short"}),
                Map.entry("{\"attributes\":{\"name\":\"A\",\"email\":\"a@b.co\",\"password\":\"" + "é".repeat(37)
                        + "\",\"passwordConfirm\":\"" + "é".repeat(37) + "\"}}", new String[] {"400", "password_too_long"}));
        cases.forEach((body, expected) -> {
            HttpResponse<String> reply = http.post("/action/user_account/signup", body);
            assertEquals(Integer.parseInt(expected[0]), reply.statusCode(), body + " -> " + reply.body());
            assertEquals(expected[1], Http.errorCode(reply), body);
        });

        HttpResponse<String> huge = http.post("/action/user_account/signup", "{\"attributes\":{\"name\":\"" + "x".repeat(70_000) + "\"}}");
        assertEquals(413, huge.statusCode());
        assertEquals("body_too_large", Http.errorCode(huge));
        assertEquals("close", huge.headers().firstValue("Connection").orElse(""),
                "the unread body ends the connection; the client must be told");
        HttpResponse<String> get = http.get("/action/user_account/signup");
        assertEquals(405, get.statusCode());
        assertEquals("POST", get.headers().firstValue("Allow").orElseThrow());
        assertEquals("unknown_action", Http.errorCode(http.post("/action/user_account/delete_everything", "{}")));
        HttpResponse<String> longPassword = http.signin("a@b.co", "p".repeat(73));
        assertEquals(400, longPassword.statusCode());
        assertEquals("password_too_long", Http.errorCode(longPassword));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void pagesWhenRequestedThenPlainHtmlFormsThatCallTheActions(Container container) {
        Http http = http(container);
        HttpResponse<String> signin = http.get("/auth/signin");
        HttpResponse<String> signup = http.get("/auth/signup");

        assertEquals(200, signin.statusCode());
        assertTrue(signin.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(signin.body().contains("data-action=\"user_account/signin\""));
        assertTrue(signup.body().contains("data-action=\"user_account/signup\""));
        assertEquals(200, http.get("/auth/portcullis.js").statusCode());
        assertEquals("host 404", http.get("/auth/elsewhere").body(), "other /auth paths belong to the host");
    }

    private byte[] storedSecret() throws Exception {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "select setting_value from " + db.prefix() + "setting where name = 'jwt.secret'")) {
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), "the generated secret is stored in the database");
                byte[] secret = rs.getString(1).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                assertNotEquals(0, secret.length);
                return secret;
            }
        }
    }

    private long count(String sql, String parameter) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
