package org.portcullis.filter.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.portcullis.filter.permission.AccessRow;
import org.portcullis.filter.permission.Permission;
import org.portcullis.filter.tenancy.Tenant;
import org.portcullis.model.TestDatabase;
import org.portcullis.model.UserAccount;
import org.portcullis.model.UserGroup;
import org.portcullis.model.UserStatus;

/**
 * {@link AccessCache} on a real database, seen from two nodes: {@code here}, whose cache is under
 * test, and {@code elsewhere}, another {@link Database} on the same tables whose writes this node
 * hears nothing of. A change made here is seen at once; one made elsewhere when the entry's
 * time-to-live has passed, and not before.
 */
@Tag("database")
class AccessCacheTest {

    private static final Duration TTL = Duration.ofSeconds(5);
    private static final String NOTE = "note";

    private final TestDatabase db = TestDatabase.fresh();
    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;
    private TestCaches.TwoNodes nodes;
    private Database here;
    private Database elsewhere;
    private AccessCache cache;

    @BeforeEach
    void start() {
        nodes = TestCaches.TwoNodes.on(db, Set.of(NOTE));
        here = nodes.here();
        elsewhere = nodes.elsewhere();
        cache = AccessCache.over(here, TTL, 1000, ticker);
    }

    @AfterEach
    void stop() throws Exception {
        nodes.close();
    }

