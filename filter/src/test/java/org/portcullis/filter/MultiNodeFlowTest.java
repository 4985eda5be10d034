package org.portcullis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.portcullis.filter.testing.ApiCalls.bearer;
import static org.portcullis.filter.testing.ApiCalls.userId;
import static org.portcullis.filter.testing.NodeCalls.groupId;
import static org.portcullis.filter.testing.NodeCalls.patchWorld;
import static org.portcullis.filter.testing.NodeCalls.signedIn;
import static org.portcullis.filter.testing.NodeCalls.world;

import com.auth0.jwt.JWT;
import jakarta.servlet.http.HttpServlet;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.portcullis.filter.testing.ApiCalls;
import org.portcullis.filter.testing.Container;
import org.portcullis.filter.testing.Http;
import org.portcullis.filter.testing.LegacyServlets;
import org.portcullis.model.TestDatabase;

/**
 * Two nodes behind an imaginary load balancer: two real Jetty servers, each with its own filter,
 * on one database (H2 in memory by default, PostgreSQL or MariaDB with {@code -Dportcullis.test.db}).
 * A token signed on one is accepted on the other; a sign-out, a membership change or an entity
 * permission change or a named-user entry's removal made through node A holds on A at once and on B
 * within {@code cache.ttl}, with {@code cache.coordination=none}: the time-to-live is then the only way a
 * change reaches the other node, and what every node falls back on when coordination cannot read.
 */
