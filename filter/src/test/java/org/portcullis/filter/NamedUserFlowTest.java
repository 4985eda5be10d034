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
import static org.portcullis.filter.testing.ApiCalls.suffix;
import static org.portcullis.filter.testing.ApiCalls.userId;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.EnumMap;
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
 * Named-user entries over HTTP on Jetty and Tomcat (contract §7, POSIX ACL "named user"):
 * {@code PUT/DELETE /api/instance/note/<id>/users/<userId>} and {@code /api/world/note/users/<userId>}.
 * An entry alone decides for its user, more or less than their groups; it never counts for anyone
 * else; a change holds from the next request; and a referrer can neither give themselves or a friend
 * more than they hold nor remove an entry to the same end.
 */
@Tag("database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NamedUserFlowTest {

    private static final String ROUTES = """
            /notes      = note
            /notes/{id} = note
            """;
    private static final String INSTANCE = "/api/instance/note/";

    private GuardedServers servers;
    private final Map<Container, String> administrators = new EnumMap<>(Container.class);

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
    void userWhenNamedOnANoteThenReadsItAndSeesItListedAndRemovingTheEntryEndsItOnTheNextRequest(Container container) {
        Http http = servers.http(container);
        String ada = newUser(http);
        String bob = newUser(http);
        String note = createNote(http, ada);
        assertEquals(403, http.get("/notes/" + note, bearer(bob)).statusCode(), "private by default");

        HttpResponse<String> named = name(http, ada, note, bob, "{\"permission\":\"pr\"}");
        assertEquals(200, named.statusCode(), named.body());
        JsonNode users = Http.json(named.body()).path("data").path("attributes").path("users");
        assertEquals(1, users.size(), users.toString());
        assertEquals(userId(bob), users.path(0).path("id").asText());
        assertEquals(3, users.path(0).path("permission").asInt());
        assertEquals("pr", users.path(0).path("permission_text").asText());

        assertEquals(200, http.get("/notes/" + note, bearer(bob)).statusCode(), "the entry gives read");
        assertEquals(200, http.get("/notes/" + note, bearer(bob)).statusCode(), "again: the decision remembered");
        assertTrue(http.get("/notes", bearer(bob)).body().contains("\"id\":" + note), "and lists it");
        assertEquals(403, http.send("DELETE", "/notes/" + note, null, bearer(bob)).statusCode(), "but nothing more");
        assertEquals(200, http.get(INSTANCE + note, bearer(bob)).statusCode(), "and may see who has access");

        assertEquals(204, http.send("DELETE", INSTANCE + note + "/users/" + userId(bob), null, bearer(ada)).statusCode());
        assertEquals(403, http.get("/notes/" + note, bearer(bob)).statusCode(), "removed on the next request");
        assertFalse(http.get("/notes", bearer(bob)).body().contains("\"id\":" + note), "and no longer listed");
        assertTrue(Http.json(http.get(INSTANCE + note, bearer(ada)).body()).path("data").path("attributes")
                .path("users").isEmpty());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void memberWhenNamedWithLessThanTheirGroupThenTheEntryDecidesForThemAloneNotForOtherMembers(Container container) {
        Http http = servers.http(container);
        String ada = newUser(http);
        String bob = newUser(http);
        String carol = newUser(http);
        String note = createNote(http, ada);
        String editors = createGroup(http, ada, "editors-" + suffix());
        addMember(http, ada, editors, userId(bob));
        addMember(http, ada, editors, userId(carol));
        assertEquals(200, shareNote(http, ada, note, editors, "group:prud").statusCode());
        assertEquals(200, http.get("/notes/" + note, bearer(bob)).statusCode(), "bob reads through the group");

        HttpResponse<String> named = name(http, ada, note, bob,
                "{\"data\":{\"type\":\"user_account\",\"attributes\":{\"permission\":1}}}");
        assertEquals(200, named.statusCode(), named.body());

        assertEquals(403, http.get("/notes/" + note, bearer(bob)).statusCode(), "peek only: 403, not 404");
        assertEquals(403, http.send("DELETE", "/notes/" + note, null, bearer(bob)).statusCode());
        assertFalse(http.get("/notes", bearer(bob)).body().contains("\"id\":" + note), "not listed for bob");
        assertEquals(200, http.get("/notes/" + note, bearer(carol)).statusCode(), "carol keeps the group's rights");
        assertTrue(http.get("/notes", bearer(carol)).body().contains("\"id\":" + note), "and her listing");
        assertEquals(200, http.get("/notes/" + note, bearer(ada)).statusCode(), "the owner is untouched");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void referrerWhenNamingThemselvesOrAFriendWithMoreThanTheyHoldThenRefusedAndWithinThenAllowed(Container container) {
        Http http = servers.http(container);
        String ada = newUser(http);
        String bob = newUser(http);
        String carol = newUser(http);
        String note = createNote(http, ada);
        String sharers = createGroup(http, ada, "sharers-" + suffix());
        addMember(http, ada, sharers, userId(bob));
        assertEquals(200, shareNote(http, ada, note, sharers, "group:prf").statusCode());

        assertApiError(403, "forbidden", name(http, bob, note, bob, "{\"permission\":\"prud\"}"), "bob to himself");
        assertApiError(403, "forbidden", name(http, bob, note, carol, "{\"permission\":\"pru\"}"), "bob to carol");
        assertApiError(403, "forbidden", name(http, bob, note, carol, "{\"permission\":127}"), "bob to carol");
        assertEquals(403, http.send("PUT", "/notes/" + note, "bob's", bearer(bob)).statusCode(), "bob still cannot");
        assertEquals(403, http.get("/notes/" + note, bearer(carol)).statusCode(), "nor can carol read");

        assertEquals(200, name(http, bob, note, carol, "{\"permission\":\"pr\"}").statusCode(), "within what he holds");
        assertEquals(200, http.get("/notes/" + note, bearer(carol)).statusCode());
        assertEquals(403, http.send("DELETE", "/notes/" + note, null, bearer(carol)).statusCode());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void referrerWhenRemovingTheEntryThatLimitsThemThenRefusedButTheOwnerMay(Container container) {
        Http http = servers.http(container);
        String ada = newUser(http);
        String bob = newUser(http);
        String note = createNote(http, ada);
        String editors = createGroup(http, ada, "editors-" + suffix());
        addMember(http, ada, editors, userId(bob));
        assertEquals(200, shareNote(http, ada, note, editors, "group:prudf").statusCode());
        assertEquals(200, name(http, ada, note, bob, "{\"permission\":\"prf\"}").statusCode(), "ada limits bob");

        assertApiError(403, "forbidden", http.send("DELETE", INSTANCE + note + "/users/" + userId(bob), null,
                bearer(bob)), "bob lifting his own limit");
        assertApiError(403, "forbidden", name(http, bob, note, bob, "{\"permission\":\"prudf\"}"), "or raising it");
        assertEquals(403, http.send("DELETE", "/notes/" + note, null, bearer(bob)).statusCode(), "still limited");

        assertEquals(204, http.send("DELETE", INSTANCE + note + "/users/" + userId(bob), null, bearer(ada)).statusCode());
        assertEquals(204, http.send("DELETE", "/notes/" + note, null, bearer(bob)).statusCode(), "the group decides again");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void entryWhenAskedBadlyThenRefusedWithACodeAndNothingChanges(Container container) {
        Http http = servers.http(container);
        String ada = newUser(http);
        String bob = newUser(http);
        String stranger = newUser(http);
        String note = createNote(http, ada);
        for (String body : new String[] {"{\"permission\":\"group:pr\"}", "{\"permission\":128}", "{\"permission\":-1}",
                "{\"permission\":\"PR\"}", "{\"permission\":\"\"}", "{\"permission\":true}", "{\"permission\":null}",
                "{\"data\":{\"type\":\"user_account\",\"attributes\":{}}}"}) {
            assertApiError(400, "bad_permission", name(http, ada, note, bob, body), body);
        }
        for (String body : new String[] {"{}", "{\"permission\":\"pr\",\"owner\":\"x\"}",
                "{\"data\":{\"type\":\"usergroup\",\"attributes\":{\"permission\":\"pr\"}}}"}) {
            assertApiError(400, "bad_request", name(http, ada, note, bob, body), body);
        }
        assertApiError(400, "unknown_attribute", name(http, ada, note, bob,
                "{\"data\":{\"type\":\"user_account\",\"attributes\":{\"permission\":\"pr\",\"owner\":\"x\"}}}"));
        assertApiError(400, "bad_json", name(http, ada, note, bob, "{\"permission\":"));
        assertApiError(404, "not_found", http.send("PUT", INSTANCE + note + "/users/" + UUID.randomUUID(),
                "{\"permission\":\"pr\"}", bearer(ada)), "no such user");
        assertApiError(403, "forbidden", name(http, stranger, note, stranger, "{\"permission\":\"pr\"}"),
                "a stranger may peek (guest:p) but not Refer");
        String hidden = createNote(http, ada);
        assertEquals(200, http.send("PATCH", INSTANCE + hidden, "{\"data\":{\"type\":\"instance\",\"attributes\":"
                + "{\"permission\":\"owner:prcudxf guest:\"}}}", bearer(ada)).statusCode());
        assertApiError(404, "not_found", name(http, stranger, hidden, stranger, "{\"permission\":\"pr\"}"),
                "where a stranger may not even peek, the note does not exist for them");
        assertApiError(404, "not_found", http.send("DELETE", INSTANCE + note + "/users/" + userId(bob), null,
                bearer(ada)), "no entry to remove");
        assertApiError(404, "not_found", name(http, ada, "999999", bob, "{\"permission\":\"pr\"}"), "no such note");
        assertApiError(401, "not_signed_in", http.send("PUT", INSTANCE + note + "/users/" + userId(bob),
                "{\"permission\":\"pr\"}"));
        assertEquals(403, http.get("/notes/" + note, bearer(bob)).statusCode(), "nothing was given");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void entityWhenAUserIsNamedThenTheirEntryDecidesAtTheEntityLevelAndOnlyAdministratorsSetIt(Container container) {
        Http http = servers.http(container);
        String admin = administrators.get(container);
        String bob = newUser(http);
        String carol = newUser(http);
        String path = "/api/world/note/users/" + userId(bob);
        assertApiError(403, "forbidden", http.send("PUT", path, "{\"permission\":\"prcudxf\"}", bearer(bob)),
                "only administrators change entity permissions");
        try {
            HttpResponse<String> named = http.send("PUT", path, "{\"permission\":\"pr\"}", bearer(admin));
            assertEquals(200, named.statusCode(), named.body());
            JsonNode users = Http.json(named.body()).path("data").path("attributes").path("users");
            assertEquals(userId(bob), users.path(0).path("id").asText(), users.toString());
            assertTrue(http.get("/api/world", bearer(admin)).body().contains("\"permission_text\":\"pr\""));

            assertEquals(403, http.post("/notes", "bob's", bearer(bob)).statusCode(), "no create for bob");
            assertEquals(201, http.post("/notes", "carol's", bearer(carol)).statusCode(), "the users group for carol");
            assertApiError(404, "not_found", http.send("PUT", "/api/world/nothing/users/" + userId(bob),
                    "{\"permission\":\"pr\"}", bearer(admin)), "no such entity");
            assertApiError(404, "not_found", http.send("PUT", "/api/world/note/users/" + UUID.randomUUID(),
                    "{\"permission\":\"pr\"}", bearer(admin)), "no such user");
            assertApiError(400, "bad_permission", http.send("PUT", path, "{\"permission\":\"owner:pr\"}", bearer(admin)));
        } finally {
            assertEquals(204, http.send("DELETE", path, null, bearer(admin)).statusCode());
        }
        assertEquals(201, http.post("/notes", "bob's", bearer(bob)).statusCode(), "removed on the next request");
        assertApiError(404, "not_found", http.send("DELETE", path, null, bearer(admin)), "removed already");
    }

    private static HttpResponse<String> name(Http http, String token, String note, String user, String body) {
        return http.send("PUT", INSTANCE + note + "/users/" + userId(user), body, bearer(token));
    }
}