    private void pass(Duration time) {
        nanos.addAndGet(time.toNanos());
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

    private static void makeAdministrator(Database on, String userId, Change change) {
        on.inTransaction(change, em -> {
            AccountRows.addMember(em, em.find(UserAccount.class, userId),
                    AccountRows.groupByName(em, UserGroup.ADMINISTRATORS).orElseThrow());
            return null;
        });
    }

    private void register(Database on, String instanceId, String ownerId) {
        on.inTransaction(Change.nothing(), em -> PermissionStore.register(em, NOTE, instanceId, ownerId, null,
                Permission.INSTANCE_DEFAULT));
    }

    @Test
    void subjectWhenChangedElsewhereThenOldUntilTheTimeToLiveThenNew() {
        String user = newUser();
        assertFalse(cache.subject(user).administrator());

        makeAdministrator(elsewhere, user, Change.user(user));

        assertFalse(cache.subject(user).administrator(), "served from memory within the time-to-live");
        pass(TTL);
        assertTrue(cache.subject(user).administrator(), "read again after the time-to-live");
        assertTrue(cache.groupNames(user).contains(UserGroup.ADMINISTRATORS));
    }

    @Test
    void subjectWhenChangedHereThenSeenAtOnce() {
        String user = newUser();
        assertFalse(cache.subject(user).administrator());

        assertFalse(cache.groupNames(user).contains(UserGroup.ADMINISTRATORS));

        makeAdministrator(here, user, Change.user(user));

        assertTrue(cache.subject(user).administrator());
        assertTrue(cache.groupNames(user).contains(UserGroup.ADMINISTRATORS));
    }

    @Test
    void writeWhenItNamesNoChangeThenEveryCacheIsEmptied() {
        String user = newUser();
        register(elsewhere, "1", user);
        assertFalse(cache.subject(user).administrator());
        assertTrue(cache.instance(NOTE, "1").isPresent());
        assertTrue(cache.world(NOTE).isPresent());
        makeAdministrator(elsewhere, user, Change.nothing());
        elsewhere.inTransaction(em -> PermissionStore.remove(em, NOTE, "1"));
        elsewhere.inTransaction(em -> PermissionStore.updateWorld(em, NOTE, Permission.of(0), null));

        here.inTransaction(em -> null);

        assertTrue(cache.subject(user).administrator());
        assertTrue(cache.instance(NOTE, "1").isEmpty());
        assertEquals(Permission.of(0), cache.world(NOTE).orElseThrow().permission());
    }

    @Test
    void instanceWhenOneIsChangedHereThenOnlyThatOneIsReadAgain() {
        String alice = newUser();
        String bob = newUser();
        register(elsewhere, "1", alice);
        register(elsewhere, "2", alice);
        assertEquals(alice, cache.instance(NOTE, "1").orElseThrow().ownerId());
        assertEquals(alice, cache.instance(NOTE, "2").orElseThrow().ownerId());
        for (String id : List.of("1", "2")) {
            elsewhere.inTransaction(Change.nothing(), em -> {
                PermissionStore.transfer(em, NOTE, id, bob);
                return null;
            });
        }

        cache.forget(Change.instance(NOTE, "1"));

        assertEquals(bob, cache.instance(NOTE, "1").orElseThrow().ownerId());
        assertEquals(alice, cache.instance(NOTE, "2").orElseThrow().ownerId(), "instance 2 was not named");
    }

    @Test
    void instanceWhenNotRegisteredThenTheAbsenceIsCachedUntilARegistrationHere() {
        String alice = newUser();
        assertTrue(cache.instance(NOTE, "7").isEmpty());

        register(elsewhere, "7", alice);
        assertTrue(cache.instance(NOTE, "7").isEmpty(), "no row is remembered like a row");
        assertNull(cache.instances(NOTE, List.of("7"))[0]);

        here.inTransaction(Change.instance(NOTE, "7"), em -> null);
        assertTrue(cache.instance(NOTE, "7").isPresent());
    }

    @Test
    void instancesWhenSomeAreCachedThenThoseComeFromMemoryAndTheRestFromTheDatabase() {
        String alice = newUser();
        String bob = newUser();
        register(elsewhere, "1", alice);
        assertEquals(alice, cache.instance(NOTE, "1").orElseThrow().ownerId());
        elsewhere.inTransaction(Change.nothing(), em -> {
            PermissionStore.transfer(em, NOTE, "1", bob);
            return null;
        });
        register(elsewhere, "2", bob);

        AccessRow[] rows = cache.instances(NOTE, List.of("1", "2", "3"));

        assertEquals(3, rows.length, "one answer per id, in order");
        assertEquals(alice, rows[0].ownerId(), "1 was cached");
        assertEquals(bob, rows[1].ownerId(), "2 was read");
        assertNull(rows[2], "3 has no row");
    }

    @Test
    void revocationWhenMadeHereThenSeenAtOnceAndWhenMadeElsewhereWithinTheTimeToLive() {
        String signedOutHere = UUID.randomUUID().toString();
        String signedOutElsewhere = UUID.randomUUID().toString();
        assertFalse(cache.freshRevoked(signedOutHere).value());
        assertFalse(cache.freshRevoked(signedOutElsewhere).value());

        Instant expiry = Instant.now().plusSeconds(3600);
        here.inTransaction(Change.token(signedOutHere), em -> {
            Revocations.revoke(em, signedOutHere, expiry);
            return null;
        });
        elsewhere.inTransaction(Change.token(signedOutElsewhere), em -> {
            Revocations.revoke(em, signedOutElsewhere, expiry);
            return null;
        });

        assertTrue(cache.freshRevoked(signedOutHere).value());
        assertFalse(cache.freshRevoked(signedOutElsewhere).value());
        pass(TTL);
        assertTrue(cache.freshRevoked(signedOutElsewhere).value());
    }

    @Test
    void accountWhenDisabledElsewhereThenActiveUntilTheTimeToLive() {
        String user = newUser();
        assertTrue(cache.freshActiveAccount(user).value().isPresent());

        elsewhere.inTransaction(Change.user(user), em -> {
            em.find(UserAccount.class, user).setStatus(UserStatus.INACTIVE);
            return null;
        });

        assertTrue(cache.freshActiveAccount(user).value().isPresent());
        pass(TTL);
        assertTrue(cache.freshActiveAccount(user).value().isEmpty());
        assertTrue(cache.freshActiveAccount(UUID.randomUUID().toString()).value().isEmpty(), "no such user");
    }

    @Test
    void readsWhenEverythingIsCachedThenTheDatabaseIsNotAsked() {
        String user = newUser();
        String tokenId = UUID.randomUUID().toString();
        register(elsewhere, "5", user);
        cache.freshRevoked(tokenId).value();
        cache.freshActiveAccount(user).value();
        cache.subject(user);
        cache.groupNames(user);
        cache.entity(NOTE);
        cache.instances(NOTE, List.of("5", "6"));

        here.close(); // from now on every database call of this node throws

        assertFalse(cache.freshRevoked(tokenId).value());
        assertTrue(cache.freshActiveAccount(user).value().isPresent());
        assertFalse(cache.subject(user).administrator());
        assertEquals(List.of(UserGroup.personalGroupName(user)), cache.groupNames(user));
        assertTrue(cache.world(NOTE).isPresent());
        AccessRow[] rows = cache.instances(NOTE, List.of("5", "6"));
        assertEquals(user, rows[0].ownerId());
        assertNull(rows[1]);
        assertTrue(cache.instance(NOTE, "6").isEmpty());
        assertThrows(DatabaseUnavailableException.class, () -> cache.subject(UUID.randomUUID().toString()),
                "a miss still goes to the database, and fails closed");
    }

    @Test
    void namedUserEntriesWhenCachedThenTheyTravelWithTheirRowAndChangesHereAreSeenAtOnceElsewhereAfterTheTimeToLive() {
        String alice = newUser();
        String bob = newUser();
        register(elsewhere, "8", alice);
        elsewhere.inTransaction(Change.nothing(), em -> PermissionEdits.setInstanceUser(em, NOTE, "8", bob, 3));
        elsewhere.inTransaction(Change.nothing(), em -> PermissionEdits.setWorldUser(em, NOTE, bob, 1));
        assertEquals(3, cache.instance(NOTE, "8").orElseThrow().userEntries().get(bob), "read with the row");
        assertEquals(1, cache.world(NOTE).orElseThrow().userEntries().get(bob));

        elsewhere.inTransaction(Change.nothing(), em -> PermissionEdits.removeInstanceUser(em, NOTE, "8", bob));
        assertEquals(3, cache.instance(NOTE, "8").orElseThrow().userEntries().get(bob), "from memory until the TTL");
        pass(TTL);
        assertTrue(cache.instance(NOTE, "8").orElseThrow().userEntries().isEmpty(), "read again after it");

        here.inTransaction(Change.instance(NOTE, "8"), em -> PermissionEdits.setInstanceUser(em, NOTE, "8", bob, 0));
        assertEquals(0, cache.instance(NOTE, "8").orElseThrow().userEntries().get(bob), "a change here at once");
        here.inTransaction(Change.entity(NOTE), em -> PermissionEdits.removeWorldUser(em, NOTE, bob));
        assertTrue(cache.world(NOTE).orElseThrow().userEntries().isEmpty());

        here.close(); // entries come from the cached rows: no read of their own
        assertEquals(0, cache.instance(NOTE, "8").orElseThrow().userEntries().get(bob));
        assertTrue(cache.world(NOTE).orElseThrow().userEntries().isEmpty());
    }

    @Test
    void instanceWhenCachedForTheDefaultTenantThenAnotherTenantsKeyIsNotIt() {
        String user = newUser();
        register(elsewhere, "5", user);
        assertEquals(user, cache.freshInstance(Tenant.DEFAULT, NOTE, "5").value().orElseThrow().ownerId());
        cache.freshInstances(Tenant.DEFAULT, NOTE, List.of("6"));

        here.close(); // from now on every database call of this node throws

        assertEquals(user, cache.instance(NOTE, "5").orElseThrow().ownerId(), "the default tenant's, from memory");
        assertNull(cache.instances(NOTE, List.of("6"))[0]);
        Tenant other = new Tenant("other");
        assertThrows(DatabaseUnavailableException.class, () -> cache.freshInstance(other, NOTE, "5"),
                "another tenant's note 5 is another row");
        assertThrows(DatabaseUnavailableException.class, () -> cache.freshInstances(other, NOTE, List.of("6")));
    }

    @Test
    void cacheWhenTimeToLiveZeroThenEveryChangeElsewhereIsSeenAtOnce() {
        AccessCache off = AccessCache.over(here, Duration.ZERO, 1000, ticker);
        String user = newUser();
        assertFalse(off.subject(user).administrator());
        assertTrue(off.instance(NOTE, "9").isEmpty());

        makeAdministrator(elsewhere, user, Change.nothing());
        register(elsewhere, "9", user);

        assertTrue(off.subject(user).administrator());
        assertTrue(off.instance(NOTE, "9").isPresent());
        assertEquals(0, off.size());
    }

    @Test
    void changesWhenAnythingButATokenIsForgottenThenCounted() {
        long before = cache.changes();
        cache.forget(Change.token("t"));
        cache.forget(Change.Region.TOKENS);
        assertEquals(before, cache.changes(), "tokens decide who asks, not what they may read");

        cache.forget(Change.instance(NOTE, "1"));
        cache.forget(Change.user("u"));
        cache.forget(Change.all(Change.entity(NOTE), Change.token("t")));
        assertEquals(before + 3, cache.changes());
    }

    @Test
    void freshWhenRowsWereReadAtDifferentTimesThenTheyStandUntilTheOldestPlusTheTimeToLive() {
        String user = newUser();
        register(elsewhere, "1", user);
        register(elsewhere, "2", user);
        long start = nanos.get();
        cache.instances(NOTE, List.of("1"));
        pass(Duration.ofSeconds(3));

        Fresh<AccessRow[]> rows = cache.freshInstances(NOTE, List.of("1", "2"));

        assertEquals(start + TTL.toNanos(), rows.until(), "row 1 was read 3 s ago");
        assertEquals(nanos.get() + TTL.toNanos(), cache.freshSubject(Optional.of(user)).until(), "read now");
        assertTrue(cache.freshSubject(Optional.empty()).until() - nanos.get() > Duration.ofDays(3650).toNanos(),
                "a guest has no row to grow old");
    }
}
