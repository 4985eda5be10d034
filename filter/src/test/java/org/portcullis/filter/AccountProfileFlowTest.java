package org.portcullis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portcullis.filter.testing.ApiCalls.PASSWORD;
import static org.portcullis.filter.testing.ApiCalls.addMember;
import static org.portcullis.filter.testing.ApiCalls.assertApiError;
import static org.portcullis.filter.testing.ApiCalls.bearer;
import static org.portcullis.filter.testing.ApiCalls.createGroup;
import static org.portcullis.filter.testing.ApiCalls.patchAccount;
import static org.portcullis.filter.testing.ApiCalls.quote;
import static org.portcullis.filter.testing.ApiCalls.suffix;
import static org.portcullis.filter.testing.ApiCalls.userId;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
 * CONTRACT §7's fields, profile fields and creation by others, over real HTTP on Jetty and Tomcat:
 * sign-up with {@code first_name}, {@code last_name} and {@code profile} (each way a profile can be
 * wrong), the mass assignment a sign-up must not allow, {@code GET /api/user_account} showing the
 * fields, {@code POST /api/user_account} for administrators and for whom the {@code world} row lets
 * create, refused to guests and other users, never echoing the password, and {@code PATCH}'s profile
 * merge (the user's fields, the administrator's {@code admin} fields, all or nothing).
 */
