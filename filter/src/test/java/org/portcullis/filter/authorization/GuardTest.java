package org.portcullis.filter.authorization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.github.benmanes.caffeine.cache.Ticker;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.portcullis.filter.identity.AuthType;
import org.portcullis.filter.identity.Identity;
import org.portcullis.filter.permission.Permission;
import org.portcullis.filter.persistence.AccessCache;
import org.portcullis.filter.persistence.AccountRows;
import org.portcullis.filter.persistence.Change;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.persistence.PermissionEdits;
import org.portcullis.filter.persistence.PermissionStore;
import org.portcullis.filter.persistence.TestCaches;
import org.portcullis.filter.routing.Route;
import org.portcullis.filter.routing.RouteMatch;
import org.portcullis.filter.routing.RoutePattern;
import org.portcullis.filter.routing.RouteTable;
import org.portcullis.filter.web.ApiError;
import org.portcullis.model.TestDatabase;
import org.portcullis.model.UserAccount;
import org.portcullis.model.UserGroup;

/**
 * The before-checks of {@link Guard} on a real database seen from two nodes ({@code here}, whose guard
 * is under test, and {@code elsewhere}, whose writes it hears nothing of), asked again and again as a
 * polling client does, so that its remembered decisions ({@link RecentDecisions}) answer. Each test
 * lets a request through first and then tries to ride on that decision: another caller, another
 * instance, another method, a change to the instance, the membership or the {@code world} row here
 * (refused at once) or elsewhere (refused once {@code cache.ttl} has passed), and a delete whose
 * after-check must still run.
 */
@Tag("database")
class GuardTest {

    private static final Duration TTL = Duration.ofSeconds(5);
    private static final String NOTE = "note";
    private static final Route NOTE_ROUTE = new Route(RoutePattern.parse("/notes/{id}"), NOTE, Optional.empty());

    private final TestDatabase db = TestDatabase.fresh();
    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;
    private TestCaches.TwoNodes nodes;
    private Database here;
    private Database elsewhere;
    private Guard guard;
    private String alice;
    private String bob;
    private String usersGroup;
    private int status = 200;
    private final AtomicInteger served = new AtomicInteger();

    @BeforeEach
    void start() {
        nodes = TestCaches.TwoNodes.on(db, Set.of(NOTE));
        here = nodes.here();
        elsewhere = nodes.elsewhere();
        guard = guardOver(TestCaches.over(here, TTL, 1000, ticker));
        alice = newUser();
        bob = newUser();
        usersGroup = elsewhere.read(em -> AccountRows.groupByName(em, "users").orElseThrow().getId());
        register("1", alice);
        register("2", bob);
    }

    @AfterEach
    void stop() throws Exception {
        nodes.close();
    }

    private Guard guardOver(AccessCache access) {
        return new Guard(here, access, RouteTable.parse("/notes/{id} = note"), 1 << 20, 0);
    }

    /** A user in the built-in {@code users} group, which the {@code world} row links: the entity-before check passes. */
    private String newUser() {
        return elsewhere.inTransaction(em -> {
            UserAccount user = new UserAccount(UUID.randomUUID() + "@example.com", "Test", "not a hash");
            em.persist(user);
            UserGroup own = new UserGroup(UserGroup.personalGroupName(user.getId()), user.getId());
            em.persist(own);
            AccountRows.addMember(em, user, own);
            AccountRows.addMember(em, user, AccountRows.groupByName(em, "users").orElseThrow());
            return user.getId();
        });
    }

    /** Owner all; group Peek, Read; guest Peek; no group linked. */
    private void register(String instanceId, String ownerId) {
        elsewhere.inTransaction(Change.nothing(), em -> PermissionStore.register(em, NOTE, instanceId, ownerId, null,
                Permission.INSTANCE_DEFAULT));
    }

    /** Note 1 handed to {@code to}, on {@code node}, which forgets {@code change}. */
    private static void transferNoteOne(Database node, Change change, String to) {
        node.inTransaction(change, em -> {
            PermissionStore.transfer(em, NOTE, "1", to);
            return null;
        });
    }

    /** Alice out of the {@code users} group, which the {@code world} row links. */
    private void aliceLeavesUsers(Database node, Change change) {
        node.inTransaction(change, em -> em.createQuery(
                        "delete from GroupMembership m where m.userId = :user and m.groupId = :group")
                .setParameter("user", alice).setParameter("group", usersGroup).executeUpdate());
    }

