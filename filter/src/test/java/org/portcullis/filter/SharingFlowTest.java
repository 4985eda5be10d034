package org.portcullis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portcullis.filter.testing.ApiCalls.addMember;
import static org.portcullis.filter.testing.ApiCalls.assertApiError;
import static org.portcullis.filter.testing.ApiCalls.bearer;
import static org.portcullis.filter.testing.ApiCalls.createGroup;
import static org.portcullis.filter.testing.ApiCalls.createNote;
import static org.portcullis.filter.testing.ApiCalls.newUser;
import static org.portcullis.filter.testing.ApiCalls.shareNote;
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
 * Sharing one instance over HTTP, as docs/authorization.md walks through it: a private note shared with a group
 * read-only, then taken back; given away; and every way around the Refer and owner checks refused.
 * Also the Refer rule of memberships: on the group and on the account.
 */
@Tag("database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharingFlowTest {

    private static final String ROUTES = """
            /notes      = note
            /notes/{id} = note
            """;
    private static final String GROUPS = "/api/usergroup";
    private static final String INSTANCE = "/api/instance/note/";

    private GuardedServers servers;
    private final Map<Container, String> administrators = new HashMap<>();

    @BeforeAll
    void start() throws Exception {
        servers = GuardedServers.start(ROUTES, LegacyServlets.withNotes());
        for (Container container : Container.values()) {
            Http http = servers.http(container);
            String admin = newUser(http);
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
    void noteWhenSharedWithAGroupReadOnlyThenMembersReadButNotWriteAndUnsharingEndsIt(Container container) {
        Http http = servers.http(container);
        String ada = newUser(http);
        String bob = newUser(http);
        String note = createNote(http, ada);
        assertEquals(403, http.get("/notes/" + note, bearer(bob)).statusCode(), "private by default");

        String reviewers = createGroup(http, ada, "reviewers-" + suffix());
        assertEquals(204, addMember(http, ada, reviewers, userId(bob)).statusCode());
        HttpResponse<String> shared = share(http, ada, note, reviewers, "group:pr");
        assertEquals(200, shared.statusCode(), shared.body());
        JsonNode attributes = Http.json(shared.body()).path("data").path("attributes");
        assertEquals(userId(ada), attributes.path("owner").asText());
        assertEquals("owner:prcudxf group: guest:p", attributes.path("permission_text").asText());
        assertTrue(attributes.path("groups").toString().contains("\"group:pr\""), attributes.toString());

        assertEquals(200, http.get("/notes/" + note, bearer(bob)).statusCode(), "a member reads");
        assertTrue(http.get("/notes", bearer(bob)).body().contains("\"id\":" + note), "and sees it listed");
        assertTrue(http.get("/notes", bearer(bob)).body().contains("\"id\":" + note), "again: the answer remembered");
        assertEquals(403, http.send("DELETE", "/notes/" + note, null, bearer(bob)).statusCode(), "but cannot delete");
        assertEquals(200, http.get(INSTANCE + note, bearer(bob)).statusCode(), "members may see who has access");

        assertEquals(204, http.send("DELETE", INSTANCE + note + "/groups/" + reviewers, null, bearer(ada)).statusCode());
        assertEquals(403, http.get("/notes/" + note, bearer(bob)).statusCode(), "unshared on the next request");
        assertFalse(http.get("/notes", bearer(bob)).body().contains("\"id\":" + note),
                "and no longer listed, though the host's reply is the same bytes as before");
        assertEquals(200, http.get("/notes/" + note, bearer(ada)).statusCode());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void noteWhenSharedWithTwoGroupsThenEachLinkCarriesItsOwnPermission(Container container) {
        Http http = servers.http(container);
        String ada = newUser(http);
        String reader = newUser(http);
        String editor = newUser(http);
        String note = createNote(http, ada);
        String readers = createGroup(http, ada, "readers-" + suffix());
        String editors = createGroup(http, ada, "editors-" + suffix());
        addMember(http, ada, readers, userId(reader));
        addMember(http, ada, editors, userId(editor));

        assertEquals(200, share(http, ada, note, readers, "group:pr").statusCode());
        assertEquals(200, share(http, ada, note, editors, "group:prud").statusCode());

        assertEquals(403, http.send("DELETE", "/notes/" + note, null, bearer(reader)).statusCode());
        assertEquals(204, http.send("DELETE", "/notes/" + note, null, bearer(editor)).statusCode());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void shareWhenCallerMayNotReferOrCannotSeeTheGroupThenRefusedAndNothingChanges(Container container) {
        Http http = servers.http(container);
        String ada = newUser(http);
        String bob = newUser(http);
        String mallory = newUser(http);
        String note = createNote(http, ada);
        String team = createGroup(http, ada, "team-" + suffix());
        addMember(http, ada, team, userId(bob));
        String malloryGroup = createGroup(http, mallory, "gang-" + suffix());

        assertApiError(403, "forbidden", share(http, mallory, note, malloryGroup, "group:prcudxf"),
                "an outsider may Peek (guest:p) but not Refer");
        assertApiError(403, "forbidden", http.get(INSTANCE + note, bearer(mallory)), "nor see who has access");
        assertApiError(403, "forbidden", patch(http, mallory, note, "{\"owner\":\"" + userId(mallory) + "\"}"));
        assertEquals(200, patch(http, ada, note, "{\"permission\":\"owner:prcudxf guest:\"}").statusCode());
        assertApiError(404, "not_found", share(http, mallory, note, malloryGroup, "group:prcudxf"),
                "without Peek the note does not exist for her");
        assertApiError(404, "not_found", http.get(INSTANCE + note, bearer(mallory)));
        assertEquals(200, share(http, ada, note, team, "group:pr").statusCode());
        assertApiError(403, "forbidden", share(http, bob, note, team, "group:prcudxf"), "read-only members may not Refer");
        assertApiError(403, "forbidden", patch(http, bob, note, "{\"permission\":\"owner:prcudxf guest:prcudxf\"}"));
        assertApiError(403, "forbidden", http.send("DELETE", INSTANCE + note + "/groups/" + team, null, bearer(bob)));
        assertApiError(404, "not_found", share(http, ada, note, malloryGroup, "group:pr"),
                "the owner cannot share into a group they cannot see");
        assertApiError(404, "not_found", share(http, ada, note, UUID.randomUUID().toString(), "group:pr"));
        assertApiError(401, "not_signed_in", http.get(INSTANCE + note));

        JsonNode after = Http.json(http.get(INSTANCE + note, bearer(ada)).body()).path("data").path("attributes");
        assertEquals(userId(ada), after.path("owner").asText());
        assertEquals("owner:prcudxf group: guest:", after.path("permission_text").asText());
        assertEquals(2, after.path("groups").size(), "ada's own group and team: " + after);
        assertEquals(404, http.get("/notes/" + note, bearer(mallory)).statusCode(), "no Peek left for her");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void instanceWhenInputIsBadThen4xxWithACode(Container container) {
        Http http = servers.http(container);
        String ada = newUser(http);
        String note = createNote(http, ada);
        String team = createGroup(http, ada, "t-" + suffix());

        assertApiError(400, "bad_permission", patch(http, ada, note, "{\"permission\":\"group:pr\"}"));
        assertApiError(400, "bad_permission", patch(http, ada, note, "{\"permission\":\"owner:zz\"}"));
        assertApiError(400, "bad_permission", share(http, ada, note, team, "owner:prcudxf"));
        assertApiError(400, "bad_permission", share(http, ada, note, team, "2097151"));
        assertApiError(400, "bad_permission", http.send("PUT", INSTANCE + note + "/groups/" + team,
                "{\"data\":{\"type\":\"usergroup\",\"attributes\":{}}}", bearer(ada)));
        assertApiError(400, "unknown_attribute", patch(http, ada, note, "{\"owner_id\":\"x\"}"));
        assertApiError(400, "bad_request", patch(http, ada, note, "{\"owner\":7}"));
        assertApiError(400, "unknown_user", patch(http, ada, note, "{\"owner\":\"" + UUID.randomUUID() + "\"}"));
        assertApiError(400, "bad_json", http.send("PATCH", INSTANCE + note, "{\"data\":", bearer(ada)));
        assertApiError(404, "not_found", http.get("/api/instance/nothing/1", bearer(ada)));
        assertApiError(404, "not_found", http.get("/api/instance/world/note", bearer(ada)));
        assertApiError(404, "not_found", http.get(INSTANCE + "999999", bearer(ada)), "an unregistered instance");
        assertApiError(404, "not_found", http.get("/api/instance/note", bearer(ada)));
        assertApiError(405, "method_not_allowed", http.send("DELETE", INSTANCE + note, null, bearer(ada)));
        assertApiError(404, "not_found", http.send("DELETE", INSTANCE + note + "/groups/" + team, null, bearer(ada)),
                "no such link");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void transferWhenOwnerGivesANoteAwayThenTheFormerOwnerLosesItAndTheNewOneHasIt(Container container) {
        Http http = servers.http(container);
        String ada = newUser(http);
        String bob = newUser(http);
        String note = createNote(http, ada);

        HttpResponse<String> given = patch(http, ada, note, "{\"owner\":\"" + userId(bob) + "\"}");
        assertEquals(200, given.statusCode(), given.body());

        assertEquals(200, http.get("/notes/" + note, bearer(bob)).statusCode());
        assertEquals(403, http.get("/notes/" + note, bearer(ada)).statusCode(), "no access left through her own group");
        assertApiError(403, "forbidden", patch(http, ada, note, "{\"owner\":\"" + userId(ada) + "\"}"), "cannot take it back");
        assertEquals(200, patch(http, administrators.get(container), note,
                "{\"owner\":\"" + userId(ada) + "\"}").statusCode(), "an administrator may");
        assertEquals(200, http.get("/notes/" + note, bearer(ada)).statusCode());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void permissionWhenOwnerOpensTheGuestTierThenOthersReadAndClosingItEndsIt(Container container) {
        Http http = servers.http(container);
        String ada = newUser(http);
        String stranger = newUser(http);
        String note = createNote(http, ada);
        assertEquals(403, http.get("/notes/" + note, bearer(stranger)).statusCode());

        assertEquals(200, patch(http, ada, note, "{\"permission\":\"owner:prcudxf guest:pr\"}").statusCode());
        assertEquals(200, http.get("/notes/" + note, bearer(stranger)).statusCode(), "any signed-in user reads now");
        assertEquals(401, http.get("/notes/" + note).statusCode(),
                "but not anonymous guests: the entity's world row (guest:p) must allow it too");

        assertEquals(200, patch(http, ada, note, "{\"permission\":" + (127 << 7) + "}").statusCode());
        assertEquals(404, http.get("/notes/" + note, bearer(stranger)).statusCode(), "not even Peek is left");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void shareWhenAReferrerWhoIsNotTheOwnerGrantsMoreThanTheyHoldThenRefused(Container container) {
        Http http = servers.http(container);
        String ada = newUser(http);
        String bob = newUser(http);
        String note = createNote(http, ada);
        String sharers = createGroup(http, ada, "sharers-" + suffix());
        addMember(http, ada, sharers, userId(bob));
        String bobsOwn = createGroup(http, bob, "bobs-" + suffix());
        assertEquals(200, share(http, ada, note, sharers, "group:prf").statusCode(), "members may read and share");

        assertApiError(403, "forbidden", share(http, bob, note, bobsOwn, "group:prcudxf"), "Refer is not Update or Delete");
        assertApiError(403, "forbidden", share(http, bob, note, sharers, "group:prudf"), "not even on his own link");
        assertEquals(403, http.send("PUT", "/notes/" + note, "mine now", bearer(bob)).statusCode());
        assertEquals(403, http.send("DELETE", "/notes/" + note, null, bearer(bob)).statusCode());

        assertEquals(200, share(http, bob, note, bobsOwn, "group:pr").statusCode(), "what he holds he may pass on");
        assertEquals(200, share(http, ada, note, sharers, "group:prudf").statusCode(), "the owner may give anything");
    }

    // ---- memberships need Refer on the group and on the account ------------------------------

    @ParameterizedTest
    @EnumSource(Container.class)
    void membershipWhenTheAccountWithdrawsReferThenNobodyButAdministratorsAddsIt(Container container) {
        Http http = servers.http(container);
        String ada = newUser(http);
        String shy = newUser(http);
        String team = createGroup(http, ada, "team-" + suffix());
        String account = "/api/instance/user_account/" + userId(shy);

        JsonNode implied = Http.json(http.get(account, bearer(shy)).body()).path("data").path("attributes");
        assertEquals("owner:prcudxf group: guest:f", implied.path("permission_text").asText());
        assertApiError(404, "not_found", http.get(account, bearer(ada)), "an account's row is its owner's business");
        HttpResponse<String> withdrawn = http.send("PATCH", account,
                "{\"data\":{\"type\":\"instance\",\"attributes\":{\"permission\":\"owner:prcudxf guest:\"}}}",
                bearer(shy));
        assertEquals(200, withdrawn.statusCode(), withdrawn.body());

        assertApiError(403, "forbidden", addMember(http, ada, team, userId(shy)));
        assertEquals(204, addMember(http, administrators.get(container), team, userId(shy)).statusCode());
        assertApiError(403, "forbidden", removeMember(http, ada, team, userId(shy)), "nor removes it");
        assertEquals(204, removeMember(http, shy, team, userId(shy)).statusCode(), "leaving is always allowed");
        assertApiError(409, "fixed_owner", http.send("PATCH", account,
                "{\"data\":{\"type\":\"instance\",\"attributes\":{\"owner\":\"" + userId(ada) + "\"}}}", bearer(shy)));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void membershipWhenAGroupsOwnerWithdrawsMembersReferThenOnlyTheOwnerManages(Container container) {
        Http http = servers.http(container);
        String ada = newUser(http);
        String bob = newUser(http);
        String carol = newUser(http);
        String team = createGroup(http, ada, "team-" + suffix());
        addMember(http, ada, team, userId(bob));

        HttpResponse<String> readOnly = http.send("PUT", "/api/instance/usergroup/" + team + "/groups/" + team,
                "{\"data\":{\"type\":\"usergroup\",\"attributes\":{\"permission\":\"group:pr\"}}}", bearer(ada));
        assertEquals(200, readOnly.statusCode(), readOnly.body());

        assertApiError(403, "forbidden", addMember(http, bob, team, userId(carol)), "members no longer invite");
        assertEquals(204, addMember(http, ada, team, userId(carol)).statusCode(), "the group's owner still does");
        assertApiError(403, "forbidden", http.send("PUT", "/api/instance/usergroup/" + team + "/groups/" + team,
                "{\"data\":{\"type\":\"usergroup\",\"attributes\":{\"permission\":\"group:prf\"}}}", bearer(bob)),
                "and a member cannot give it back to themselves");
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static HttpResponse<String> share(Http http, String token, String note, String groupId, String permission) {
        return shareNote(http, token, note, groupId, permission);
    }

    private static HttpResponse<String> patch(Http http, String token, String note, String attributes) {
        return http.send("PATCH", INSTANCE + note, "{\"data\":{\"type\":\"instance\",\"attributes\":" + attributes + "}}",
                bearer(token));
    }

}
