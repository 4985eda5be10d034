package org.portcullis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portcullis.filter.testing.ApiCalls.PASSWORD;
import static org.portcullis.filter.testing.ApiCalls.assertApiError;
import static org.portcullis.filter.testing.ApiCalls.bearer;
import static org.portcullis.filter.testing.ApiCalls.patchAccount;
import static org.portcullis.filter.testing.ApiCalls.suffix;
import static org.portcullis.filter.testing.ApiCalls.userId;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
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
import org.portcullis.filter.testing.GuardedServers;
import org.portcullis.filter.testing.Http;
import org.portcullis.filter.testing.LegacyServlets;

/**
 * CONTRACT §7's "Changes" over real HTTP on Jetty and Tomcat: what {@code PATCH /api/user_account/<id>}
 * lets the user themself and an administrator change, and every way around it a caller might try —
 * attributes that are not theirs to set (mass assignment), someone else's account, a locked account, a
 * taken or malformed username, a request that is half allowed (nothing of it is written).
 */
@Tag("database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountEditsFlowTest {

    private GuardedServers servers;
    private final Map<Container, String> administrators = new EnumMap<>(Container.class);

    @BeforeAll
    void start() throws Exception {
        servers = GuardedServers.start("/notes = note\n", LegacyServlets.withNotes(), Map.of());
        for (Container container : Container.values()) {
            Http http = servers.http(container);
            String admin = http.newUser(email(), PASSWORD);
            HttpResponse<String> became = http.action("world/become_an_administrator", "{}", bearer(admin));
            assertEquals(200, became.statusCode(), became.body());
            administrators.put(container, admin);
        }
    }

    @AfterAll
    void stop() throws Exception {
        servers.close();
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void patchWhenTheUserChangesTheirOwnDetailsThenTheyAreKeptAndTheUsernameSignsIn(Container container) {
        Http http = servers.http(container);
        String email = email();
        String token = http.newUser(email, PASSWORD);
        String id = userId(token);
        String username = "ada-" + suffix();

        JsonNode changed = attributes(patchAccount(http, token, id, "{\"name\":\"  Ada Lovelace \",\"first_name\":\"Ada\","
                + "\"last_name\":\"Lovelace\",\"username\":\"" + username.toUpperCase() + "\"}"));
        assertEquals("Ada Lovelace", changed.path("name").asText(), "trimmed");
        assertEquals("Ada", changed.path("first_name").asText());
        assertEquals("Lovelace", changed.path("last_name").asText());
        assertEquals(username, changed.path("username").asText(), "stored lower case");
        assertEquals(changed, attributes(http.get("/api/user_account/" + id, bearer(token))), "GET shows the same");
        assertEquals(200, http.signin(username, PASSWORD).statusCode(), "the new username signs in");

        JsonNode cleared = attributes(patchAccount(http, token, id, "{\"last_name\":null,\"username\":null}"));
        assertTrue(cleared.path("last_name").isNull());
        assertTrue(cleared.path("username").isNull());
        assertEquals("Ada", cleared.path("first_name").asText(), "what was not named stays");
        assertEquals(401, http.signin(username, PASSWORD).statusCode(), "a cleared username no longer signs in");
        assertEquals(200, http.signin(email, PASSWORD).statusCode());
    }

    /** Mass assignment: each attribute a user may not set on themself, alone and beside an allowed one. */
    @ParameterizedTest
    @EnumSource(Container.class)
    void patchWhenTheUserSetsALifecycleAttributeThenForbiddenAndNothingChanges(Container container) {
        Http http = servers.http(container);
        String token = http.newUser(email(), PASSWORD);
        String id = userId(token);
        for (String attribute : List.of("\"status\":\"active\"", "\"status\":\"inactive\"", "\"locked\":true",
                "\"locked\":false", "\"api_access\":true", "\"bo_access\":true")) {
            assertApiError(403, "forbidden", patchAccount(http, token, id, "{" + attribute + "}"), attribute);
            assertApiError(403, "forbidden", patchAccount(http, token, id, "{\"name\":\"Changed\"," + attribute + "}"),
                    attribute + " beside a name");
        }
        JsonNode after = attributes(http.get("/api/user_account/" + id, bearer(token)));
        assertEquals("Test User", after.path("name").asText(), "a refused request writes nothing");
        assertEquals("active", after.path("status").asText());
        assertFalse(after.path("locked").asBoolean());
        assertTrue(after.path("api_access").asBoolean());
        assertFalse(after.path("bo_access").asBoolean());
    }

    /** Mass assignment: attributes no PATCH sets, from the user and from an administrator alike. */
    @ParameterizedTest
    @EnumSource(Container.class)
    void patchWhenAnAttributeIsNotAPatchAttributeThenUnknownAttributeAndNothingChanges(Container container) {
        Http http = servers.http(container);
        String token = http.newUser(email(), PASSWORD);
        String id = userId(token);
        for (String attribute : List.of("\"email\":\"other@example.com\"", "\"password\":\"new-password-1\"",
                "\"password_hash\":\"$2a$10$x\"", "\"id\":\"someone\"", "\"groups\":[\"administrators\"]",
                "\"permission\":2097151", "\"verified\":true", "\"anonymous\":false", "\"deleted_at\":null",
                "\"created_at\":\"2020-01-01T00:00:00Z\"", "\"tokens_valid_after\":0", "\"Name\":\"x\"")) {
            for (String caller : List.of(token, administrators.get(container))) {
                assertApiError(400, "unknown_attribute", patchAccount(http, caller, id, "{\"name\":\"Changed\"," + attribute
                        + "}"), attribute);
            }
        }
        JsonNode after = attributes(http.get("/api/user_account/" + id, bearer(token)));
        assertEquals("Test User", after.path("name").asText());
        assertEquals(200, http.signin(after.path("email").asText(), PASSWORD).statusCode(), "password unchanged");
        assertFalse(http.get("/api/usergroup", bearer(token)).body().contains("\"administrators\""),
                "not made an administrator");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void patchWhenAnotherUsersAccountThenNotFoundAndAGuestNotSignedIn(Container container) {
        Http http = servers.http(container);
        String victim = http.newUser(email(), PASSWORD);
        String mallory = http.newUser(email(), PASSWORD);
        assertApiError(404, "not_found", patchAccount(http, mallory, userId(victim), "{\"name\":\"Owned\"}"));
        assertApiError(404, "not_found", patchAccount(http, mallory, userId(victim), "{\"username\":\"owned-" + suffix()
                + "\"}"));
        assertApiError(401, "not_signed_in", http.send("PATCH", "/api/user_account/" + userId(victim),
                body("{\"name\":\"Owned\"}")));
        assertEquals("Test User", attributes(http.get("/api/user_account/" + userId(victim), bearer(victim)))
                .path("name").asText());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void patchWhenTheAccountIsLockedThenOnlyItsOwnerChangesItsDetailsUntilAnAdministratorUnlocksIt(
            Container container) {
        Http http = servers.http(container);
        String admin = administrators.get(container);
        String token = http.newUser(email(), PASSWORD);
        String id = userId(token);
        assertEquals(200, patchAccount(http, admin, id, "{\"name\":\"By admin\"}").statusCode(), "unlocked: admins may");
        assertEquals(200, patchAccount(http, admin, id, "{\"locked\":true}").statusCode());

        assertApiError(403, "locked", patchAccount(http, admin, id, "{\"name\":\"Again\"}"));
        assertApiError(403, "locked", patchAccount(http, admin, id, "{\"first_name\":\"Again\"}"));
        assertEquals("Mine", attributes(patchAccount(http, token, id, "{\"name\":\"Mine\"}")).path("name").asText(),
                "the owner still changes a locked account");

        JsonNode unlocked = attributes(patchAccount(http, admin, id, "{\"locked\":false,\"name\":\"After unlock\"}"));
        assertFalse(unlocked.path("locked").asBoolean());
        assertEquals("After unlock", unlocked.path("name").asText(), "clearing locked and changing in one request");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void patchWhenAValueIsBadThenBadRequestNamingIt(Container container) {
        Http http = servers.http(container);
        String token = http.newUser(email(), PASSWORD);
        String id = userId(token);
        assertApiError(400, "bad_request", patchAccount(http, token, id, "{}"));
        assertApiError(400, "bad_request", patchAccount(http, token, id, "{\"name\":\"   \"}"));
        assertApiError(400, "bad_request", patchAccount(http, token, id, "{\"name\":null}"), "a name cannot be cleared");
        assertApiError(400, "bad_request", patchAccount(http, token, id, "{\"first_name\":42}"));
        assertApiError(400, "bad_request", patchAccount(http, token, id, "{\"last_name\":\"a\\u0000b\"}"));
        assertApiError(400, "too_long", patchAccount(http, token, id, "{\"name\":\"" + "n".repeat(201) + "\"}"));
        assertApiError(400, "too_long", patchAccount(http, token, id, "{\"first_name\":\"" + "f".repeat(101) + "\"}"),
                "the column holds 100");
        assertEquals(100, attributes(patchAccount(http, token, id, "{\"last_name\":\"" + "l".repeat(100) + "\"}"))
                .path("last_name").asText().length());
        assertApiError(400, "bad_request", patchAccount(http, token, id, "{\"locked\":\"yes\"}"));
        assertApiError(400, "bad_status", patchAccount(http, administrators.get(container), id, "{\"status\":7}"));
        for (String username : List.of("ab", "a".repeat(33), "ada@example.com", "-ada", "ada lovelace", "adä")) {
            assertApiError(400, "invalid_username", patchAccount(http, token, id, "{\"username\":\"" + username + "\"}"),
                    username);
        }
        assertApiError(400, "bad_request", http.send("PATCH", "/api/user_account/" + id, "{\"data\":[]}",
                bearer(token)));
        assertApiError(400, "bad_json", http.send("PATCH", "/api/user_account/" + id, "{\"data\":", bearer(token)));
    }

    /** A username and an e-mail never collide, and one username belongs to one account. */
    @ParameterizedTest
    @EnumSource(Container.class)
    void patchWhenTheUsernameIsTakenThenConflictAndTheOwnerKeepsIt(Container container) {
        Http http = servers.http(container);
        String first = http.newUser(email(), PASSWORD);
        String second = http.newUser(email(), PASSWORD);
        String username = "taken-" + suffix();
        assertEquals(200, patchAccount(http, first, userId(first), "{\"username\":\"" + username + "\"}").statusCode());
        assertApiError(409, "username_taken", patchAccount(http, second, userId(second), "{\"username\":\""
                + username.toUpperCase() + "\"}"));
        assertEquals(username, attributes(patchAccount(http, first, userId(first), "{\"username\":\"" + username + "\"}"))
                .path("username").asText(), "setting one's own username again is no conflict");
        assertEquals(userId(first), userId(Http.tokenOf(http.signin(username, PASSWORD))));
    }

    private static String body(String attributes) {
        return "{\"data\":{\"type\":\"user_account\",\"attributes\":" + attributes + "}}";
    }

    private static JsonNode attributes(HttpResponse<String> reply) {
        assertEquals(200, reply.statusCode(), reply.body());
        return Http.json(reply.body()).path("data").path("attributes");
    }

    private static String email() {
        return "e-" + suffix() + "@example.com";
    }
}
