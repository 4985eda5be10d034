package org.portcullis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
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
 * The four checks over real HTTP around a legacy notes servlet on Jetty and Tomcat: the defaults
 * make notes private to their owner, creates register, deletes clean up, lists are filtered before
 * a byte leaves, and a forward or include to a guarded path is checked like a request.
 */
@Tag("database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationFlowTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String ROUTES = """
            /notes             = note
            /notes/{id}        = note
            /notes/{id}/export = note:execute
            """;

    private GuardedServers servers;

    @BeforeAll
    void start() throws Exception {
        servers = GuardedServers.start(ROUTES, LegacyServlets.withNotes());
    }

    @AfterAll
    void stop() throws Exception {
        if (servers != null) {
            servers.close();
        }
    }

    private Http http(Container container) {
        return servers.http(container);
    }

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    private static String createdId(HttpResponse<String> created) {
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void notesWhenCreatedThenPrivateToTheirOwnerByDefault(Container container) {
        Http http = http(container);
        String alice = http.newUser("alice-" + UUID.randomUUID() + "@example.com", PASSWORD);
        String bob = http.newUser("bob-" + UUID.randomUUID() + "@example.com", PASSWORD);

        HttpResponse<String> created = http.post("/notes", "alice's secret", bearer(alice));
        assertEquals(201, created.statusCode(), created.body());
        String id = createdId(created);

        assertEquals(200, http.get("/notes/" + id, bearer(alice)).statusCode());
        assertEquals(204, http.send("PUT", "/notes/" + id, "edited", bearer(alice)).statusCode());
        HttpResponse<String> bobReads = http.get("/notes/" + id, bearer(bob));
        assertEquals(403, bobReads.statusCode(), "bob may peek (guest tier) but not read");
        assertEquals("forbidden", Http.errorCode(bobReads));
        assertEquals(403, http.send("PUT", "/notes/" + id, "bob was here", bearer(bob)).statusCode());
        assertEquals(403, http.send("DELETE", "/notes/" + id, null, bearer(bob)).statusCode());
        HttpResponse<String> guest = http.get("/notes/" + id);
        assertEquals(401, guest.statusCode());
        assertEquals("Bearer", guest.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertEquals(401, http.get("/notes").statusCode(), "guests may not read the note entity");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void listWhenReadThenOnlyReadableItemsLeaveTheServerEvenIfTheHostFlushesEarly(Container container) {
        Http http = http(container);
        String alice = http.newUser("alice-" + UUID.randomUUID() + "@example.com", PASSWORD);
        String bob = http.newUser("bob-" + UUID.randomUUID() + "@example.com", PASSWORD);
        String aliceNote = createdId(http.post("/notes", "a", bearer(alice)));
        String bobNote = createdId(http.post("/notes", "b", bearer(bob)));

        List<String> seenByBob = ids(http.get("/notes", bearer(bob)));

        assertTrue(seenByBob.contains(bobNote), seenByBob.toString());
        assertTrue(!seenByBob.contains(aliceNote), seenByBob.toString());
        assertTrue(ids(http.get("/notes", bearer(alice))).contains(aliceNote));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void listWhenTheReplyIsLargerThanPortcullisMayHoldThen502AndNotOneItemLeaves(Container container) {
        Http http = http(container);
        String alice = http.newUser("alice-" + UUID.randomUUID() + "@example.com", PASSWORD);
        String secret = "secret-" + UUID.randomUUID();
        String small = createdId(http.post("/notes", secret, bearer(alice)));
        // max.reply.size is 8 MiB by default: one note a little larger makes the list larger
        String huge = createdId(http.post("/notes", "x".repeat(8 * 1024 * 1024 + 1), bearer(alice)));
        try {
            HttpResponse<String> list = http.get("/notes", bearer(alice));

            assertEquals(502, list.statusCode());
            assertEquals("reply_too_large", Http.errorCode(list));
            assertTrue(!list.body().contains(secret) && list.body().length() < 1024, "no item of the reply leaves");
        } finally {
            http.send("DELETE", "/notes/" + huge, null, bearer(alice));
            http.send("DELETE", "/notes/" + small, null, bearer(alice));
        }
        assertEquals(200, http.get("/notes", bearer(alice)).statusCode(), "a list within the limit goes out again");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void instanceWhenDeletedThenItsRowsGoAndAReusedIdIsNobodysUntilRegistered(Container container) {
        Http http = http(container);
        String alice = http.newUser("alice-" + UUID.randomUUID() + "@example.com", PASSWORD);
        String id = createdId(http.post("/notes", "short-lived", bearer(alice)));

        assertEquals(204, http.send("DELETE", "/notes/" + id, null, bearer(alice)).statusCode());

        assertEquals(404, http.get("/notes/" + id, bearer(alice)).statusCode(),
                "no permission row left: not even the former owner may peek");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void executeRouteWhenOwnerThenAllowedAndOtherwiseRefused(Container container) {
        Http http = http(container);
        String alice = http.newUser("alice-" + UUID.randomUUID() + "@example.com", PASSWORD);
        String bob = http.newUser("bob-" + UUID.randomUUID() + "@example.com", PASSWORD);
        String id = createdId(http.post("/notes", "x", bearer(alice)));

        assertEquals("exported /" + id + "/export", http.get("/notes/" + id + "/export", bearer(alice)).body(),
                "the owner passes the execute check and reaches the host");
        assertEquals(403, http.get("/notes/" + id + "/export", bearer(bob)).statusCode());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void forwardOrIncludeWhenTargetIsGuardedThenCheckedLikeARequest(Container container) {
        Http http = http(container);
        String alice = http.newUser("alice-" + UUID.randomUUID() + "@example.com", PASSWORD);
        String bob = http.newUser("bob-" + UUID.randomUUID() + "@example.com", PASSWORD);
        String id = createdId(http.post("/notes", "forwarded secret", bearer(alice)));

        for (String mode : List.of("forward", "include")) {
            String path = "/dispatch?mode=" + mode + "&to=/notes/" + id;
            HttpResponse<String> byBob = http.get(path, bearer(bob));
            assertTrue(!byBob.body().contains("forwarded secret"), mode + ": " + byBob.body());
            assertTrue(http.get(path, bearer(alice)).body().contains("forwarded secret"), mode);
            assertTrue(!http.get(path).body().contains("forwarded secret"), mode + " as guest");
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void pathSpellingsWhenTheyNameAGuardedNoteThenCheckedOrRefusedNeverServedUnchecked(Container container) {
        Http http = http(container);
        String alice = http.newUser("alice-" + UUID.randomUUID() + "@example.com", PASSWORD);
        String bob = http.newUser("bob-" + UUID.randomUUID() + "@example.com", PASSWORD);
        String id = createdId(http.post("/notes", "spelled secret", bearer(alice)));
        List<String> spellings = List.of("/notes/" + id, "/NOTES/" + id, "/Notes/" + id, "/notes/" + id + "/",
                "/notes/" + id + ";x=1", "/notes;x=1/" + id, "/notes/./" + id, "/notes/x/../" + id, "//notes/" + id,
                "/notes//" + id, "/notes/0" + id, "/notes/" + id + ".json", "/notes/" + id + "%20", "/notes/%3B" + id,
                "/notes/%2e/" + id, "/notes/" + id + "/.", "/notes/..;/notes/" + id, "/%6eotes/" + id,
                "/notes/%3" + id.charAt(0) + id.substring(1), "/notes/" + id + "%00", "/notes/" + id + "%0a",
                "/notes/" + id + "%09", "/notes%2f" + id, "/notes/" + id + "%23", "/notes/" + id + "/export/..",
                "/notes/%2e%2e/notes/" + id);
        for (String spelling : spellings) {
            HttpResponse<String> reply = http.get(spelling, bearer(bob));
            assertTrue(!reply.body().contains("spelled secret"), spelling + " leaked on " + container + ": " + reply.body());
            assertTrue(reply.statusCode() >= 400, spelling + " -> " + reply.statusCode());
        }
    }

    private static List<String> ids(HttpResponse<String> list) {
        assertEquals(200, list.statusCode(), list.body());
        List<String> ids = new ArrayList<>();
        for (JsonNode item : Http.json(list.body())) {
            ids.add(item.get("id").asText());
        }
        return ids;
    }
}
