package org.portcullis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portcullis.filter.testing.ApiCalls.PASSWORD;
import static org.portcullis.filter.testing.ApiCalls.assertApiError;
import static org.portcullis.filter.testing.ApiCalls.assertRefused;
import static org.portcullis.filter.testing.ApiCalls.bearer;
import static org.portcullis.filter.testing.ApiCalls.quote;
import static org.portcullis.filter.testing.ApiCalls.stored;
import static org.portcullis.filter.testing.ApiCalls.suffix;
import static org.portcullis.filter.testing.ApiCalls.userId;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.portcullis.filter.testing.ApiCalls;
import org.portcullis.filter.testing.Container;
import org.portcullis.filter.testing.GuardedServers;
import org.portcullis.filter.testing.Http;
import org.portcullis.filter.testing.LegacyServlets;
import org.portcullis.filter.testing.LogCapture;
import org.portcullis.filter.testing.SmtpServer;

/**
 * CONTRACT §8's anonymous users over real HTTP on Jetty and Tomcat, with real mail (GreenMail) and
 * {@code signup.verification=code}: {@code signin_anonymous} makes an {@code ANON_<uuid>} user with a
 * server-issued secret shown once; handle and secret sign it in again, a handle alone never does (P14);
 * {@code upgrade_anonymous} keeps the id, what it owns and its groups, joins {@code default.groups} and mails a
 * code for the new address; a taken e-mail is 409 without a merge, and 20 racing upgrades to one e-mail make one
 * winner (P15); idle anonymous users are deleted by the clean-up job; no secret, token or password in the log
 * (P18). Invitations are off here: their endpoints answer 403 {@code invitations_disabled}.
 */
