package org.portcullis.filter.authorization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.portcullis.filter.tenancy.Tenant.DEFAULT;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.portcullis.filter.identity.AuthType;
import org.portcullis.filter.identity.Identity;
import org.portcullis.filter.permission.Permission;
import org.portcullis.filter.permission.Subject;
import org.portcullis.filter.persistence.AccessCache;
import org.portcullis.filter.persistence.AccountRows;
import org.portcullis.filter.persistence.Change;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.persistence.Fresh;
import org.portcullis.filter.persistence.PermissionStore;
import org.portcullis.filter.persistence.TestCaches;
import org.portcullis.filter.routing.Route;
import org.portcullis.filter.routing.RoutePattern;
import org.portcullis.filter.tenancy.Tenant;
import org.portcullis.filter.testing.TestClock;
import org.portcullis.model.TestDatabase;
import org.portcullis.model.UserAccount;
import org.portcullis.model.UserGroup;

/**
 * {@link CheckedListings} on a real database seen from two nodes, as in {@code AccessCacheTest}:
 * {@code here}, whose caches are under test, and {@code elsewhere}, another node on the same tables
 * whose writes this one hears nothing of. Whether an answer came from memory shows in the array that
 * goes out: a reply whose items all stay goes out as the very array the check was given, so an equal
 * reply in another array answered with the first array was answered from memory. Every test that
 * remembers also tries a way around the memory: other bytes, another caller, a change here, a change
 * elsewhere, a change while the host ran.
 */
@Tag("database")
class CheckedListingsTest {

    private static final Duration TTL = Duration.ofSeconds(5);
    private static final String NOTE = "note";
    private static final Route NOTES = new Route(RoutePattern.parse("/notes"), NOTE, Optional.empty());

    private final TestDatabase db = TestDatabase.fresh();
    private final TestClock ticker = new TestClock();
    private TestCaches.TwoNodes nodes;
    private Database here;
    private Database elsewhere;
    private AccessCache access;
    private CheckedListings listings;
    private String alice;
    private String bob;

    @BeforeEach
    void start() {
        nodes = TestCaches.TwoNodes.on(db, Set.of(NOTE));
        here = nodes.here();
        elsewhere = nodes.elsewhere();
        access = TestCaches.over(here, TTL, 1000, ticker);
        listings = new CheckedListings(access, 1024 * 1024);
        alice = newUser();
        bob = newUser();
        register("1", alice);
        register("2", alice);
        register("3", bob);
    }

    @AfterEach
    void stop() throws Exception {
        nodes.close();
    }

    private String newUser() {
        return elsewhere.inTransaction(em -> {
            UserAccount user = new UserAccount(UUID.randomUUID() + "@example.com", "Test", "not a hash");
            em.persist(user);
            UserGroup own = new UserGroup(UserGroup.personalGroupName(user.getId()), user.getId());
            em.persist(own);
            AccountRows.addMember(em, user, own);
            return user.getId();
        });
    }

    private void register(String instanceId, String ownerId) {
        elsewhere.inTransaction(Change.nothing(), em -> PermissionStore.register(em, NOTE, instanceId, ownerId, null,
                Permission.INSTANCE_DEFAULT));
    }

    private void transferElsewhere(String instanceId, String newOwner) {
        elsewhere.inTransaction(Change.nothing(), em -> {
            PermissionStore.transfer(em, NOTE, instanceId, newOwner);
            return null;
        });
    }

    private static Identity user(String id) {
        if (id == null) {
            return Identity.guest();
        }
        return Identity.user(id, id + "@example.com", "Test", AuthType.BEARER, UUID.randomUUID().toString(),
                Instant.now().plusSeconds(3600));
    }

    private void pass(Duration time) {
        ticker.advance(time);
    }

