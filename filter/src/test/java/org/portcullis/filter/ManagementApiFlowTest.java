package org.portcullis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portcullis.filter.testing.ApiCalls.addMember;
import static org.portcullis.filter.testing.ApiCalls.assertApiError;
import static org.portcullis.filter.testing.ApiCalls.bearer;
import static org.portcullis.filter.testing.ApiCalls.newUser;
import static org.portcullis.filter.testing.ApiCalls.postGroup;
import static org.portcullis.filter.testing.ApiCalls.removeMember;
import static org.portcullis.filter.testing.ApiCalls.suffix;
import static org.portcullis.filter.testing.ApiCalls.userId;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
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
 * The management API for groups, memberships and entity permissions over real HTTP on Jetty and
 * Tomcat: who may see and change what, a 4xx with a code for every bad input, and an entity
 * permission change that holds from the very next request.
 */
@Tag("database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagementApiFlowTest {

    private static final String ROUTES = """
            /notes      = note
            /notes/{id} = note
            """;
    private static final String GROUPS = "/api/usergroup";
    private static final String NOTE_WORLD = "/api/world/note";

    private GuardedServers servers;
    private final Map<Container, String> administrators = new HashMap<>();

    @BeforeAll
    void start() throws Exception {
        servers = GuardedServers.start(ROUTES, LegacyServlets.withNotes());
        for (Container container : Container.values()) {
            Http http = http(container);
            String admin = newUser(http);
            HttpResponse<String> won = http.action("world/become_an_administrator", "{}", bearer(admin));
            assertEquals(200, won.statusCode(), won.body());
            administrators.put(container, admin);
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (servers != null) {
            servers.close();
        }
    }

    // ---- groups -------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Container.class)
    void groupWhenCreatedThenCreatorIsMemberAndOnlyMembersAndAdministratorsSeeIt(Container container) {
        Http http = http(container);
        String alice = newUser(http);
        String bob = newUser(http);
        String name = "reviewers-" + suffix();

        HttpResponse<String> created = postGroup(http, alice, name);

        assertEquals(201, created.statusCode(), created.body());
        String id = Http.json(created.body()).path("data").path("id").asText();
        assertTrue(created.headers().firstValue("Location").orElseThrow().endsWith(GROUPS + "/" + id));
        JsonNode mine = group(http, alice, id);
        assertEquals("usergroup", mine.path("type").asText());
        assertEquals(name, mine.path("attributes").path("name").asText());
        assertFalse(mine.path("attributes").path("personal").asBoolean(true));
        assertTrue(group(http, alice, "user:" + userId(alice), true).path("attributes").path("personal").asBoolean(),
                "the caller's own group is listed and marked personal");
        assertTrue(group(http, bob, id).isMissingNode(), "bob is not a member");
        assertEquals(404, http.get(GROUPS + "/" + id, bearer(bob)).statusCode());
        assertEquals(200, http.get(GROUPS + "/" + id, bearer(alice)).statusCode());
        assertFalse(group(http, administrators.get(container), id).isMissingNode(), "administrators see every group");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void groupCreateWhenNameTakenOrMalformedThen409Or400AndNothingIsMade(Container container) {
        Http http = http(container);
        String alice = newUser(http);
        String name = "editors-" + suffix();
        assertEquals(201, postGroup(http, alice, name).statusCode());

        assertApiError(409, "name_taken", postGroup(http, alice, name));
        assertApiError(409, "name_taken", postGroup(http, alice, name.toUpperCase(java.util.Locale.ROOT)));
        assertApiError(409, "name_taken", postGroup(http, alice, "users"));
        for (String bad : new String[] {"", "user:" + suffix(), "USER:x", "two words", "semi;colon", "x".repeat(101)}) {
            assertApiError(400, "bad_name", postGroup(http, alice, bad));
        }
        String[][] badBodies = {
                {"{\"data\":{\"type\":\"usergroup\",\"attributes\":{\"name\":42}}}", "bad_name"},
                {"{\"data\":{\"type\":\"usergroup\",\"attributes\":{\"name\":\"a\",\"owner_id\":\"x\"}}}",
                        "unknown_attribute"},
                {"{\"data\":{\"type\":\"world\",\"attributes\":{\"name\":\"a\"}}}", "bad_request"},
                {"{\"data\":[]}", "bad_request"},
                {"[]", "bad_request"},
                {"{\"data\":", "bad_json"},
                {"{\"data\":{\"type\":\"usergroup\",\"type\":\"usergroup\"}}", "bad_json"},
        };
        for (String[] bad : badBodies) {
            assertApiError(400, bad[1], http.post(GROUPS, bad[0], bearer(alice)));
        }
        assertApiError(405, "method_not_allowed", http.send("PUT", GROUPS, "{}", bearer(alice)));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void managementApiWhenGuestThen401WithBearerChallenge(Container container) {
        Http http = http(container);
        for (HttpResponse<String> reply : new HttpResponse[] {
                http.get(GROUPS),
                http.post(GROUPS, "{\"data\":{\"type\":\"usergroup\",\"attributes\":{\"name\":\"g\"}}}"),
                http.post(GROUPS + "/x/members", "{}"),
                http.get("/api/world"),
                http.send("PATCH", NOTE_WORLD, "{\"data\":{\"type\":\"world\",\"attributes\":{\"permission\":0}}}")}) {
            assertApiError(401, "not_signed_in", reply);
            assertEquals("Bearer", reply.headers().firstValue("WWW-Authenticate").orElseThrow());
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void membersWhenInvitedThenTheyInviteAndRemoveAndOutsidersSeeNothing(Container container) {
        Http http = http(container);
        String alice = newUser(http);
        String bob = newUser(http);
        String carol = newUser(http);
        String dave = newUser(http);
        String id = Http.json(postGroup(http, alice, "team-" + suffix()).body()).path("data").path("id").asText();

        assertEquals(204, addMember(http, alice, id, userId(bob)).statusCode());
        assertFalse(group(http, bob, id).isMissingNode(), "bob now sees the group");
        assertEquals(204, addMember(http, bob, id, userId(carol)).statusCode(), "members may invite");
        assertApiError(409, "already_member", addMember(http, alice, id, userId(bob)));
        assertApiError(404, "not_found", addMember(http, alice, id, UUID.randomUUID().toString()));
        assertApiError(404, "not_found", addMember(http, alice, UUID.randomUUID().toString(), userId(dave)));
        assertApiError(404, "not_found", addMember(http, dave, id, userId(dave)), "an outsider cannot join");
        assertApiError(404, "not_found", removeMember(http, dave, id, userId(bob)), "an outsider cannot remove");
        assertApiError(400, "bad_request", http.post(GROUPS + "/" + id + "/members",
                "{\"data\":{\"type\":\"user_account\",\"id\":7}}", bearer(alice)));

        assertEquals(204, removeMember(http, bob, id, userId(carol)).statusCode(), "members may remove");
        assertTrue(group(http, carol, id).isMissingNode(), "carol no longer sees the group");
        assertApiError(404, "not_found", removeMember(http, bob, id, userId(carol)), "no longer a member");
        assertEquals(204, removeMember(http, bob, id, userId(bob)).statusCode(), "anyone may leave");
        assertTrue(group(http, bob, id).isMissingNode());
        assertFalse(group(http, alice, id).isMissingNode());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void seededAndPersonalGroupsWhenChangedThenOnlyAdministratorsAndNeverTheLastAdministrator(Container container) {
        Http http = http(container);
        String admin = administrators.get(container);
        String alice = newUser(http);
        String bob = newUser(http);
        String users = group(http, alice, "users", true).path("id").asText();
        String administratorsId = group(http, admin, "administrators", true).path("id").asText();
        String alicePersonal = group(http, alice, "user:" + userId(alice), true).path("id").asText();

        assertApiError(403, "forbidden", removeMember(http, alice, users, userId(bob)), "a user cannot evict from users");
        assertApiError(409, "personal_group", addMember(http, alice, alicePersonal, userId(bob)));
        assertApiError(409, "personal_group", addMember(http, admin, alicePersonal, userId(bob)));
        assertApiError(404, "not_found", addMember(http, alice, administratorsId, userId(alice)));
        assertApiError(409, "last_administrator", removeMember(http, admin, administratorsId, userId(admin)));

        assertEquals(204, addMember(http, admin, administratorsId, userId(alice)).statusCode());
        assertTrue(http.get("/api/world", bearer(alice)).body().contains("\"user_account\""), "alice administers");
        assertEquals(204, removeMember(http, alice, administratorsId, userId(alice)).statusCode());
        assertFalse(http.get("/api/world", bearer(alice)).body().contains("\"user_account\""), "alice no longer does");
        assertApiError(409, "last_administrator", removeMember(http, admin, administratorsId, userId(admin)));
    }

    // ---- world --------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Container.class)
    void worldWhenAdministratorTakesGroupCreateThenTheNextPostIsRefusedAndRestoringAllowsIt(Container container) {
        Http http = http(container);
        String admin = administrators.get(container);
        String alice = newUser(http);
        assertEquals(201, http.post("/notes", "before", bearer(alice)).statusCode());
        try {
            HttpResponse<String> taken = patchWorld(http, admin, "{\"permission\":\"owner:prcudxf group:prudx guest:p\"}");
            assertEquals(200, taken.statusCode(), taken.body());
            JsonNode attributes = Http.json(taken.body()).path("data").path("attributes");
            assertEquals("owner:prcudxf group:prudx guest:p", attributes.path("permission_text").asText());
            assertEquals(65409, attributes.path("default_permission").asInt(), "untouched when not given");

            HttpResponse<String> during = http.post("/notes", "during", bearer(alice));
            assertEquals(403, during.statusCode(), "the very next request sees the change: " + during.body());
            assertEquals("forbidden", Http.errorCode(during));
            assertEquals(200, http.get("/notes", bearer(alice)).statusCode(), "reading is still allowed");
        } finally {
            assertEquals(200, patchWorld(http, admin, "{\"permission\":1048449}").statusCode());
        }
        assertEquals(201, http.post("/notes", "after", bearer(alice)).statusCode());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void worldWhenNotAdministratorThenListShowsOnlyPeekableEntitiesAndPatchIs403(Container container) {
        Http http = http(container);
        String alice = newUser(http);

        JsonNode seen = Http.json(http.get("/api/world", bearer(alice)).body()).path("data");
        assertEquals(1, seen.size(), seen.toString());
        assertEquals("note", seen.path(0).path("id").asText());
        assertEquals("owner:prcudxf group:prcudx guest:p", seen.path(0).path("attributes").path("permission_text").asText());
        assertEquals(5, Http.json(http.get("/api/world", bearer(administrators.get(container))).body())
                .path("data").size(), "administrators see note, user_account, usergroup, world and invitation");

        assertApiError(403, "forbidden", patchWorld(http, alice, "{\"permission\":2097151}"));
        assertEquals(1048449, notePermission(http, alice));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void worldPatchWhenInputIsBadThen4xxWithACodeAndNothingChanges(Container container) {
        Http http = http(container);
        String admin = administrators.get(container);
        for (String bad : new String[] {"{\"permission\":\"owner:z\"}", "{\"permission\":\"\"}",
                "{\"permission\":2097152}", "{\"permission\":-1}", "{\"permission\":true}", "{\"permission\":1.5}",
                "{\"permission\":null}", "{\"default_permission\":\"group:pp\"}", "{\"permission\":99999999999}"}) {
            assertApiError(400, "bad_permission", patchWorld(http, admin, bad));
        }
        assertApiError(400, "unknown_attribute", patchWorld(http, admin, "{\"owner_id\":\"x\"}"));
        assertApiError(400, "bad_request", http.send("PATCH", NOTE_WORLD,
                "{\"data\":{\"type\":\"world\",\"id\":\"file\",\"attributes\":{}}}", bearer(admin)));
        assertApiError(404, "not_found", http.send("PATCH", "/api/world/nothing",
                "{\"data\":{\"type\":\"world\",\"attributes\":{\"permission\":0}}}", bearer(admin)));
        assertApiError(405, "method_not_allowed", http.get(NOTE_WORLD, bearer(admin)));
        assertEquals(1048449, notePermission(http, admin));

        HttpResponse<String> readable = patchWorld(http, admin, "{\"default_permission\":\"owner:prcudxf group:pr guest:p\"}");
        assertEquals(200, readable.statusCode(), readable.body());
        assertEquals(65409, Http.json(readable.body()).path("data").path("attributes").path("default_permission").asInt());
    }

    // ---- helpers ------------------------------------------------------------------------------

    private Http http(Container container) {
        return servers.http(container);
    }

    private static HttpResponse<String> patchWorld(Http http, String token, String attributes) {
        return http.send("PATCH", NOTE_WORLD, "{\"data\":{\"type\":\"world\",\"attributes\":" + attributes + "}}",
                bearer(token));
    }

    private static int notePermission(Http http, String token) {
        for (JsonNode row : Http.json(http.get("/api/world", bearer(token)).body()).path("data")) {
            if (row.path("id").asText().equals("note")) {
                return row.path("attributes").path("permission").asInt();
            }
        }
        throw new AssertionError("no note row");
    }

    /** The group with {@code id} in the caller's list, or a missing node. */
    private static JsonNode group(Http http, String token, String id) {
        return group(http, token, id, false);
    }

    /** The group in the caller's list whose id (or, with {@code byName}, name) matches. */
    private static JsonNode group(Http http, String token, String key, boolean byName) {
        HttpResponse<String> list = http.get(GROUPS, bearer(token));
        assertEquals(200, list.statusCode(), list.body());
        for (JsonNode group : Http.json(list.body()).path("data")) {
            String value = byName ? group.path("attributes").path("name").asText() : group.path("id").asText();
            if (value.equals(key)) {
                return group;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

}