@Tag("database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiNodeFlowTest {

    private static final Duration TTL = Duration.ofSeconds(2);
    /** Time allowed on top of the time-to-live for the requests themselves on a busy machine. */
    private static final Duration MARGIN = Duration.ofSeconds(2);
    private static final String PASSWORD = "correct horse battery";
    private static final String ROUTES = """
            /notes      = note
            /notes/{id} = note
            """;

    private final TestDatabase db = TestDatabase.fresh();
    private Container.Running nodeA;
    private Container.Running nodeB;
    private Http a;
    private Http b;
    private String administrator;

    @BeforeAll
    void start() throws Exception {
        Map<String, String> parameters = Map.of("jdbc.url", db.url(), "jdbc.user", db.user(),
                "table.prefix", db.prefix(), "bcrypt.cost", "10", "resources", ROUTES, "cache.ttl", TTL.toString(),
                "cache.coordination", "none"); // the backstop alone: CoordinationFlowTest has the nodes talk
        // One host application on two servers: the same notes store behind both, as a shared database would be.
        Map<String, HttpServlet> host = LegacyServlets.withNotes();
        nodeA = Container.JETTY.start(parameters, host);
        nodeB = Container.JETTY.start(parameters, host);
        a = new Http(nodeA.base());
        b = new Http(nodeB.base());
        administrator = ApiCalls.newUser(a);
        HttpResponse<String> won = a.action("world/become_an_administrator", "{}", bearer(administrator));
        assertEquals(200, won.statusCode(), won.body());
    }

    @AfterAll
    void stop() throws Exception {
        if (nodeA != null) {
            nodeA.close();
        }
        if (nodeB != null) {
            nodeB.close();
        }
        db.dropTables();
    }

    @Test
    void tokenWhenSignedOnOneNodeThenAcceptedOnTheOther() {
        String token = ApiCalls.newUser(a);

        HttpResponse<String> whoami = b.get("/whoami", bearer(token));

        assertEquals(200, whoami.statusCode());
        assertTrue(whoami.body().startsWith(JWT.decode(token).getClaim("email").asString() + "|BEARER|"), whoami.body());
        assertEquals(201, b.post("/notes", "from b", bearer(token)).statusCode());
    }

    @Test
    void signOutWhenMadeOnOneNodeThenRefusedThereAtOnceAndOnTheOtherWithinTheTimeToLive() {
        String token = ApiCalls.newUser(a);
        long warmed = System.nanoTime();
        assertTrue(signedIn(b, token), "B knows the token, and has just cached that it is not revoked");

        assertEquals(200, a.action("user_account/signout", "{}", bearer(token)).statusCode());
        long signedOut = System.nanoTime();

        assertTrue(!signedIn(a, token), "the node that signed out refuses the token at once");
        boolean stillCachedOnB = signedIn(b, token);
        if (System.nanoTime() - warmed < TTL.toNanos()) {
            // B cached "not revoked" no earlier than `warmed`, so within the time-to-live it must still serve that.
            assertTrue(stillCachedOnB, "B serves its cached answer until the time-to-live has passed");
        }
        Duration seen = awaitOn(() -> !signedIn(b, token), signedOut);
        assertTrue(seen.compareTo(TTL.plus(MARGIN)) <= 0, "B refused the token only after " + seen);
    }

    @Test
    void membershipWhenRemovedOnOneNodeThenHonouredThereAtOnceAndOnTheOtherWithinTheTimeToLive() {
        String carol = ApiCalls.newUser(a);
        String users = groupId(a, administrator, "users");
        long warmed = System.nanoTime();
        assertEquals(201, b.post("/notes", "carol on b", bearer(carol)).statusCode(),
                "members of users may create notes; B has just cached carol's groups");

        HttpResponse<String> removed = a.send("DELETE", "/api/usergroup/" + users + "/members/" + userId(carol), null,
                bearer(administrator));
        assertEquals(204, removed.statusCode(), removed.body());
        long changed = System.nanoTime();

        assertEquals(403, a.post("/notes", "carol on a", bearer(carol)).statusCode(), "A knows at once");
        int onB = b.post("/notes", "carol on b again", bearer(carol)).statusCode();
        if (System.nanoTime() - warmed < TTL.toNanos()) {
            assertEquals(201, onB, "B serves its cached groups until the time-to-live has passed");
        }
        Duration seen = awaitOn(() -> b.post("/notes", "carol", bearer(carol)).statusCode() == 403, changed);
        assertTrue(seen.compareTo(TTL.plus(MARGIN)) <= 0, "B refused carol only after " + seen);
    }

    @Test
    void entityPermissionWhenChangedOnOneNodeThenHonouredThereAtOnceAndOnTheOtherWithinTheTimeToLive() {
        String dave = ApiCalls.newUser(a);
        assertEquals(201, b.post("/notes", "dave on b", bearer(dave)).statusCode());
        String before = world(a, administrator, "note").path("attributes").path("permission_text").asText();
        try {
            patchWorld(a, administrator, "owner:prcudxf group:prudx guest:p"); // group Create taken away
            long changed = System.nanoTime();

            assertEquals(403, a.post("/notes", "dave on a", bearer(dave)).statusCode(), "A knows at once");
            Duration seen = awaitOn(() -> b.post("/notes", "dave", bearer(dave)).statusCode() == 403, changed);
            assertTrue(seen.compareTo(TTL.plus(MARGIN)) <= 0, "B refused the create only after " + seen);
        } finally {
            patchWorld(a, administrator, before);
        }
        assertEquals(201, a.post("/notes", "dave on a", bearer(dave)).statusCode(), "restored on A at once");
        long restored = System.nanoTime();
        Duration seen = awaitOn(() -> b.post("/notes", "dave", bearer(dave)).statusCode() == 201, restored);
        assertTrue(seen.compareTo(TTL.plus(MARGIN)) <= 0, "B allowed the create again only after " + seen);
    }

    @Test
    void namedUserEntryWhenRemovedOnOneNodeThenHonouredThereAtOnceAndOnTheOtherWithinTheTimeToLive() {
        String ada = ApiCalls.newUser(a);
        String bob = ApiCalls.newUser(a);
        HttpResponse<String> created = a.post("/notes", "ada's", bearer(ada));
        assertEquals(201, created.statusCode(), created.body());
        String location = created.headers().firstValue("Location").orElseThrow();
        String note = location.substring(location.lastIndexOf('/') + 1);
        String entry = "/api/instance/note/" + note + "/users/" + userId(bob);
        assertEquals(200, a.send("PUT", entry, "{\"permission\":\"pr\"}", bearer(ada)).statusCode());
        assertEquals(200, b.get("/notes/" + note, bearer(bob)).statusCode(), "B has just cached the note's row");

        assertEquals(204, a.send("DELETE", entry, null, bearer(ada)).statusCode());
        long changed = System.nanoTime();

        assertEquals(403, a.get("/notes/" + note, bearer(bob)).statusCode(), "A knows at once");
        Duration seen = awaitOn(() -> b.get("/notes/" + note, bearer(bob)).statusCode() == 403, changed);
        assertTrue(seen.compareTo(TTL.plus(MARGIN)) <= 0, "B refused bob only after " + seen);
    }

    /** Polls {@code condition} until it holds; how long after {@code since} it first held. */
    private static Duration awaitOn(Supplier<Boolean> condition, long since) {
        long deadline = since + TTL.plus(MARGIN).multipliedBy(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.get()) {
                return Duration.ofNanos(System.nanoTime() - since);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return fail("the change was not seen within " + TTL.plus(MARGIN).multipliedBy(2));
    }

}
