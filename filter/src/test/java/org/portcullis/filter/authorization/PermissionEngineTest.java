package org.portcullis.filter.authorization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.portcullis.filter.identity.Identity;
import org.portcullis.filter.permission.Permission;
import org.portcullis.filter.permission.Permission.Action;
import org.portcullis.filter.persistence.Change;
import org.portcullis.filter.persistence.PermissionEdits;
import org.portcullis.filter.persistence.PermissionStore;

/**
 * {@link PermissionEngine} on a real database through the real {@code Database}: the same answers as a
 * guarded request, and who may register, share and transfer.
 */
@Tag("database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PermissionEngineTest {

    private static final String NOTE = "note";
    private static final AtomicLong IDS = new AtomicLong(1000);

    private PermissionEngineWorld world;
    private PermissionEngine permissions;

    @BeforeAll
    void start() {
        world = new PermissionEngineWorld();
        permissions = world.permissions;
    }

    @AfterAll
    void stop() throws Exception {
        world.close();
    }

    private static String newId() {
        return Long.toString(IDS.incrementAndGet());
    }

    private static String group(String name) {
        return name + "-" + UUID.randomUUID();
    }

    private String noteOf(Identity owner) {
        String id = newId();
        permissions.register(owner, NOTE, id);
        return id;
    }

    /** The actions {@code who} may do to the note, asked one by one. */
    private Set<Action> allowed(Identity who, String id) {
        Set<Action> allowed = EnumSet.noneOf(Action.class);
        for (Action action : Action.values()) {
            if (permissions.may(who, NOTE, id, action)) {
                allowed.add(action);
            }
        }
        return allowed;
    }

    /** What an owner may do to a note with the defaults: the entity's row withholds Refer from the group tier. */
    private static final Set<Action> OWNER_BY_DEFAULT = EnumSet.complementOf(EnumSet.of(Action.REFER));

    @Test
    void ownerWhenRegisteredThenMayDoAllButReferWhichTheEntityDefaultWithholds() {
        Identity alice = world.user("alice");
        String id = noteOf(alice);

        assertEquals(OWNER_BY_DEFAULT, allowed(alice, id));
        assertEquals(PermissionEngineWorld.id(alice), world.ownerOf(NOTE, id));
    }

    @Test
    void ownerWhenEntityAlsoGrantsReferThenMayRefer() {
        Identity alice = world.user("alice");
        String id = noteOf(alice);
        world.setWorldPermission("file", Permission.ENTITY_DEFAULT.with(Permission.Tier.GROUP, Action.REFER));
        String file = newId();
        permissions.register(alice, "file", file);

        assertFalse(permissions.may(alice, NOTE, id, Action.REFER));
        assertTrue(permissions.may(alice, "file", file, Action.REFER));
    }

    @Test
    void otherUserWhenNothingSharedThenMayOnlyPeek() {
        String id = noteOf(world.user("alice"));

        assertEquals(EnumSet.of(Action.PEEK), allowed(world.user("bob"), id));
    }

    @Test
    void guestWhenInstanceHasTheDefaultsThenMayOnlyPeek() {
        String id = noteOf(world.user("alice"));

        assertEquals(EnumSet.of(Action.PEEK), allowed(Identity.guest(), id));
    }

    @Test
    void groupsWhenSharedReadOnlyAndReadWriteThenEachMemberGetsItsLinkAndMembersOfBothTheUnion() {
        String readers = group("readers");
        String writers = group("writers");
        Identity alice = world.user("alice");
        Identity reader = world.user("reader", readers);
        Identity writer = world.user("writer", writers);
        Identity both = world.user("both", readers, writers);
        String id = noteOf(alice);

        permissions.share(alice, NOTE, id, readers, Permission.parse("group:pr"));
        permissions.share(alice, NOTE, id, writers, Permission.parse("group:u"));

        assertEquals(EnumSet.of(Action.PEEK, Action.READ), allowed(reader, id));
        assertEquals(EnumSet.of(Action.UPDATE), allowed(writer, id), "the group tier, not the guest tier's peek");
        assertEquals(EnumSet.of(Action.PEEK, Action.READ, Action.UPDATE), allowed(both, id));
    }

    @Test
    void shareWhenTheGroupIsLinkedAlreadyThenItsPermissionIsReplaced() {
        String editors = group("editors");
        Identity alice = world.user("alice");
        Identity editor = world.user("editor", editors);
        String id = noteOf(alice);
        permissions.share(alice, NOTE, id, editors, Permission.parse("group:pru"));

        permissions.share(alice, NOTE, id, editors, Permission.parse("group:p"));

        assertEquals(EnumSet.of(Action.PEEK), allowed(editor, id));
    }

    @Test
    void shareWhenCallerMayNotReferThenRefusedAndNobodyGainsAccess() {
        String readers = group("readers");
        String target = group("target");
        Identity alice = world.user("alice");
        Identity reader = world.user("reader", readers);
        Identity stranger = world.user("stranger");
        Identity inTarget = world.user("carol", target);
        String id = noteOf(alice);
        permissions.share(alice, NOTE, id, readers, Permission.parse("group:pr"));

        assertThrows(PermissionDeniedException.class,
                () -> permissions.share(stranger, NOTE, id, target, Permission.parse("group:pr")));
        assertThrows(PermissionDeniedException.class,
                () -> permissions.share(reader, NOTE, id, target, Permission.parse("group:pr")),
                "reading is not referring");
        assertThrows(SecurityException.class,
                () -> permissions.share(Identity.guest(), NOTE, id, target, Permission.parse("group:pr")));

        assertFalse(permissions.may(inTarget, NOTE, id, Action.READ));
    }

    @Test
    void shareWhenALinkGrantsReferThenItsMembersMayShareToo() {
        String leads = group("leads");
        String team = group("team");
        Identity alice = world.user("alice");
        Identity lead = world.user("lead", leads);
        Identity member = world.user("member", team);
        String id = noteOf(alice);
        permissions.share(alice, NOTE, id, leads, Permission.parse("group:prf"));

        permissions.share(lead, NOTE, id, team, Permission.parse("group:pr"));

        assertTrue(permissions.may(member, NOTE, id, Action.READ));
    }

    @Test
    void shareWhenPermissionHasOwnerOrGuestBitsThenRefusedAsAMistake() {
        String readers = group("readers");
        Identity alice = world.user("alice");
        world.user("reader", readers);
        String id = noteOf(alice);

        assertThrows(IllegalArgumentException.class,
                () -> permissions.share(alice, NOTE, id, readers, Permission.parse("owner:r")));
        assertThrows(IllegalArgumentException.class,
                () -> permissions.share(alice, NOTE, id, readers, Permission.INSTANCE_DEFAULT));
    }

    @Test
    void shareWhenGroupDoesNotExistThenIllegalArgument() {
        Identity alice = world.user("alice");
        String id = noteOf(alice);

        assertThrows(IllegalArgumentException.class,
                () -> permissions.share(alice, NOTE, id, group("nobody"), Permission.parse("group:pr")));
    }

    @Test
    void transferWhenOwnerThenNewOwnerMayEverythingFormerOwnerOnlyPeeksAndOtherSharesStay() {
        String readers = group("readers");
        Identity alice = world.user("alice");
        Identity bob = world.user("bob");
        Identity reader = world.user("reader", readers);
        String id = noteOf(alice);
        permissions.share(alice, NOTE, id, readers, Permission.parse("group:pr"));

        permissions.transfer(alice, NOTE, id, PermissionEngineWorld.id(bob));

        assertEquals(PermissionEngineWorld.id(bob), world.ownerOf(NOTE, id));
        assertEquals(OWNER_BY_DEFAULT, allowed(bob, id));
        permissions.share(bob, NOTE, id, readers, Permission.parse("group:pr")); // the new owner may Refer
        assertEquals(EnumSet.of(Action.PEEK), allowed(alice, id), "her own group's link went with the note");
        assertTrue(permissions.may(reader, NOTE, id, Action.READ));
    }

    @Test
    void transferWhenNeitherOwnerNorAdministratorThenRefusedEvenWithUpdateAndRefer() {
        String editors = group("editors");
        Identity alice = world.user("alice");
        Identity editor = world.user("editor", editors);
        String id = noteOf(alice);
        permissions.share(alice, NOTE, id, editors, Permission.parse("group:prudxf"));

        assertThrows(PermissionDeniedException.class,
                () -> permissions.transfer(editor, NOTE, id, PermissionEngineWorld.id(editor)));
        assertThrows(PermissionDeniedException.class,
                () -> permissions.transfer(Identity.guest(), NOTE, id, PermissionEngineWorld.id(editor)));

        assertEquals(PermissionEngineWorld.id(alice), world.ownerOf(NOTE, id));
    }

    @Test
    void transferWhenAdministratorThenAllowed() {
        Identity alice = world.user("alice");
        Identity bob = world.user("bob");
        String id = noteOf(alice);

        permissions.transfer(world.administrator(), NOTE, id, PermissionEngineWorld.id(bob));

        assertEquals(PermissionEngineWorld.id(bob), world.ownerOf(NOTE, id));
        assertTrue(permissions.may(bob, NOTE, id, Action.DELETE));
    }

    @Test
    void transferWhenNewOwnerDoesNotExistThenIllegalArgumentAndOwnerUnchanged() {
        Identity alice = world.user("alice");
        String id = noteOf(alice);

        assertThrows(IllegalArgumentException.class,
                () -> permissions.transfer(alice, NOTE, id, UUID.randomUUID().toString()));

        assertEquals(PermissionEngineWorld.id(alice), world.ownerOf(NOTE, id));
    }

    @Test
    void administratorWhenAskedThenMayEverythingEvenOnAnUnregisteredInstance() {
        Identity admin = world.administrator();
        String registered = noteOf(world.user("alice"));

        assertEquals(EnumSet.allOf(Action.class), allowed(admin, registered));
        assertEquals(EnumSet.allOf(Action.class), allowed(admin, newId()));
    }

    @Test
    void unregisteredInstanceWhenAskedThenNobodyButAdministratorsMayAnything() {
        String id = newId();

        assertEquals(EnumSet.noneOf(Action.class), allowed(world.user("alice"), id));
        assertEquals(EnumSet.noneOf(Action.class), allowed(Identity.guest(), id));
    }

    @Test
    void shareOrTransferWhenUnregisteredThenAdministratorsAreToldAndOthersRefused() {
        Identity admin = world.administrator();
        Identity alice = world.user("alice");
        String id = newId();

        assertThrows(IllegalStateException.class,
                () -> permissions.share(admin, NOTE, id, "users", Permission.parse("group:pr")));
        assertThrows(IllegalStateException.class,
                () -> permissions.transfer(admin, NOTE, id, PermissionEngineWorld.id(alice)));
        assertThrows(PermissionDeniedException.class,
                () -> permissions.share(alice, NOTE, id, "users", Permission.parse("group:pr")));
        assertThrows(PermissionDeniedException.class,
                () -> permissions.transfer(alice, NOTE, id, PermissionEngineWorld.id(alice)));
        assertEquals(null, world.ownerOf(NOTE, id));
    }

    @Test
    void registerWhenAlreadyRegisteredThenRefusedAndTheFirstOwnerKeepsIt() {
        Identity alice = world.user("alice");
        Identity bob = world.user("bob");
        String id = noteOf(alice);

        assertThrows(IllegalStateException.class, () -> permissions.register(bob, NOTE, id));

        assertEquals(PermissionEngineWorld.id(alice), world.ownerOf(NOTE, id));
        assertFalse(permissions.may(bob, NOTE, id, Action.READ));
    }

    @Test
    void registerWhenGuestThenIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> permissions.register(Identity.guest(), NOTE, newId()));
    }

    @Test
    void registerWhenTheEntityDoesNotLetTheOwnerCreateThenRefused() {
        Identity outsider = world.user("outsider");
        world.leaveUsers(outsider);
        String id = newId();

        assertThrows(PermissionDeniedException.class, () -> permissions.register(outsider, NOTE, id));
        assertThrows(PermissionDeniedException.class,
                () -> permissions.register(world.user("alice"), "entity_nobody_named", id),
                "an entity without a world row grants nothing");
        assertEquals(null, world.ownerOf(NOTE, id));
    }

    @Test
    void mayWhenTheEntityLevelRefusesThenFalseEvenForTheOwner() {
        Identity alice = world.user("alice");
        String id = noteOf(alice);

        world.leaveUsers(alice);

        assertEquals(EnumSet.of(Action.PEEK), allowed(alice, id), "the world row lets her only peek at notes now");
    }

    @Test
    void mayWhenTheSameIdIsRegisteredForAnotherEntityThenThatRowDoesNotCount() {
        Identity bob = world.user("bob");
        String id = newId();
        permissions.register(bob, "file", id);

        assertTrue(permissions.may(bob, "file", id, Action.READ));
        assertFalse(permissions.may(bob, NOTE, id, Action.PEEK));
    }

    // ---- named-user entries ------------------------------------------------------------------------

    @Test
    void namedUserWhenTheirEntryGivesMoreOrLessThanTheirGroupThenMayFollowsTheEntryAndNotForOthers() {
        String editors = group("editors");
        Identity alice = world.user("alice");
        Identity bob = world.user("bob", editors);
        Identity carol = world.user("carol", editors);
        Identity dave = world.user("dave");
        String id = noteOf(alice);
        permissions.share(alice, NOTE, id, editors, Permission.parse("group:prud"));

        world.setUserEntry(NOTE, id, bob, Action.PEEK.bit());
        world.setUserEntry(NOTE, id, dave, Action.PEEK.bit() | Action.READ.bit() | Action.UPDATE.bit());

        assertEquals(EnumSet.of(Action.PEEK), allowed(bob, id), "less than his group");
        assertEquals(EnumSet.of(Action.PEEK, Action.READ, Action.UPDATE), allowed(dave, id), "more than guests");
        assertEquals(EnumSet.of(Action.PEEK, Action.READ, Action.UPDATE, Action.DELETE), allowed(carol, id),
                "carol keeps the group's link");
    }

    @Test
    void namedUserWhenTheEntityEntryRefusesThenMayRefusesEveryInstanceAndRemovingItRestoresAtOnce() {
        Identity alice = world.user("alice");
        String id = noteOf(alice);
        assertTrue(permissions.may(alice, NOTE, id, Action.READ));

        world.database.inTransaction(Change.entity(NOTE),
                em -> PermissionEdits.setWorldUser(em, NOTE, PermissionEngineWorld.id(alice), 0));
        try {
            assertFalse(permissions.may(alice, NOTE, id, Action.READ), "the entity's entry for alice decides first");
            assertEquals(ReadableFilter.NO_ROW, permissions.readableBy(alice, NOTE, "n.id"));
        } finally {
            world.database.inTransaction(Change.entity(NOTE),
                    em -> PermissionEdits.removeWorldUser(em, NOTE, PermissionEngineWorld.id(alice)));
        }
        assertTrue(permissions.may(alice, NOTE, id, Action.READ), "the cache forgot the entry with its change");
    }

    @Test
    void instanceWhenDeletedThenItsEntriesGoWithItAndAReusedIdStartsWithoutThem() {
        Identity alice = world.user("alice");
        Identity bob = world.user("bob");
        Identity eve = world.user("eve");
        String id = noteOf(alice);
        world.setUserEntry(NOTE, id, bob, 127);
        assertTrue(permissions.may(bob, NOTE, id, Action.DELETE));

        world.database.inTransaction(Change.instance(NOTE, id),
                em -> PermissionStore.remove(em, NOTE, id));
        permissions.register(eve, NOTE, id);

        assertFalse(permissions.may(bob, NOTE, id, Action.READ), "bob's entry on the deleted note is gone");
        long left = world.database.read(em -> em.createQuery("select count(u) from InstanceUser u where u.userId = :user",
                Long.class).setParameter("user", PermissionEngineWorld.id(bob)).getSingleResult());
        assertEquals(0L, left, "no orphan left");
    }

    @Test
    void shareWithUserWhenAReferrerGivesThemselvesOrAFriendMoreThanTheyHoldThenRefusedAndNobodyGains() {
        String sharers = group("sharers");
        Identity alice = world.user("alice");
        Identity bob = world.user("bob", sharers);
        Identity carol = world.user("carol");
        String id = noteOf(alice);
        permissions.share(alice, NOTE, id, sharers, Permission.parse("group:prf"));
        int prud = Permission.parseTierBits("prud");

        assertThrows(PermissionDeniedException.class,
                () -> permissions.shareWithUser(bob, NOTE, id, PermissionEngineWorld.id(bob), prud));
        assertThrows(PermissionDeniedException.class,
                () -> permissions.shareWithUser(bob, NOTE, id, PermissionEngineWorld.id(carol), prud));
        assertThrows(PermissionDeniedException.class,
                () -> permissions.shareWithUser(carol, NOTE, id, PermissionEngineWorld.id(carol), 1));
        assertFalse(permissions.may(bob, NOTE, id, Action.UPDATE));
        assertFalse(permissions.may(carol, NOTE, id, Action.READ));

        permissions.shareWithUser(bob, NOTE, id, PermissionEngineWorld.id(carol), Permission.parseTierBits("pr"));
        assertTrue(permissions.may(carol, NOTE, id, Action.READ), "within what bob holds");
        assertFalse(permissions.may(carol, NOTE, id, Action.UPDATE));
        permissions.shareWithUser(alice, NOTE, id, PermissionEngineWorld.id(carol), prud);
        assertTrue(permissions.may(carol, NOTE, id, Action.DELETE), "the owner gives anything");
        assertThrows(IllegalArgumentException.class, () -> permissions.shareWithUser(alice, NOTE, id, "nobody", 1));
        assertThrows(IllegalArgumentException.class,
                () -> permissions.shareWithUser(alice, NOTE, id, PermissionEngineWorld.id(carol), 128));
    }
}
