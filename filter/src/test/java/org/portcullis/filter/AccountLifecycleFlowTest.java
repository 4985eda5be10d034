package org.portcullis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portcullis.filter.testing.ApiCalls.PASSWORD;
import static org.portcullis.filter.testing.ApiCalls.assertApiError;
import static org.portcullis.filter.testing.ApiCalls.bearer;
import static org.portcullis.filter.testing.ApiCalls.patchAccount;
import static org.portcullis.filter.testing.ApiCalls.userId;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.portcullis.filter.accounts.DeletedAccountErasure;
import org.portcullis.filter.testing.Container;
import org.portcullis.filter.testing.GuardedServers;
import org.portcullis.filter.testing.Http;
import org.portcullis.filter.testing.LegacyServlets;

/**
 * CONTRACT §7's status lifecycle over real HTTP on Jetty and Tomcat, with {@code signup.approval=true}
 * and a retention of a few seconds: what each status does to sign-in and to tokens, who moves an
 * account between them, {@code locked}, {@code api_access} and {@code bo_access}, deletion by the user
 * and by an administrator, restoring within the retention, and the erasure after it. Each check is tried
 * from the side that would get around it: another user, the user themself, a guest, a cookie.
 */
@Tag("database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountLifecycleFlowTest {

    private static final String ROUTES = """
            /notes      = note
            /notes/{id} = note
            """;
    private static final String GUEST = "null|null|null|false|false";
    private static final long RETENTION_MILLIS = 3000;

    private GuardedServers servers;
    private final Map<Container, String> administrators = new EnumMap<>(Container.class);

    @BeforeAll
    void start() throws Exception {
        servers = GuardedServers.start(ROUTES, LegacyServlets.withNotes(), Map.of("signup.approval", "true",
                "account.deleted.retention", "PT" + RETENTION_MILLIS / 1000 + "S", "account.erasure.interval", "PT1S"));
        for (Container container : Container.values()) {
            Http http = servers.http(container);
            // While nobody administers, nobody could approve: the first account is active.
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

    // ---- signup.approval and the statuses at sign-in -----------------------------------------------

    @ParameterizedTest
    @EnumSource(Container.class)
    void signupWhenApprovalIsOnThenPendingApprovalUntilAnAdministratorSetsActive(Container container) {
        Http http = servers.http(container);
        String email = email();

        HttpResponse<String> up = http.signup("Pat", email, PASSWORD);

        assertEquals(200, up.statusCode(), up.body());
        assertEquals(List.of("client.notify", "client.redirect"), responseTypes(up), "the reply keeps its shape");
        assertTrue(up.body().contains("approve"), up.body());
        assertError(403, "pending_approval", http.signin(email, PASSWORD));
        assertError(401, "invalid_credentials", http.signin(email, "wrong horse battery"));
        String id = idOf(http, email);
        assertEquals("pending_approval", attributes(http.get("/api/user_account/" + id, admin(container)))
                .path("status").asText());

        assertEquals(200, patchAccount(http, administrators.get(container), id, "{\"status\":\"active\"}").statusCode());

        String token = Http.tokenOf(http.signin(email, PASSWORD));
        assertTrue(whoami(http, token).startsWith(email), "approved: signs in");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signinWhenPendingVerificationAndRightPasswordThen403PendingVerification(Container container) {
        Http http = servers.http(container);
        String email = email();
        String token = activeUser(container, email);

        assertEquals(200, patchAccount(http, administrators.get(container), userId(token),
                "{\"status\":\"pending_verification\"}").statusCode());

        assertError(403, "pending_verification", http.signin(email, PASSWORD));
        assertError(401, "invalid_credentials", http.signin(email, "wrong horse battery"));
        assertEquals(GUEST, whoami(http, token));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void tokensWhenTheAccountLeavesActiveForAnyStatusThenRefusedFromTheNextRequestEverywhere(Container container) {
        Http http = servers.http(container);
        for (String status : List.of("inactive", "disabled", "pending_approval", "pending_verification")) {
            String token = activeUser(container, email());
            assertEquals(200, http.get("/notes", bearer(token)).statusCode(), status);

            assertEquals(200, patchAccount(http, administrators.get(container), userId(token),
                    "{\"status\":\"" + status + "\"}").statusCode(), status);

            assertEquals(401, http.get("/notes", bearer(token)).statusCode(), status + ": a guest on a guarded route");
            assertEquals(GUEST, whoami(http, token), status);
            assertEquals(GUEST, http.get("/whoami", "Cookie", "token=" + token).body(), status + " by cookie");
            assertApiError(401, "not_signed_in", http.get("/api/user_account/" + userId(token), bearer(token)), status);
        }
    }

    // ---- who moves an account ------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Container.class)
    void statusWhenSetToDeletedThroughPatchThen400AndOnlyTheDeletionPathsSetIt(Container container) {
        Http http = servers.http(container);
        String token = activeUser(container, email());

        assertApiError(400, "bad_status", patchAccount(http, administrators.get(container), userId(token),
                "{\"status\":\"deleted\"}"));
        assertApiError(400, "bad_request", patchAccount(http, administrators.get(container), userId(token),
                "{\"locked\":\"yes\"}"));
        assertTrue(whoami(http, token).startsWith("u-"), "nothing changed");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void lifecycleAttributesWhenAUserOrAGuestSetsThemThenRefusedAndNothingChanges(Container container) {
        Http http = servers.http(container);
        String mallory = activeUser(container, email());
        String victim = activeUser(container, email());
        for (String attributes : List.of("{\"status\":\"active\"}", "{\"locked\":true}", "{\"locked\":false}",
                "{\"api_access\":false}", "{\"bo_access\":true}")) {
            assertApiError(403, "forbidden", patchAccount(http, mallory, userId(mallory), attributes), "own " + attributes);
            assertApiError(404, "not_found", patchAccount(http, mallory, userId(victim), attributes), "other " + attributes);
            assertApiError(401, "not_signed_in", http.send("PATCH", "/api/user_account/" + userId(victim),
                    "{\"data\":{\"type\":\"user_account\",\"attributes\":" + attributes + "}}"), "guest " + attributes);
        }
        JsonNode own = attributes(http.get("/api/user_account/" + userId(mallory), bearer(mallory)));
        assertEquals("active", own.path("status").asText());
        assertFalse(own.path("locked").asBoolean());
        assertTrue(own.path("api_access").asBoolean());
        assertFalse(own.path("bo_access").asBoolean());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void lockedWhenSetThenNobodyButTheAccountItselfChangesItUntilAnAdministratorClearsIt(Container container) {
        Http http = servers.http(container);
        String admin = administrators.get(container);
        String token = activeUser(container, email());
        String id = userId(token);

        HttpResponse<String> locked = patchAccount(http, admin, id, "{\"locked\":true}");

        assertEquals(200, locked.statusCode(), locked.body());
        assertTrue(Http.json(locked.body()).path("data").path("attributes").path("locked").asBoolean());
        assertApiError(403, "locked", patchAccount(http, admin, id, "{\"status\":\"inactive\"}"));
        assertApiError(403, "locked", patchAccount(http, admin, id, "{\"api_access\":false}"));
        assertApiError(403, "locked", http.send("DELETE", "/api/user_account/" + id, null, bearer(admin)));
        assertApiError(403, "forbidden", patchAccount(http, token, id, "{\"locked\":false}"), "only an administrator clears it");
        assertTrue(whoami(http, token).startsWith("u-"), "still active and signed in");

        assertEquals(200, patchAccount(http, admin, id, "{\"locked\":false}").statusCode());
        assertEquals(200, patchAccount(http, admin, id, "{\"status\":\"inactive\"}").statusCode(), "cleared first, then disabled");
        assertEquals(GUEST, whoami(http, token));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void deleteAccountWhenTheAccountIsLockedThenItMayStillDeleteItself(Container container) {
        Http http = servers.http(container);
        String token = activeUser(container, email());
        assertEquals(200, patchAccount(http, administrators.get(container), userId(token), "{\"locked\":true}").statusCode());

        HttpResponse<String> deleted = deleteAccount(http, token, PASSWORD);

        assertEquals(200, deleted.statusCode(), deleted.body());
        assertEquals(GUEST, whoami(http, token));
    }

    // ---- api_access and bo_access -------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Container.class)
    void apiAccessWhenFalseThenAGuestOnTheHostsRoutesButKnownToPortcullisUntilSetBack(Container container) {
        Http http = servers.http(container);
        String admin = administrators.get(container);
        String email = email();
        String token = activeUser(container, email);
        String id = userId(token);
        assertEquals(200, http.get("/notes", bearer(token)).statusCode());

        HttpResponse<String> off = patchAccount(http, admin, id, "{\"api_access\":false}");

        assertEquals(200, off.statusCode(), off.body());
        assertFalse(Http.json(off.body()).path("data").path("attributes").path("api_access").asBoolean(true));
        assertEquals(401, http.get("/notes", bearer(token)).statusCode(), "a guest on a guarded route");
        assertEquals(401, http.get("/notes", "Cookie", "token=" + token).statusCode(), "by cookie too");
        assertEquals(302, http.get("/notes", "Cookie", "token=" + token, "Accept", "text/html").statusCode(),
                "a guest's browser is sent to sign in");
        assertEquals(401, http.post("/notes", "x", bearer(token)).statusCode(), "no create either");
        assertEquals(GUEST, whoami(http, token), "getRemoteUser() and getUserPrincipal() are null on the host");
        assertEquals(200, http.get("/api/user_account/" + id, bearer(token)).statusCode(), "Portcullis still knows them");
        assertEquals(200, http.signin(email, PASSWORD).statusCode(), "and they still sign in");

        assertEquals(200, patchAccount(http, admin, id, "{\"api_access\":true}").statusCode());
        assertEquals(200, http.get("/notes", bearer(token)).statusCode(), "from the next request on");
        assertTrue(whoami(http, token).startsWith(email));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void boAccessWhenAnAdministratorSetsItThenStoredAndReturned(Container container) {
        Http http = servers.http(container);
        String token = activeUser(container, email());
        String id = userId(token);
        assertFalse(attributes(http.get("/api/user_account/" + id, bearer(token))).path("bo_access").asBoolean(true));

        HttpResponse<String> on = patchAccount(http, administrators.get(container), id, "{\"bo_access\":true}");

        assertEquals(200, on.statusCode(), on.body());
        assertTrue(attributes(http.get("/api/user_account/" + id, bearer(token))).path("bo_access").asBoolean());
        assertTrue(whoami(http, token).startsWith("u-"), "the user is untouched otherwise");
    }

    // ---- deletion -----------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Container.class)
    void deleteAccountWhenThePasswordIsRightThenDeletedEveryTokenEndsAndItIsHiddenFromListings(Container container) {
        Http http = servers.http(container);
        String email = email();
        String laptop = activeUser(container, email);
        String phone = Http.tokenOf(http.signin(email, PASSWORD));
        String id = userId(laptop);

        assertError(401, "invalid_credentials", deleteAccount(http, laptop, "wrong horse battery"));
        assertError(401, "not_signed_in", http.action("user_account/delete_account", "{\"password\":\"" + PASSWORD + "\"}"));
        assertTrue(whoami(http, laptop).startsWith(email), "nothing happened yet");

        HttpResponse<String> deleted = deleteAccount(http, laptop, PASSWORD);

        assertEquals(200, deleted.statusCode(), deleted.body());
        assertTrue(deleted.headers().firstValue("Set-Cookie").orElseThrow().contains("Max-Age=0"));
        assertEquals(GUEST, whoami(http, laptop));
        assertEquals(GUEST, whoami(http, phone), "every token ends");
        assertError(401, "invalid_credentials", http.signin(email, PASSWORD));
        JsonNode seen = attributes(http.get("/api/user_account/" + id, admin(container)));
        assertEquals("deleted", seen.path("status").asText());
        assertFalse(seen.path("deleted_at").asText().isEmpty());
        assertFalse(listedIds(http.get("/api/user_account?page%5Bsize%5D=200", admin(container))).contains(id),
                "hidden unless asked");
        assertTrue(listedIds(http.get("/api/user_account?filter%5Bstatus%5D=deleted&page%5Bsize%5D=200", admin(container)))
                .contains(id));
        assertTrue(listedIds(http.get("/api/user_account?include_deleted=true&page%5Bsize%5D=200", admin(container)))
                .contains(id));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void deletedAccountWhenANonAdministratorAsksThenNotFoundAndNeverListed(Container container) {
        Http http = servers.http(container);
        String gone = activeUser(container, email());
        assertEquals(200, deleteAccount(http, gone, PASSWORD).statusCode());
        String mallory = activeUser(container, email());

        assertApiError(404, "not_found", http.get("/api/user_account/" + userId(gone), bearer(mallory)));
        assertEquals(List.of(), listedIds(http.get("/api/user_account?filter%5Bstatus%5D=deleted", bearer(mallory))));
        assertEquals(List.of(userId(mallory)), listedIds(http.get("/api/user_account?include_deleted=true",
                bearer(mallory))));
        assertApiError(400, "bad_request", http.get("/api/user_account?include_deleted=maybe", admin(container)));
        assertApiError(400, "bad_status", http.get("/api/user_account?filter%5Bstatus%5D=banned", admin(container)));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void deleteWhenAnAdministratorDeletesThen204AndRestoringWithinTheRetentionBringsItBackWithoutOldTokens(
            Container container) throws Exception {
        Http http = servers.http(container);
        String admin = administrators.get(container);
        String email = email();
        String token = activeUser(container, email);
        String id = userId(token);

        HttpResponse<String> deleted = http.send("DELETE", "/api/user_account/" + id, null, bearer(admin));

        assertEquals(204, deleted.statusCode(), deleted.body());
        assertEquals(GUEST, whoami(http, token));
        assertApiError(404, "not_found", http.send("DELETE", "/api/user_account/" + id, null, bearer(admin)),
                "deleted already");
        HttpResponse<String> restored = patchAccount(http, admin, id, "{\"status\":\"active\"}");
        assertEquals(200, restored.statusCode(), restored.body());
        JsonNode back = Http.json(restored.body()).path("data").path("attributes");
        assertEquals("active", back.path("status").asText());
        assertTrue(back.path("deleted_at").isMissingNode());
        assertEquals(email, back.path("email").asText(), "nothing was erased");
        assertEquals(GUEST, whoami(http, token), "restoring brings no old token back");
        nextSecond();
        assertTrue(whoami(http, Http.tokenOf(http.signin(email, PASSWORD))).startsWith(email));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void deleteWhenAGuestAUserOrTheAdministratorThemselfThenRefused(Container container) {
        Http http = servers.http(container);
        String admin = administrators.get(container);
        String mallory = activeUser(container, email());
        String victim = activeUser(container, email());

        assertApiError(401, "not_signed_in", http.send("DELETE", "/api/user_account/" + userId(victim), null));
        assertApiError(404, "not_found", http.send("DELETE", "/api/user_account/" + userId(victim), null, bearer(mallory)));
        assertApiError(403, "forbidden", http.send("DELETE", "/api/user_account/" + userId(mallory), null,
                bearer(mallory)), "a user deletes their own account with delete_account");
        assertApiError(409, "own_account", http.send("DELETE", "/api/user_account/" + userId(admin), null, bearer(admin)));
        assertError(409, "last_administrator", deleteAccount(http, admin, PASSWORD),
                "the only administrator cannot leave the group with a member who can never sign in");
        assertApiError(404, "not_found", http.send("DELETE", "/api/user_account/" + UUID.randomUUID(), null,
                bearer(admin)));
        assertApiError(405, "method_not_allowed", http.send("DELETE", "/api/user_account", null, bearer(admin)));

        assertTrue(whoami(http, victim).startsWith("u-"));
        assertTrue(whoami(http, mallory).startsWith("u-"));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void erasureWhenTheRetentionIsOverThenPersonalDataGoesTheIdStaysAndRestoreIsRefused(Container container)
            throws Exception {
        Http http = servers.http(container);
        String admin = administrators.get(container);
        String email = email();
        String id = userId(activeUser(container, email));
        assertEquals(204, http.send("DELETE", "/api/user_account/" + id, null, bearer(admin)).statusCode());

        JsonNode erased = waitForErasure(http, container, id);

        assertEquals(DeletedAccountErasure.erasedEmail(id), erased.path("email").asText());
        assertEquals("", erased.path("name").asText());
        assertEquals("deleted", erased.path("status").asText());
        assertApiError(409, "retention_over", patchAccount(http, admin, id, "{\"status\":\"active\"}"));
        assertEquals(200, http.signup("Again", email, PASSWORD).statusCode(), "the address is free again");
    }

    // ---- helpers ------------------------------------------------------------------------------------

    /** Signs up (pending approval), is approved by the administrator, signs in: the token. */
    private String activeUser(Container container, String email) {
        Http http = servers.http(container);
        assertEquals(200, http.signup("Test User", email, PASSWORD).statusCode());
        assertEquals(200, patchAccount(http, administrators.get(container), idOf(http, email), "{\"status\":\"active\"}")
                .statusCode());
        return Http.tokenOf(http.signin(email, PASSWORD));
    }

    private String idOf(Http http, String email) {
        for (Container container : Container.values()) {
            if (servers.http(container).base().equals(http.base())) {
                for (JsonNode user : Http.json(http.get("/api/user_account?page%5Bsize%5D=200&include_deleted=true",
                        admin(container)).body()).path("data")) {
                    if (email.equals(user.path("attributes").path("email").asText())) {
                        return user.path("id").asText();
                    }
                }
            }
        }
        throw new AssertionError("no account " + email);
    }

    private JsonNode waitForErasure(Http http, Container container, String id) throws InterruptedException {
        long until = System.currentTimeMillis() + RETENTION_MILLIS + 20_000;
        while (true) {
            JsonNode seen = attributes(http.get("/api/user_account/" + id, admin(container)));
            if (!seen.path("email").asText().contains("@example.com") || System.currentTimeMillis() > until) {
                return seen;
            }
            Thread.sleep(250);
        }
    }

    private String[] admin(Container container) {
        return bearer(administrators.get(container));
    }

    private static HttpResponse<String> deleteAccount(Http http, String token, String password) {
        return http.action("user_account/delete_account", "{\"password\":\"" + password + "\"}", bearer(token));
    }

    private static JsonNode attributes(HttpResponse<String> reply) {
        assertEquals(200, reply.statusCode(), reply.body());
        return Http.json(reply.body()).path("data").path("attributes");
    }

    private static List<String> listedIds(HttpResponse<String> reply) {
        assertEquals(200, reply.statusCode(), reply.body());
        List<String> ids = new ArrayList<>();
        Http.json(reply.body()).path("data").forEach(user -> ids.add(user.path("id").asText()));
        return ids;
    }

    private static List<String> responseTypes(HttpResponse<String> reply) {
        List<String> types = new ArrayList<>();
        Http.json(reply.body()).forEach(item -> types.add(item.path("ResponseType").asText()));
        return types;
    }

    private static String whoami(Http http, String token) {
        return http.get("/whoami", bearer(token)).body();
    }

    /** Tokens carry whole seconds: one issued in the second of a change that ends tokens is refused too. */
    private static void nextSecond() throws InterruptedException {
        long now = Instant.now().toEpochMilli();
        Thread.sleep(1000 - now % 1000 + 50);
    }

    private static String email() {
        return "u-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private static void assertError(int status, String code, HttpResponse<String> reply) {
        assertError(status, code, reply, "");
    }

    private static void assertError(int status, String code, HttpResponse<String> reply, String why) {
        assertEquals(status, reply.statusCode(), why + " " + reply.body());
        assertEquals(code, Http.errorCode(reply), why + " " + reply.body());
    }
}