@Tag("database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnonymousFlowTest {

    private SmtpServer smtp;
    private GuardedServers servers;

    @BeforeAll
    void start() throws Exception {
        smtp = SmtpServer.started();
        Map<String, String> parameters = new HashMap<>(smtp.parameters());
        parameters.put("mail.outbox.interval", "PT0.2S");
        parameters.put("signup.verification", "code");
        parameters.put("anonymous.enabled", "true");
        parameters.put("anonymous.per.address", "1000");
        parameters.put("anonymous.idle", "PT10M");
        parameters.put("account.erasure.interval", "PT1S");
        servers = GuardedServers.start("", LegacyServlets.standard(), parameters);
    }

    @AfterAll
    void stop() throws Exception {
        servers.close();
        smtp.close();
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signinAnonymousWhenNoAttributesThenANewAnonymousUserWithHandleSecretAndToken(Container container)
            throws Exception {
        Http http = servers.http(container);

        HttpResponse<String> made = anonymous(http);

        assertEquals(200, made.statusCode(), made.body());
        String handle = stored(made, "anonymous_handle");
        String secret = stored(made, "anonymous_secret");
        String token = stored(made, "token");
        assertTrue(handle.matches("ANON_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), handle);
        assertTrue(secret.matches("[A-Za-z0-9_-]{43}"), "256 bits in base64url: " + secret);
        assertTrue(made.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("token=")
                && c.contains("HttpOnly")), made.headers().toString());
        JsonNode account = Http.json(http.get("/api/user_account/" + userId(token), bearer(token)).body())
                .path("data").path("attributes");
        assertTrue(account.path("anonymous").asBoolean(), account.toString());
        assertEquals(handle, account.path("name").asText());
        assertTrue(account.path("email").isNull(), "the reserved address is shown to nobody: " + account);
        assertEquals("active", account.path("status").asText());
        assertTrue(groupsOf(container, userId(token)).contains("anonymous"), "anonymous.groups");
        assertFalse(groupsOf(container, userId(token)).contains("users"), "not default.groups before the upgrade");
        assertStoredNowhereInClear(container, secret);
        assertNotEquals(handle, stored(anonymous(http), "anonymous_handle"), "each call a new user");
        String refresh = stored(made, "refresh_token");
        HttpResponse<String> renewed = http.action("user_account/refresh", "{\"refresh_token\":" + quote(refresh) + "}");
        assertEquals(200, renewed.statusCode(), "an anonymous user's session renews as any other: " + renewed.body());
        assertEquals(userId(token), userId(stored(renewed, "token")));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signinAnonymousWhenHandleAndSecretThenTheSameUserAndAHandleAloneNever(Container container) {
        Http http = servers.http(container);
        HttpResponse<String> made = anonymous(http);
        String handle = stored(made, "anonymous_handle");
        String secret = stored(made, "anonymous_secret");

        HttpResponse<String> again = again(http, handle, secret);

        assertEquals(200, again.statusCode(), again.body());
        assertEquals(userId(stored(made, "token")), userId(stored(again, "token")));
        assertNull(stored(again, "anonymous_secret"), "the secret is shown once");
        assertEquals(200, again(http, handle.toLowerCase(), secret).statusCode(), "handles are not case-sensitive");
        HttpResponse<String> wrong = again(http, handle, secret.substring(1) + "A");
        HttpResponse<String> unknown = again(http, "ANON_" + java.util.UUID.randomUUID(), secret);
        assertRefused(401, "invalid_credentials", wrong, "a wrong secret");
        assertRefused(401, "invalid_credentials", unknown, "an unknown handle");
        assertEquals(wrong.body(), unknown.body(), "one reply for both");
        assertRefused(401, "invalid_credentials", http.action("user_account/signin_anonymous",
                "{\"handle\":" + quote(handle) + "}"), "a handle alone is no credential");
        assertRefused(401, "invalid_credentials", http.action("user_account/signin_anonymous",
                "{\"secret\":" + quote(secret) + "}"), "nor a secret alone");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signinAnonymousWhenTheHandleIsAFullUsersThenInvalidCredentials(Container container) throws Exception {
        Http http = servers.http(container);
        String email = email();
        String full = activeUser(http, email);
        String id = userId(full);
        String secret = stored(anonymous(http), "anonymous_secret");

        for (String handle : List.of("ANON_" + id, id, email, "ANON_", "ANON_%", "anon_*")) {
            assertRefused(401, "invalid_credentials", again(http, handle, secret), handle);
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void upgradeWhenAnonymousThenSameIdGroupsAndOwnershipAndTheEmailVerifiedByTheMailedCode(Container container)
            throws Exception {
        Http http = servers.http(container);
        HttpResponse<String> made = anonymous(http);
        String token = stored(made, "token");
        String id = userId(token);
        String group = ApiCalls.createGroup(http, token, "anon-made-" + suffix());
        String email = email();

        HttpResponse<String> upgraded = upgrade(http, token, email);

        assertEquals(200, upgraded.statusCode(), upgraded.body());
        assertEquals(200, http.get("/api/usergroup/" + group, bearer(token)).statusCode(), "the token goes on working");
        String signedIn = Http.tokenOf(http.signin(email, PASSWORD));
        assertEquals(id, userId(signedIn), "the same id");
        assertEquals(200, http.get("/api/usergroup/" + group, bearer(signedIn)).statusCode(), "what it made is still its");
        List<String> groups = groupsOf(container, id);
        assertTrue(groups.contains("anonymous") && groups.contains("users"), groups.toString());
        JsonNode account = Http.json(http.get("/api/user_account/" + id, bearer(signedIn)).body()).path("data")
                .path("attributes");
        assertFalse(account.path("anonymous").asBoolean(), account.toString());
        assertEquals(email, account.path("email").asText());
        assertFalse(primaryVerified(http, signedIn), "not verified before its code");
        assertRefused(401, "invalid_credentials", again(http, stored(made, "anonymous_handle"),
                stored(made, "anonymous_secret")), "the handle and secret died with the upgrade");

        HttpResponse<String> verified = http.action("user_account/verify_email", "{\"email\":" + quote(email)
                + ",\"code\":" + quote(smtp.lastCode(email)) + "}", bearer(signedIn));

        assertEquals(200, verified.statusCode(), verified.body());
        assertTrue(primaryVerified(http, signedIn));
        assertRefused(409, "not_anonymous", upgrade(http, signedIn, email()), "a full user cannot upgrade again");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void upgradeWhenTheEmailIsTakenThen409AndNothingIsMerged(Container container) throws Exception {
        Http http = servers.http(container);
        String owner = email();
        activeUser(http, owner);
        HttpResponse<String> made = anonymous(http);
        String token = stored(made, "token");

        assertRefused(409, "email_taken", upgrade(http, token, owner), "never a merge");
        assertRefused(409, "email_taken", upgrade(http, token, owner.toUpperCase()), "in any spelling");

        JsonNode account = Http.json(http.get("/api/user_account/" + userId(token), bearer(token)).body()).path("data")
                .path("attributes");
        assertTrue(account.path("anonymous").asBoolean(), "still anonymous: " + account);
        assertEquals(200, again(http, stored(made, "anonymous_handle"), stored(made, "anonymous_secret")).statusCode());
        assertEquals(200, http.signin(owner, PASSWORD).statusCode(), "the owner's account is untouched");
        assertNotEquals(userId(token), userId(Http.tokenOf(http.signin(owner, PASSWORD))));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void upgradeWhenTwentyAnonymousUsersRaceToOneEmailThenOneWinsAndTheOthersGet409(Container container)
            throws Exception {
        Http http = servers.http(container);
        String email = email();
        int threads = 20;
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            tokens.add(stored(anonymous(http), "token"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<HttpResponse<String>>> replies = new ArrayList<>();
            for (String token : tokens) {
                replies.add(pool.submit(() -> {
                    go.await();
                    return upgrade(http, token, email);
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<HttpResponse<String>> reply : replies) {
                HttpResponse<String> done = reply.get();
                statuses.add(done.statusCode());
                assertTrue(done.statusCode() == 200 || done.statusCode() == 503
                        || "email_taken".equals(Http.errorCode(done)), done.body());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            assertEquals(1, accountsWithEmail(container, email));
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void upgradeWhenTheInputIsBadOrTheCallerNoAnonymousThenAClearRefusal(Container container) throws Exception {
        Http http = servers.http(container);
        String token = stored(anonymous(http), "token");

        assertRefused(401, "not_signed_in", upgrade(http, null, email()), "a guest");
        assertRefused(409, "not_anonymous", upgrade(http, activeUser(http, email()), email()), "a full user");
        assertRefused(400, "invalid_email", upgrade(http, token, "nobody"), "");
        assertRefused(400, "invalid_email", upgrade(http, token, "anon-x@anonymous.invalid"), "");
        HttpResponse<String> mismatch = http.action("user_account/upgrade_anonymous", "{\"email\":" + quote(email())
                + ",\"password\":" + quote(PASSWORD) + ",\"passwordConfirm\":\"something else\"}", bearer(token));
        assertEquals(400, mismatch.statusCode(), mismatch.body());
        HttpResponse<String> weak = http.action("user_account/upgrade_anonymous", "{\"email\":" + quote(email())
                + ",\"password\":\"short\",\"passwordConfirm\":\"short\"}", bearer(token));
        assertEquals(400, weak.statusCode(), weak.body());
        assertTrue(Http.json(http.get("/api/user_account/" + userId(token), bearer(token)).body()).path("data")
                .path("attributes").path("anonymous").asBoolean(), "nothing was changed");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void cleanupWhenAnAnonymousUserIsIdleLongerThanAnonymousIdleThenDeletedAndItsTokenAndSecretDie(Container container)
            throws Exception {
        Http http = servers.http(container);
        HttpResponse<String> idle = anonymous(http);
        HttpResponse<String> fresh = anonymous(http);
        String idleId = userId(stored(idle, "token"));
        age(container, idleId);

        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"DELETED".equals(status(container, idleId)) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }

        assertEquals("DELETED", status(container, idleId), "the job deleted it");
        assertEquals(401, http.get("/api/user_account/" + idleId, bearer(stored(idle, "token"))).statusCode());
        assertRefused(401, "invalid_credentials", again(http, stored(idle, "anonymous_handle"),
                stored(idle, "anonymous_secret")), "its secret died");
        assertEquals("ACTIVE", status(container, userId(stored(fresh, "token"))), "one signed in lately stays");
        assertEquals(200, again(http, stored(fresh, "anonymous_handle"), stored(fresh, "anonymous_secret")).statusCode());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void anonymousWhenTheFlowRunsThenNoSecretTokenOrPasswordReachesTheLog(Container container) throws Exception {
        Http http = servers.http(container);
        try (LogCapture log = LogCapture.under("org.portcullis")) {
            HttpResponse<String> made = anonymous(http);
            String secret = stored(made, "anonymous_secret");
            String token = stored(made, "token");
            String wrong = (secret.charAt(0) == 'x' ? "y" : "x") + secret.substring(1);
            assertEquals(401, again(http, stored(made, "anonymous_handle"), wrong).statusCode());
            String again = stored(again(http, stored(made, "anonymous_handle"), secret), "token");
            String email = email();
            assertEquals(200, upgrade(http, token, email).statusCode());
            String code = smtp.lastCode(email);
            for (String line : log.messages()) {
                assertFalse(line != null && (line.contains(secret) || line.contains(token) || line.contains(again)
                        || line.contains(PASSWORD) || line.contains(code)), "in the log: " + line);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void inviteWhenInvitationsAreOffThen403InvitationsDisabled(Container container) throws Exception {
        Http http = servers.http(container);
        String token = activeUser(http, email());

        assertRefused(403, "invitations_disabled", http.action("user_account/invite", "{\"email\":" + quote(email())
                + "}", bearer(token)), "");
        assertApiError(403, "invitations_disabled", http.get("/api/invitation", bearer(token)));
        assertRefused(403, "invitations_disabled", http.action("user_account/signup", "{\"name\":\"N\",\"email\":"
                + quote(email()) + ",\"password\":" + quote(PASSWORD) + ",\"passwordConfirm\":" + quote(PASSWORD)
                + ",\"invitation_code\":\"123456\"}"), "");
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static void assertNull(Object value, String why) {
        assertEquals(null, value, why);
    }

    private static String email() {
        return "a-" + suffix() + "@example.com";
    }

    private static HttpResponse<String> anonymous(Http http) {
        return http.action("user_account/signin_anonymous", "{}");
    }

    private static HttpResponse<String> again(Http http, String handle, String secret) {
        return http.action("user_account/signin_anonymous", "{\"handle\":" + quote(handle) + ",\"secret\":"
                + quote(secret) + "}");
    }

    private static HttpResponse<String> upgrade(Http http, String token, String email) {
        String body = "{\"email\":" + quote(email) + ",\"password\":" + quote(PASSWORD) + ",\"passwordConfirm\":"
                + quote(PASSWORD) + "}";
        return token == null ? http.action("user_account/upgrade_anonymous", body)
                : http.action("user_account/upgrade_anonymous", body, bearer(token));
    }

    private String activeUser(Http http, String email) throws InterruptedException {
        return ApiCalls.verifiedUser(http, smtp, email, PASSWORD);
    }

    private static boolean primaryVerified(Http http, String token) {
        for (JsonNode row : Http.json(http.get("/api/user_account/" + userId(token) + "/identities", bearer(token))
                .body()).path("data")) {
            if (row.path("attributes").path("primary").asBoolean()) {
                return row.path("attributes").path("verified").asBoolean();
            }
        }
        throw new AssertionError("no primary identity");
    }

    private List<String> groupsOf(Container container, String userId) throws Exception {
        var db = servers.database(container);
        List<String> names = new ArrayList<>();
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("select g.name from " + db.prefix()
                + "usergroup g join " + db.prefix() + "group_membership m on m.group_id = g.id where m.user_id = ?")) {
            s.setString(1, userId);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }

    private void assertStoredNowhereInClear(Container container, String secret) throws Exception {
        var db = servers.database(container);
        try (Connection c = db.connect(); var rows = c.createStatement().executeQuery("select * from " + db.prefix()
                + "user_account")) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int i = 1; i <= columns; i++) {
                    String value = rows.getString(i);
                    assertFalse(value != null && value.contains(secret), "the secret is stored in clear");
                }
            }
        }
    }

    private void age(Container container, String userId) throws Exception {
        var db = servers.database(container);
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("update " + db.prefix()
                + "user_account set last_signin_at = last_signin_at - 1200000 where id = ?")) {
            s.setString(1, userId);
            assertEquals(1, s.executeUpdate());
        }
    }

    private String status(Container container, String userId) throws Exception {
        var db = servers.database(container);
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("select status from " + db.prefix()
                + "user_account where id = ?")) {
            s.setString(1, userId);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private int accountsWithEmail(Container container, String email) throws Exception {
        return ApiCalls.accountsWithEmail(servers.database(container), email);
    }
}
