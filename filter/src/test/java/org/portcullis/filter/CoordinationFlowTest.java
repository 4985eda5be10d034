package org.portcullis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portcullis.filter.testing.ApiCalls.bearer;
import static org.portcullis.filter.testing.ApiCalls.userId;
import static org.portcullis.filter.testing.NodeCalls.groupId;
import static org.portcullis.filter.testing.NodeCalls.patchWorld;
import static org.portcullis.filter.testing.NodeCalls.signedIn;
import static org.portcullis.filter.testing.NodeCalls.world;

import jakarta.servlet.http.HttpServlet;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.portcullis.filter.testing.ApiCalls;
import org.portcullis.filter.testing.Container;
import org.portcullis.filter.testing.Http;
import org.portcullis.filter.testing.LegacyServlets;
import org.portcullis.filter.testing.Propagation;
import org.portcullis.model.TestDatabase;

/**
 * Three nodes on one database with {@code cache.coordination=database} (CONTRACT §12): three real Jetty
 * servers, each with its own filter, the caches' time-to-live set to a minute so that only the coordination
 * can explain a change seen within a second. A sign-out, a status change, a membership removal and an entity
 * permission change made on A are honoured on B and C within a second, measured and printed; a node
 * started after a change knows it; the change table holds only the last minute; failed sign-ins spread over
 * the three nodes are throttled as on one ({@code signin.throttle.store=database}). H2 in memory by default,
 * PostgreSQL or MariaDB with {@code -Dportcullis.test.db}.
 */
