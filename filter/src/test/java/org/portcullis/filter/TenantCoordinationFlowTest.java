package org.portcullis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portcullis.filter.testing.ApiCalls.bearer;
import static org.portcullis.filter.testing.NodeCalls.patchWorld;
import static org.portcullis.filter.testing.NodeCalls.signedIn;
import static org.portcullis.filter.testing.NodeCalls.world;

import java.time.Duration;
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
 * Two real Jetty nodes on one database in {@code tenants.mode=header} with the tenants acme and globex: a
 * change made in acme on node A is forgotten on node B in acme within a second (each change row names its
 * tenant, {@code pc_cache_change.tenant_id}), and globex's cached answers on B stay what they were. The caches'
 * time-to-live is a minute, so only the coordination explains a change seen within the deadline. H2 in memory
 * by default, PostgreSQL or MariaDB with {@code -Dportcullis.test.db}.
 */
@Tag("database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantCoordinationFlowTest {

    private static final Duration TTL = Duration.ofMinutes(1);
    private static final Duration DEADLINE = Duration.ofMillis(1500);

    private final TestDatabase db = TestDatabase.fresh();
    private final Propagation seen = new Propagation(DEADLINE, TTL);
    private Container.Running nodeA;
    private Container.Running nodeB;

    @BeforeAll
    void start() throws Exception {
        Map<String, String> parameters = Map.of("jdbc.url", db.url(), "jdbc.user", db.user(), "table.prefix",
                db.prefix(), "bcrypt.cost", "10", "resources", "/notes = note\n/notes/{id} = note", "cache.ttl",
                TTL.toString(), "cache.coordination.interval", "PT0.5S", "tenants.mode", "header",
                "tenants", "acme\nglobex");
        nodeA = Container.JETTY.start(parameters, LegacyServlets.withNotes());
        nodeB = Container.JETTY.start(parameters, LegacyServlets.withNotes());
    }

    @AfterAll
    void stop() throws Exception {
        System.out.println("TenantCoordinationFlowTest: acme's changes on A seen on B after " + seen.measured());
        for (Container.Running node : new Container.Running[] {nodeA, nodeB}) {
            if (node != null) {
                node.close();
            }
        }
        db.dropTables();
    }

    private Http node(Container.Running node, String tenant) {
        return new Http(node.base()).withHeaders("X-Tenant", tenant);
    }

    @Test
    void signOutWhenMadeInAcmeOnANodeThenRefusedInAcmeOnTheOtherAndGlobexsTokenStays() {
        String acmes = ApiCalls.newUser(node(nodeA, "acme"));
        String globexs = ApiCalls.newUser(node(nodeA, "globex"));
        Http acmeOnB = node(nodeB, "acme");
        Http globexOnB = node(nodeB, "globex");
        assertTrue(signedIn(acmeOnB, acmes) && signedIn(globexOnB, globexs), "B has cached both tokens");

        assertEquals(200, node(nodeA, "acme").action("user_account/signout", "{}", bearer(acmes)).statusCode());
        long signedOut = System.nanoTime();

        seen.within(() -> !signedIn(acmeOnB, acmes), signedOut, "acme's sign-out on B");
        assertTrue(signedIn(globexOnB, globexs), "globex's token is untouched");
    }

    @Test
    void entityPermissionWhenChangedInAcmeOnANodeThenHonouredInAcmeOnTheOtherAndGlobexKeepsItsOwn() {
        Http acmeOnA = node(nodeA, "acme");
        String administrator = ApiCalls.newAdministrator(acmeOnA);
        String acmes = ApiCalls.newUser(acmeOnA);
        String globexs = ApiCalls.newUser(node(nodeA, "globex"));
        Http acmeOnB = node(nodeB, "acme");
        Http globexOnB = node(nodeB, "globex");
        assertEquals(201, acmeOnB.post("/notes", "acme on b", bearer(acmes)).statusCode(), "B has cached acme's row");
        assertEquals(201, globexOnB.post("/notes", "globex on b", bearer(globexs)).statusCode(), "and globex's");
        String before = world(acmeOnA, administrator, "note").path("attributes").path("permission_text").asText();

        patchWorld(acmeOnA, administrator, "owner:prcudxf group:prudx guest:p"); // group Create taken away in acme
        long changed = System.nanoTime();

        seen.within(() -> acmeOnB.post("/notes", "acme", bearer(acmes)).statusCode() == 403, changed,
                "acme's permission on B");
        assertEquals(201, globexOnB.post("/notes", "globex again", bearer(globexs)).statusCode(),
                "globex's note entity keeps its own permission");
        patchWorld(acmeOnA, administrator, before);
        long restored = System.nanoTime();
        seen.within(() -> acmeOnB.post("/notes", "acme", bearer(acmes)).statusCode() == 201, restored,
                "acme's restored permission on B");
    }
}