@Tag("database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountProfileFlowTest {

    private static final String ROUTES = "/notes = note\n/notes/{id} = note\n";
    private static final String PROFILE_FIELDS = """
            # what the host asks of its users
            team = string max=20 pattern=[a-z-]+
            born = date
            site = url
            nick = string required
            tier = integer admin
            """;
    private static final String USERS = "/api/user_account";

    private GuardedServers servers;
    private final Map<Container, String> administrators = new EnumMap<>(Container.class);

    @BeforeAll
    void start() throws Exception {
        servers = GuardedServers.start(ROUTES, LegacyServlets.withNotes(), Map.of("profile.fields", PROFILE_FIELDS));
        for (Container container : Container.values()) {
            Http http = servers.http(container);
            String admin = newUser(http, email());
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

    // ---- sign-up with names and a profile ----------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Container.class)
    void signupWhenNamesAndAValidProfileAreGivenThenGetShowsThem(Container container) {
        Http http = servers.http(container);
        String email = email();

        HttpResponse<String> up = signup(http, email, "\"first_name\":\"  Ada \",\"last_name\":\"Lovelace\","
                + "\"profile\":{\"team\":\"engines\",\"born\":\"1815-12-10\",\"site\":\"https://example.org/ada\","
                + "\"nick\":\"countess\"}");

        assertEquals(200, up.statusCode(), up.body());
        String token = Http.tokenOf(http.signin(email, PASSWORD));
        JsonNode own = attributes(http.get(USERS + "/" + userId(token), bearer(token)));
        assertEquals("Ada", own.path("first_name").asText(), "trimmed");
        assertEquals("Lovelace", own.path("last_name").asText());
        assertEquals(Http.json("{\"team\":\"engines\",\"born\":\"1815-12-10\",\"site\":\"https://example.org/ada\","
                + "\"nick\":\"countess\"}"), own.path("profile"));
        JsonNode listed = Http.json(http.get(USERS, bearer(token)).body()).path("data").path(0).path("attributes");
        assertEquals("countess", listed.path("profile").path("nick").asText(), "the listing shows it too");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signupWhenTheProfileIsWrongInAnyWayThenRefusedNamingTheFieldAndNoAccountIsMade(Container container) {
        Http http = servers.http(container);
        Map<String, String> cases = Map.of(
                "{\"nick\":\"n\",\"shoe_size\":44}", "400 unknown_attribute profile.shoe_size",
                "{\"nick\":\"n\",\"__proto__\":{\"admin\":true}}", "400 unknown_attribute profile.__proto__",
                "{\"nick\":\"n\",\"team\":{\"nested\":1}}", "400 invalid_attribute profile.team",
                "{\"nick\":\"n\",\"team\":\"UPPER CASE\"}", "400 invalid_attribute profile.team",
                "{\"nick\":\"n\",\"team\":\"" + "a".repeat(21) + "\"}", "400 invalid_attribute profile.team",
                "{\"nick\":\"n\",\"born\":\"2020-02-30\"}", "400 invalid_attribute profile.born",
                "{\"nick\":\"n\",\"site\":\"javascript:alert(1)\"}", "400 invalid_attribute profile.site",
                "{\"nick\":\"n\",\"tier\":3}", "403 forbidden profile.tier",
                "{\"team\":\"engines\"}", "400 invalid_attribute profile.nick",
                "[\"nick\"]", "400 bad_request profile");
        for (Map.Entry<String, String> one : cases.entrySet()) {
            String email = email();
            HttpResponse<String> up = signup(http, email, "\"profile\":" + one.getKey());
            String[] expected = one.getValue().split(" ");

            assertEquals(Integer.parseInt(expected[0]), up.statusCode(), one.getKey() + " " + up.body());
            assertEquals(expected[1], Http.errorCode(up), one.getKey() + " " + up.body());
            assertTrue(up.body().contains("'" + expected[2]), one.getKey() + " " + up.body());
            assertEquals(401, http.signin(email, PASSWORD).statusCode(), "no account for " + one.getKey());
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signupWhenAFirstNameIsTooLongThenRefused(Container container) {
        HttpResponse<String> up = signup(servers.http(container), email(), "\"first_name\":\"" + "a".repeat(101) + "\"");

        assertEquals(400, up.statusCode(), up.body());
        assertEquals("too_long", Http.errorCode(up));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signupWhenItSendsStatusFlagsIdsGroupsOrPermissionsThenTheyAreIgnored(Container container) {
        Http http = servers.http(container);
        String email = email();
        String chosenId = "00000000-0000-0000-0000-000000000001";

        HttpResponse<String> up = signup(http, email, "\"status\":\"active\",\"locked\":true,\"api_access\":false,"
                + "\"bo_access\":true,\"id\":\"" + chosenId + "\",\"groups\":[\"administrators\"],"
                + "\"permission\":2097151,\"verified\":true,\"anonymous\":true,\"deleted_at\":\"2020-01-01T00:00:00Z\","
                + "\"administrator\":true,\"usergroup_id\":[\"administrators\"],\"profile\":{\"nick\":\"n\"}");

        assertEquals(200, up.statusCode(), up.body());
        String token = Http.tokenOf(http.signin(email, PASSWORD));
        String id = userId(token);
        assertNotEquals(chosenId, id);
        JsonNode own = attributes(http.get(USERS + "/" + id, bearer(token)));
        assertEquals("active", own.path("status").asText());
        assertFalse(own.path("locked").asBoolean());
        assertTrue(own.path("api_access").asBoolean());
        assertFalse(own.path("bo_access").asBoolean());
        assertTrue(own.path("deleted_at").isMissingNode(), own.toString());
        assertEquals(Set.of("user:" + id, "users"), groupNames(http, token), "its own group and default.groups only");
        assertEquals(List.of(id), ids(http.get(USERS, bearer(token))), "not an administrator: sees itself alone");
        assertEquals(200, http.get("/notes", bearer(token)).statusCode(), "api_access was not switched off");
        assertApiError(403, "forbidden", create(http, token, email(), ""), "and may not create accounts");
    }

    // ---- POST /api/user_account --------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Container.class)
    void createWhenAnAdministratorPostsThen201WithLocationAndTheAccountSignsInInItsGroups(Container container) {
        Http http = servers.http(container);
        String email = email();
        String username = "ada-" + suffix();

        HttpResponse<String> made = create(http, administrators.get(container), email, ",\"username\":\"" + username
                + "\",\"first_name\":\"Ada\",\"last_name\":\"Lovelace\",\"profile\":{\"nick\":\"a\",\"tier\":2}");

        assertEquals(201, made.statusCode(), made.body());
        JsonNode data = Http.json(made.body()).path("data");
        String id = data.path("id").asText();
        assertEquals(USERS + "/" + id, made.headers().firstValue("Location").orElseThrow());
        assertEquals("user_account", data.path("type").asText());
        assertEquals(email, data.path("attributes").path("email").asText());
        assertEquals(username, data.path("attributes").path("username").asText());
        assertEquals("Lovelace", data.path("attributes").path("last_name").asText());
        assertEquals(2, data.path("attributes").path("profile").path("tier").asInt(), "an administrator writes admin fields");
        assertEquals("active", data.path("attributes").path("status").asText());
        assertNoPassword(made);
        String token = Http.tokenOf(http.signin(email, PASSWORD));
        assertEquals(id, userId(token));
        assertEquals(Set.of("user:" + id, "users"), groupNames(http, token));
        assertEquals(id, userId(Http.tokenOf(http.signin(username, PASSWORD))), "and by username");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void createWhenAGuestOrAPlainUserPostsThen401Or403AndNothingIsMade(Container container) {
        Http http = servers.http(container);
        String email = email();

        assertApiError(401, "not_signed_in", http.post(USERS, body(email, "")));
        assertApiError(403, "forbidden", create(http, newUser(http, email()), email, ""));
        assertEquals(401, http.signin(email, PASSWORD).statusCode());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void createWhenTheWorldRowGivesTheCallersGroupCreateThenTheyMayCreateButNotWriteAdminFields(Container container) {
        Http http = servers.http(container);
        String admin = administrators.get(container);
        String creator = newUser(http, email());
        String group = createGroup(http, admin, "creators-" + suffix());
        assertEquals(204, addMember(http, admin, group, userId(creator)).statusCode());
        HttpResponse<String> linked = http.send("PUT", "/api/world/user_account/groups/" + group,
                "{\"data\":{\"type\":\"usergroup\",\"attributes\":{\"permission\":\"group:c\"}}}", bearer(admin));
        assertEquals(200, linked.statusCode(), linked.body());

        assertApiError(403, "forbidden", create(http, creator, email(), ",\"profile\":{\"nick\":\"n\",\"tier\":1}"));
        HttpResponse<String> made = create(http, creator, email(), "");

        assertEquals(201, made.statusCode(), made.body());
        assertNoPassword(made);
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void createWhenTheEmailOrUsernameIsTakenThen409(Container container) {
        Http http = servers.http(container);
        String admin = administrators.get(container);
        String email = email();
        String username = "bob-" + suffix();
        assertEquals(201, create(http, admin, email, ",\"username\":\"" + username + "\"").statusCode());

        assertApiError(409, "email_taken", create(http, admin, email.toUpperCase(java.util.Locale.ROOT), ""));
        assertApiError(409, "username_taken", create(http, admin, email(), ",\"username\":\"" + username + "\""));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void createWhenTheBodyIsBadThen400WithAJsonBodyNamingTheProblem(Container container) {
        Http http = servers.http(container);
        String[] admin = bearer(administrators.get(container));

        assertApiError(400, "bad_json", http.post(USERS, "{\"data\":", admin));
        assertApiError(400, "bad_request", http.post(USERS, "{\"data\":{\"type\":\"usergroup\"}}", admin));
        for (String attribute : List.of("\"status\":\"active\"", "\"locked\":true", "\"api_access\":false",
                "\"bo_access\":true", "\"groups\":[\"administrators\"]", "\"permission\":2097151",
                "\"anonymous\":true", "\"password_hash\":\"x\"", "\"verified\":true")) {
            assertApiError(400, "unknown_attribute", create(http, administrators.get(container), email(),
                    "," + attribute), attribute);
        }
        assertApiError(400, "unknown_attribute", http.post(USERS, "{\"data\":{\"type\":\"user_account\",\"id\":\"x\","
                + "\"attributes\":{\"email\":\"" + email() + "\",\"name\":\"N\",\"password\":\"" + PASSWORD + "\"}}}",
                admin));
        assertApiError(400, "password_too_short", http.post(USERS, "{\"data\":{\"type\":\"user_account\",\"attributes\":"
                + "{\"email\":\"" + email() + "\",\"name\":\"N\",\"password\":\"short\",\"profile\":{\"nick\":\"n\"}}}}",
                admin));
        assertApiError(400, "invalid_attribute", create(http, administrators.get(container), email(),
                ",\"profile\":{\"nick\":\"n\",\"born\":\"yesterday\"}"));
        assertApiError(400, "invalid_email", http.post(USERS, body("not-an-address", ""), admin));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void collectionWhenAskedWithAnotherMethodThen405AllowingPost(Container container) {
        HttpResponse<String> put = servers.http(container).send("PUT", USERS, "{}", bearer(administrators.get(container)));

        assertApiError(405, "method_not_allowed", put);
        assertEquals("GET, HEAD, POST", put.headers().firstValue("Allow").orElseThrow());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void getWhenTheAccountHasNoProfileOrNamesThenEmptyObjectAndNulls(Container container) {
        Http http = servers.http(container);
        // The administrator's account, made in start(), has the required nick and nothing else.
        String token = administrators.get(container);

        JsonNode own = attributes(http.get(USERS + "/" + userId(token), bearer(token)));

        assertTrue(own.path("first_name").isNull(), own.toString());
        assertTrue(own.path("last_name").isNull(), own.toString());
        assertEquals(Http.json("{\"nick\":\"n\"}"), own.path("profile"));
        assertFalse(own.has("password") || own.has("password_hash"), own.toString());
    }

    // ---- PATCH /api/user_account/<id> with a profile ---------------------------------------------------

    @ParameterizedTest
    @EnumSource(Container.class)
    void patchWhenTheUserChangesTheirProfileThenGivenFieldsChangeNullRemovesAndTheRestIsKept(Container container) {
        Http http = servers.http(container);
        String email = email();
        assertEquals(200, signup(http, email, "\"profile\":{\"nick\":\"n\",\"team\":\"engines\",\"born\":\"1815-12-10\"}")
                .statusCode());
        String token = Http.tokenOf(http.signin(email, PASSWORD));
        String id = userId(token);

        HttpResponse<String> patched = patchAccount(http, token, id,
                "{\"profile\":{\"team\":\"looms\",\"born\":null,\"site\":\"https://example.org/\"}}");

        assertEquals(Http.json("{\"team\":\"looms\",\"site\":\"https://example.org/\",\"nick\":\"n\"}"),
                attributes(patched).path("profile"), patched.body());
        assertEquals(Http.json("{\"team\":\"looms\",\"site\":\"https://example.org/\",\"nick\":\"n\"}"),
                attributes(http.get(USERS + "/" + id, bearer(token))).path("profile"), "and it was stored");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void patchWhenTheProfileIsRefusedThenNothingOfTheRequestIsWritten(Container container) {
        Http http = servers.http(container);
        String token = newUser(http, email());
        String id = userId(token);
        Map<String, String> cases = Map.of(
                "{\"name\":\"Changed\",\"profile\":{\"tier\":9}}", "403 forbidden",
                "{\"name\":\"Changed\",\"profile\":{\"team\":\"ok\",\"shoe_size\":44}}", "400 unknown_attribute",
                "{\"name\":\"Changed\",\"profile\":{\"nick\":null}}", "400 invalid_attribute",
                "{\"name\":\"Changed\",\"profile\":{\"born\":\"someday\"}}", "400 invalid_attribute",
                "{\"name\":\"Changed\",\"profile\":null}", "400 bad_request",
                "{\"name\":\"Changed\",\"profile\":{\"team\":\"" + "a".repeat(21) + "\"}}", "400 invalid_attribute");
        for (Map.Entry<String, String> one : cases.entrySet()) {
            String[] expected = one.getValue().split(" ");

            assertApiError(Integer.parseInt(expected[0]), expected[1], patchAccount(http, token, id, one.getKey()),
                    one.getKey());

            JsonNode own = attributes(http.get(USERS + "/" + id, bearer(token)));
            assertEquals("Test User", own.path("name").asText(), "the name was not changed by " + one.getKey());
            assertEquals(Http.json("{\"nick\":\"n\"}"), own.path("profile"), one.getKey());
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void patchWhenAnAdministratorSetsAnAdminFieldThenKeptAndTheUserMaySendItBackButNotChangeIt(Container container) {
        Http http = servers.http(container);
        String token = newUser(http, email());
        String id = userId(token);

        HttpResponse<String> byAdmin = patchAccount(http, administrators.get(container), id, "{\"profile\":{\"tier\":3}}");

        assertEquals(3, attributes(byAdmin).path("profile").path("tier").asInt(), byAdmin.body());
        HttpResponse<String> sentBack = patchAccount(http, token, id, "{\"profile\":{\"tier\":3,\"team\":\"looms\"}}");
        assertEquals("looms", attributes(sentBack).path("profile").path("team").asText(), "its own value: no change");
        assertApiError(403, "forbidden", patchAccount(http, token, id, "{\"profile\":{\"tier\":4}}"));
        assertApiError(403, "forbidden", patchAccount(http, token, id, "{\"profile\":{\"tier\":null}}"));
        assertEquals(3, attributes(http.get(USERS + "/" + id, bearer(token))).path("profile").path("tier").asInt());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void patchWhenTheAccountIsLockedThenTheAdministratorMayNotChangeItsProfileButTheOwnerMay(Container container) {
        Http http = servers.http(container);
        String admin = administrators.get(container);
        String token = newUser(http, email());
        String id = userId(token);
        assertEquals(200, patchAccount(http, admin, id, "{\"locked\":true}").statusCode());

        assertApiError(403, "locked", patchAccount(http, admin, id, "{\"profile\":{\"team\":\"admins\"}}"));
        assertEquals(200, patchAccount(http, token, id, "{\"profile\":{\"team\":\"mine\"}}").statusCode());
        assertEquals("mine", attributes(http.get(USERS + "/" + id, bearer(token))).path("profile").path("team").asText());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void patchWhenAnotherUserWritesMyProfileThenNotFound(Container container) {
        Http http = servers.http(container);
        String victim = newUser(http, email());
        String mallory = newUser(http, email());

        assertApiError(404, "not_found", patchAccount(http, mallory, userId(victim), "{\"profile\":{\"team\":\"owned\"}}"));
        assertEquals(Http.json("{\"nick\":\"n\"}"),
                attributes(http.get(USERS + "/" + userId(victim), bearer(victim))).path("profile"));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static HttpResponse<String> signup(Http http, String email, String extra) {
        return http.action("user_account/signup", "{\"name\":\"Test User\",\"email\":\"" + email + "\",\"password\":\""
                + PASSWORD + "\",\"passwordConfirm\":\"" + PASSWORD + "\"" + (extra.isEmpty() ? "" : "," + extra) + "}");
    }

    /** Signs up (with the required profile field) and in; the token. */
    private static String newUser(Http http, String email) {
        HttpResponse<String> up = signup(http, email, "\"profile\":{\"nick\":\"n\"}");
        assertEquals(200, up.statusCode(), up.body());
        return Http.tokenOf(http.signin(email, PASSWORD));
    }

    /** {@code extra}: further attributes, each starting with a comma; without a profile, the required one. */
    private static String body(String email, String extra) {
        String profile = extra.contains("\"profile\"") ? "" : ",\"profile\":{\"nick\":\"n\"}";
        return "{\"data\":{\"type\":\"user_account\",\"attributes\":{\"email\":" + quote(email) + ",\"name\":\"Made\","
                + "\"password\":" + quote(PASSWORD) + profile + extra + "}}}";
    }

    private static HttpResponse<String> create(Http http, String token, String email, String extra) {
        return http.post(USERS, body(email, extra), bearer(token));
    }

    private static void assertNoPassword(HttpResponse<String> reply) {
        assertFalse(reply.body().contains(PASSWORD), reply.body());
        assertFalse(reply.body().contains("password") || reply.body().contains("$2"), reply.body());
    }

    private static Set<String> groupNames(Http http, String token) {
        HttpResponse<String> groups = http.get("/api/usergroup", bearer(token));
        assertEquals(200, groups.statusCode(), groups.body());
        Set<String> names = new TreeSet<>();
        Http.json(groups.body()).path("data").forEach(g -> names.add(g.path("attributes").path("name").asText()));
        return names;
    }

    private static List<String> ids(HttpResponse<String> reply) {
        assertEquals(200, reply.statusCode(), reply.body());
        List<String> ids = new java.util.ArrayList<>();
        Http.json(reply.body()).path("data").forEach(user -> ids.add(user.path("id").asText()));
        return ids;
    }

    private static JsonNode attributes(HttpResponse<String> reply) {
        assertEquals(200, reply.statusCode(), reply.body());
        return Http.json(reply.body()).path("data").path("attributes");
    }

    private static String email() {
        return "u-" + suffix() + "@example.com";
    }
}