@Tag("database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoordinationFlowTest {

    /** Long enough that a change seen within the deadline was carried by the coordination, not the TTL. */
    private static final Duration TTL = Duration.ofMinutes(1);
    private static final Duration INTERVAL = Duration.ofMillis(500);
    /** The target is one second; a busy shared machine gets half a second on top for its own requests. */
    private static final Duration DEADLINE = Duration.ofMillis(1500);
    private static final String ROUTES = """
            /notes      = note
            /notes/{id} = note
            """;

    private final TestDatabase db = TestDatabase.fresh();
    private final List<Container.Running> nodes = new ArrayList<>();
    private final Propagation seen = new Propagation(DEADLINE, TTL);
    private Map<String, String> parameters;
    private Map<String, HttpServlet> host;
    private Http a;
    private Http b;
    private Http c;
    private String administrator;

    @BeforeAll
    void start() throws Exception {
        parameters = Map.of("jdbc.url", db.url(), "jdbc.user", db.user(), "table.prefix", db.prefix(),
                "bcrypt.cost", "10", "resources", ROUTES, "cache.ttl", TTL.toString(),
                "cache.coordination.interval", INTERVAL.toString());
        host = LegacyServlets.withNotes();
        for (int i = 0; i < 3; i++) {
            nodes.add(Container.JETTY.start(parameters, host));
        }
        a = new Http(nodes.get(0).base());
        b = new Http(nodes.get(1).base());
        c = new Http(nodes.get(2).base());
        administrator = ApiCalls.newAdministrator(a);
    }

    @AfterAll
    void stop() throws Exception {
        System.out.println("CoordinationFlowTest: changes on A seen on B and C after " + seen.measured()
                + " (interval " + INTERVAL + ", cache.ttl " + TTL + ")");
        for (Container.Running node : nodes) {
            node.close();
        }
        db.dropTables();
    }

    @Test
    void signOutWhenMadeOnANodeThenRefusedOnTheOthersWithinASecond() {
        String token = ApiCalls.newUser(a);
        assertTrue(signedIn(b, token) && signedIn(c, token), "B and C have cached that the token is not revoked");

        assertEquals(200, a.action("user_account/signout", "{}", bearer(token)).statusCode());
        long signedOut = System.nanoTime();

        seen.within(() -> !signedIn(b, token), signedOut, "sign-out on B");
        seen.within(() -> !signedIn(c, token), signedOut, "sign-out on C");
    }

    @Test
    void statusWhenChangedOnANodeThenTheAccountIsAGuestOnTheOthersWithinASecond() {
        String token = ApiCalls.newUser(a);
        assertTrue(signedIn(b, token) && signedIn(c, token));

        HttpResponse<String> patched = a.send("PATCH", "/api/user_account/" + userId(token),
                "{\"data\":{\"type\":\"user_account\",\"attributes\":{\"status\":\"inactive\"}}}", bearer(administrator));
        assertEquals(200, patched.statusCode(), patched.body());
        long changed = System.nanoTime();

        seen.within(() -> !signedIn(b, token), changed, "status on B");
        seen.within(() -> !signedIn(c, token), changed, "status on C");
    }

    @Test
    void membershipWhenRemovedOnANodeThenHonouredOnTheOthersWithinASecond() {
        String carol = ApiCalls.newUser(a);
        String users = groupId(a, administrator, "users");
        assertEquals(201, b.post("/notes", "carol on b", bearer(carol)).statusCode(), "B has cached carol's groups");
        assertEquals(201, c.post("/notes", "carol on c", bearer(carol)).statusCode(), "C too");

        HttpResponse<String> removed = a.send("DELETE", "/api/usergroup/" + users + "/members/" + userId(carol), null,
                bearer(administrator));
        assertEquals(204, removed.statusCode(), removed.body());
        long changed = System.nanoTime();

        seen.within(() -> b.post("/notes", "carol", bearer(carol)).statusCode() == 403, changed, "membership on B");
        seen.within(() -> c.post("/notes", "carol", bearer(carol)).statusCode() == 403, changed, "membership on C");
    }

    @Test
    void entityPermissionWhenChangedOnANodeThenHonouredOnTheOthersWithinASecondAndBackAgain() {
        String dave = ApiCalls.newUser(a);
        assertEquals(201, b.post("/notes", "dave on b", bearer(dave)).statusCode());
        assertEquals(201, c.post("/notes", "dave on c", bearer(dave)).statusCode());
        String before = world(a, administrator, "note").path("attributes").path("permission_text").asText();
        try {
            patchWorld(a, administrator, "owner:prcudxf group:prudx guest:p"); // group Create taken away
            long changed = System.nanoTime();

            seen.within(() -> b.post("/notes", "dave", bearer(dave)).statusCode() == 403, changed, "permission on B");
            seen.within(() -> c.post("/notes", "dave", bearer(dave)).statusCode() == 403, changed, "permission on C");
        } finally {
            patchWorld(a, administrator, before);
        }
        long restored = System.nanoTime();
        seen.within(() -> b.post("/notes", "dave", bearer(dave)).statusCode() == 201, restored, "restored on B");
    }

    @Test
    void nodeWhenStartedAfterAChangeThenItKnowsItAndTheTableHoldsOnlyRecentRows() throws Exception {
        String token = ApiCalls.newUser(a);
        assertEquals(200, a.action("user_account/signout", "{}", bearer(token)).statusCode());

        try (Container.Running late = Container.JETTY.start(parameters, host)) {
            assertTrue(!signedIn(new Http(late.base()), token), "a node started later refuses the signed-out token");
        }

        try (Connection connection = db.connect(); ResultSet rows = connection.createStatement().executeQuery(
                "select min(created_at), count(*) from " + db.prefix() + "cache_change")) {
            rows.next();
            long oldest = rows.getLong(1);
            assertTrue(rows.getLong(2) > 0, "changes were written");
            assertTrue(System.currentTimeMillis() - oldest < Duration.ofMinutes(2).toMillis(),
                    "rows older than the retention are pruned");
        }
    }

    @Test
    void signinWhenFailuresAreSpreadOverTheThreeNodesThenThrottledAsOnOne() {
        String email = "spread-" + ApiCalls.suffix() + "@example.com";
        assertEquals(200, a.signup("Eve's target", email, "correct horse battery").statusCode());
        List<Http> round = List.of(a, b, c);
        for (int i = 0; i < 5; i++) { // signin.account.free.failures
            HttpResponse<String> failed = round.get(i % 3).signin(email, "wrong guess " + i);
            assertEquals(401, failed.statusCode(), "failure " + (i + 1) + ": " + failed.body());
        }

        for (Http node : round) {
            HttpResponse<String> refused = node.signin(email, "correct horse battery");
            assertEquals(429, refused.statusCode(), "every node counts the five: " + refused.body());
            assertEquals("throttled", Http.errorCode(refused));
        }
    }

}