    private static byte[] notes(String... ids) {
        StringBuilder json = new StringBuilder("[");
        for (String id : ids) {
            json.append(json.length() > 1 ? "," : "").append("{\"id\":").append(id).append(",\"text\":\"note ")
                    .append(id).append("\"}");
        }
        return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The guard's call: the changes counted before the caller's groups are read, then the check. */
    private byte[] list(String userId, byte[] reply) throws IOException {
        long changes = access.changes();
        Fresh<Subject> asked = access.freshSubject(user(userId).userId());
        return listings.check(DEFAULT, asked, changes, NOTES, reply);
    }

    @Test
    void checkWhenTheSameCallerGetsAnEqualReplyAgainThenWhatWentOutThenGoesOutAgain() throws IOException {
        byte[] first = notes("1", "2");

        assertSame(first, list(alice, first), "every item stays: the host's own bytes");
        assertSame(first, list(alice, first.clone()), "answered from memory");
        assertEquals(1, listings.size());
    }

    @Test
    void checkWhenItemsWereRemovedThenTheRememberedAnswerIsTheFilteredReply() throws IOException {
        byte[] sent = list(alice, notes("1", "3", "2"));

        assertArrayEquals(notes("1", "2"), sent);
        assertSame(sent, list(alice, notes("1", "3", "2")), "answered from memory");
    }

    @Test
    void checkWhenTheReplyDiffersInOneByteThenItIsCheckedAgain() throws IOException {
        byte[] first = notes("1", "2");
        list(alice, first);
        byte[] other = notes("1", "3"); // same length, bob's note in place of alice's second

        assertArrayEquals(notes("1"), list(alice, other), "bob's note never rides on alice's earlier answer");
        assertArrayEquals(notes("1"), list(alice, notes("1", "3")));
    }

    @Test
    void checkWhenAnotherCallerGetsTheSameReplyThenTheirOwnRowsDecide() throws IOException {
        byte[] reply = notes("1", "2", "3");
        assertArrayEquals(notes("1", "2"), list(alice, reply));

        assertArrayEquals(notes("3"), list(bob, reply.clone()), "bob gets his own answer, not alice's");
        assertArrayEquals(notes(), list(null, reply.clone()), "a guest reads none of them");
        assertArrayEquals(notes("1", "2"), list(alice, reply.clone()));
    }

    @Test
    void checkWhenTheSameCallerListsInAnotherTenantThenTheReplyIsCheckedAgain() throws IOException {
        byte[] reply = notes("1", "3", "2");
        byte[] sent = list(alice, reply);

        byte[] there = listings.check(new Tenant("other"), access.freshSubject(user(alice).userId()), access.changes(),
                NOTES, reply.clone());

        assertNotSame(sent, there, "another tenant's answer is its own");
        assertEquals(2, listings.size());
        assertSame(sent, list(alice, reply.clone()), "the default tenant's is still remembered");
    }

    @Test
    void checkWhenARowChangesOnThisNodeThenTheNextListingIsCheckedAgainAtOnce() throws IOException {
        byte[] reply = notes("1", "2");
        assertSame(reply, list(alice, reply));

        here.inTransaction(Change.instance(NOTE, "2"), em -> {
            PermissionStore.transfer(em, NOTE, "2", bob);
            return null;
        });

        assertArrayEquals(notes("1"), list(alice, reply.clone()));
    }

    @Test
    void checkWhenAMembershipChangesOnThisNodeThenTheNextListingIsCheckedAgainAtOnce() throws IOException {
        byte[] reply = notes("1", "2", "3");
        assertArrayEquals(notes("1", "2"), list(alice, reply));

        here.inTransaction(Change.user(alice), em -> {
            AccountRows.addMember(em, em.find(UserAccount.class, alice),
                    AccountRows.groupByName(em, UserGroup.ADMINISTRATORS).orElseThrow());
            return null;
        });

        // Administrators are not filtered by the guard; here the rule itself lets them read bob's note.
        assertArrayEquals(notes("1", "2", "3"), list(alice, reply.clone()));
    }

    @Test
    void checkWhenARowChangesElsewhereThenTheOldAnswerHoldsUntilTheRowsTimeToLiveAndNotLonger() throws IOException {
        byte[] reply = notes("1", "2");
        assertSame(reply, list(alice, reply));
        transferElsewhere("2", bob);

        pass(TTL.minusMillis(1));
        assertSame(reply, list(alice, reply.clone()), "within cache.ttl, as every cached row");
        pass(Duration.ofMillis(1));
        assertArrayEquals(notes("1"), list(alice, reply.clone()), "read again once the rows are past their time");
    }

    @Test
    void checkWhenTheRowsWereReadEarlierThenTheAnswerExpiresWithThemNotAfterIt() throws IOException {
        byte[] reply = notes("1", "2");
        assertArrayEquals(notes(), list(bob, reply)); // the rows of 1 and 2 are read at 0 s
        pass(Duration.ofSeconds(4));
        assertSame(reply, list(alice, reply)); // alice's groups read at 4 s, the rows from memory
        transferElsewhere("2", bob);

        pass(Duration.ofSeconds(1)); // 5 s after the rows were read, 1 s after alice's groups
        assertArrayEquals(notes("1"), list(alice, reply.clone()),
                "an answer lives no longer than the oldest row it was drawn from");
    }

    @Test
    void checkWhenAChangeCommitsWhileTheHostRunsThenTheAnswerIsNotRemembered() throws IOException {
        long changes = access.changes();
        Fresh<Subject> asked = access.freshSubject(user(alice).userId());
        here.inTransaction(Change.instance(NOTE, "9"), em -> null); // a commit after the rows were read
        byte[] reply = notes("1", "2");
        assertSame(reply, listings.check(DEFAULT, asked, changes, NOTES, reply));

        byte[] again = reply.clone();
        assertSame(again, list(alice, again), "checked again: the first answer was not kept");
    }

    @Test
    void checkWhenATokenIsRevokedThenRememberedAnswersStay() throws IOException {
        byte[] reply = notes("1", "2");
        list(alice, reply);

        here.inTransaction(Change.token(UUID.randomUUID().toString()), em -> null);

        assertSame(reply, list(alice, reply.clone()), "a sign-out is the identity's business, checked per request");
    }

    @Test
    void checkWhenRememberingIsOffThenEveryReplyIsChecked() throws IOException {
        CheckedListings off = new CheckedListings(access, 0);
        byte[] reply = notes("1", "2");
        Fresh<Subject> asked = access.freshSubject(user(alice).userId());
        assertSame(reply, off.check(DEFAULT, asked, access.changes(), NOTES, reply));

        byte[] again = reply.clone();
        assertSame(again, off.check(DEFAULT, asked, access.changes(), NOTES, again));
        assertEquals(0, off.size());
    }

    @Test
    void checkWhenTheCacheHasNoTimeToLiveThenNothingIsRemembered() throws IOException {
        AccessCache uncached = TestCaches.over(here, Duration.ZERO, 1000, ticker);
        CheckedListings checked = new CheckedListings(uncached, 1024 * 1024);
        byte[] reply = notes("1", "2");
        checked.check(DEFAULT, uncached.freshSubject(user(alice).userId()), uncached.changes(), NOTES, reply);

        byte[] again = reply.clone();
        assertSame(again, checked.check(DEFAULT, uncached.freshSubject(user(alice).userId()), uncached.changes(), NOTES, again));
    }

    @Test
    void checkWhenAReplyIsLargerThanTheMemoryThenItIsNotKept() throws IOException {
        CheckedListings small = new CheckedListings(access, 100);
        byte[] reply = notes("1", "2", "1", "2", "1", "2");
        Fresh<Subject> asked = access.freshSubject(user(alice).userId());
        small.check(DEFAULT, asked, access.changes(), NOTES, reply);

        assertEquals(0, small.size());
        byte[] again = reply.clone();
        assertSame(again, small.check(DEFAULT, asked, access.changes(), NOTES, again));
    }

    @Test
    void constructorWhenTheSizeIsNegativeThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CheckedListings(access, -1));
    }
}