    private static Identity user(String id) {
        return Identity.user(id, id + "@example.com", "Test", AuthType.BEARER, UUID.randomUUID().toString(),
                Instant.now().plusSeconds(3600));
    }

    private void pass(Duration time) {
        nanos.addAndGet(time.toNanos());
    }

    /**
     * Asks {@code guard} for {@code method /notes/{id}}: 0 when the host ran (once), else the status of
     * the refusal (the host did not run).
     */
    private int ask(Guard guard, Identity who, String method, String instanceId) throws IOException, ServletException {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getMethod()).thenReturn(method);
        HttpServletResponse response = mock(HttpServletResponse.class);
        when(response.getStatus()).thenReturn(status);
        int before = served.get();
        try {
            guard.guard(new RouteMatch(NOTE_ROUTE, Optional.of(instanceId)), request, response,
                    (req, res) -> served.incrementAndGet(), who);
        } catch (ApiError refused) {
            assertEquals(before, served.get(), "a refused request must not reach the host");
            return refused.status();
        }
        assertEquals(before + 1, served.get(), "a request let through reaches the host once");
        return 0;
    }

    private void assertServed(Identity who, String method, String instanceId, String why) throws Exception {
        assertEquals(0, ask(guard, who, method, instanceId), why);
    }

    private void assertRefused(int status, Identity who, String method, String instanceId, String why) throws Exception {
        assertEquals(status, ask(guard, who, method, instanceId), why);
    }

    /** The same caller, route, instance and method, three times: the last two from memory. */
    private void assertServedAgainAndAgain(Identity who, String method, String instanceId, String why) throws Exception {
        for (int i = 0; i < 3; i++) {
            assertServed(who, method, instanceId, why);
        }
    }

    @Test
    void guardWhenAnotherCallerAsksWhatTheOwnerWasLetThroughForThenRefused() throws Exception {
        Identity owner = user(alice);
        assertServedAgainAndAgain(owner, "GET", "1", "the owner reads");

        assertRefused(403, user(bob), "GET", "1", "guest tier of note 1: Peek only, so seen but not read");
        assertRefused(401, Identity.guest(), "GET", "1", "a guest");
        assertServed(owner, "GET", "1", "the owner still");
    }

    @Test
    void guardWhenTheSameCallerAsksForAnotherInstanceOrWithAnotherMethodThenDecidedAnew() throws Exception {
        Identity reader = user(bob);
        assertServedAgainAndAgain(reader, "GET", "2", "bob owns note 2");

        assertRefused(403, reader, "GET", "1", "note 1 is alice's: bob may only peek");
        here.inTransaction(Change.instance(NOTE, "1"), em -> {
            PermissionStore.link(em, NOTE, "1", usersGroup, Permission.parse("owner: group:pr guest:"));
            return null;
        });
        assertServedAgainAndAgain(reader, "GET", "1", "linked for reading");
        assertRefused(403, reader, "PUT", "1", "read is not update");
        assertRefused(403, reader, "DELETE", "1", "read is not delete");
        assertServed(reader, "GET", "1", "reading still is");
    }

    @Test
    void guardWhenTheInstanceChangesOnThisNodeThenRefusedAtOnce() throws Exception {
        Identity owner = user(alice);
        assertServedAgainAndAgain(owner, "GET", "1", "before");

        transferNoteOne(here, Change.instance(NOTE, "1"), bob);

        assertRefused(403, owner, "GET", "1", "no longer the owner");
        assertServedAgainAndAgain(user(bob), "GET", "1", "the new owner");
    }

    @Test
    void guardWhenTheMembershipChangesOnThisNodeThenRefusedAtOnce() throws Exception {
        Identity owner = user(alice);
        assertServedAgainAndAgain(owner, "GET", "1", "before");

        aliceLeavesUsers(here, Change.user(alice));

        assertRefused(403, owner, "GET", "1", "out of the group the world row links: the entity-before check refuses");
    }

    @Test
    void guardWhenTheWorldRowChangesOnThisNodeThenRefusedAtOnce() throws Exception {
        Identity owner = user(alice);
        assertServedAgainAndAgain(owner, "GET", "1", "before");

        here.inTransaction(Change.entity(NOTE), em -> PermissionEdits.unlinkWorld(em, NOTE, usersGroup));

        assertRefused(403, owner, "GET", "1", "users no longer linked to the world row");
    }

    @Test
    void guardWhenTheInstanceChangesElsewhereThenLetThroughUntilTheTimeToLiveAndNotLonger() throws Exception {
        Identity owner = user(alice);
        assertServedAgainAndAgain(owner, "GET", "1", "before");
        transferNoteOne(elsewhere, Change.nothing(), bob);

        pass(TTL.minusMillis(1));
        assertServed(owner, "GET", "1", "within cache.ttl the rows read before stand, as for every check");
        pass(Duration.ofMillis(1));
        assertRefused(403, owner, "GET", "1", "cache.ttl after the rows were read: the transfer counts");
    }

    /** Commits a change here that changes no row but makes this node forget what {@code change} names. */
    private void forgetHere(Change change) {
        here.inTransaction(change, em -> null);
    }

    /**
     * Rows read at 0; at 3 s the two {@code readAgain} are forgotten here and read again, so that
     * {@code oldest} is the only row left from 0; then {@code changeElsewhere} touches that row on the
     * other node. The decision must end with that row's time, not with the younger rows'.
     */
    private void assertTheOldestRowBoundsTheDecision(String oldest, Change readAgain, Change alsoReadAgain,
                                                     Runnable changeElsewhere) throws Exception {
        Identity owner = user(alice);
        assertServed(owner, "GET", "1", "rows read at 0");
        pass(Duration.ofSeconds(3));
        forgetHere(readAgain);
        forgetHere(alsoReadAgain);
        assertServedAgainAndAgain(owner, "GET", "1", "read again at 3 s but for " + oldest + ", kept from 0");
        changeElsewhere.run();

        pass(TTL.minusSeconds(3).minusMillis(1));
        assertServed(owner, "GET", "1", oldest + " read at 0 still stands");
        pass(Duration.ofMillis(1));
        assertRefused(403, owner, "GET", "1", "cache.ttl after " + oldest + " was read, though the others are younger");
    }

    @Test
    void guardWhenTheInstanceRowIsTheOldestThenItsTimeBoundsTheDecision() throws Exception {
        assertTheOldestRowBoundsTheDecision("the instance row", Change.user(alice), Change.entity(NOTE),
                () -> transferNoteOne(elsewhere, Change.nothing(), bob));
    }

    @Test
    void guardWhenTheCallersGroupsAreTheOldestThenTheirTimeBoundsTheDecision() throws Exception {
        assertTheOldestRowBoundsTheDecision("the groups", Change.instance(NOTE, "1"), Change.entity(NOTE),
                () -> aliceLeavesUsers(elsewhere, Change.nothing()));
    }

    @Test
    void guardWhenTheWorldRowIsTheOldestThenItsTimeBoundsTheDecision() throws Exception {
        assertTheOldestRowBoundsTheDecision("the world row", Change.instance(NOTE, "1"), Change.user(alice),
                () -> elsewhere.inTransaction(Change.nothing(), em -> PermissionEdits.unlinkWorld(em, NOTE, usersGroup)));
    }

    @Test
    void guardWhenTheMembershipChangesElsewhereThenRefusedOnceTheTimeToLiveHasPassed() throws Exception {
        Identity owner = user(alice);
        assertServedAgainAndAgain(owner, "GET", "1", "before");
        aliceLeavesUsers(elsewhere, Change.nothing());

        pass(TTL);
        assertRefused(403, owner, "GET", "1", "out of the group the world row links");
    }

    @Test
    void guardWhenCachingIsOffThenAChangeElsewhereCountsAtOnce() throws Exception {
        Guard uncached = guardOver(AccessCache.uncached(here));
        Identity owner = user(alice);
        assertEquals(0, ask(uncached, owner, "GET", "1"));
        assertEquals(0, ask(uncached, owner, "GET", "1"));
        transferNoteOne(elsewhere, Change.nothing(), bob);

        assertEquals(403, ask(uncached, owner, "GET", "1"), "no time-to-live: the transfer counts at once");
    }

    @Test
    void guardWhenADeleteWasLetThroughBeforeThenItsAfterCheckStillRuns() throws Exception {
        Identity owner = user(alice);
        status = 404; // the host found no such note: the rows stay
        assertServed(owner, "DELETE", "1", "the owner may delete");
        assertServed(owner, "DELETE", "1", "and again");
        assertTrue(here.read(em -> PermissionStore.instance(em, NOTE, "1")).isPresent());

        status = 204;
        assertServed(owner, "DELETE", "1", "the host deletes this time");

        assertTrue(here.read(em -> PermissionStore.instance(em, NOTE, "1")).isEmpty(), "the delete's after-check ran");
        assertRefused(404, owner, "GET", "1", "no row: administrators only, not even a peek");
    }
}
