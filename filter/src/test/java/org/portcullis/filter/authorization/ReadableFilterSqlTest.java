package org.portcullis.filter.authorization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.portcullis.filter.tenancy.Tenant;
import org.portcullis.model.InstancePermission;
import org.portcullis.model.WorldEntity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.portcullis.filter.identity.Identity;
import org.portcullis.filter.permission.Permission;
import org.portcullis.filter.permission.Permission.Action;

/**
 * {@link PermissionEngine#readableBy}'s SQL run for real inside a host's query, on H2, PostgreSQL and
 * MariaDB: it keeps exactly the rows {@link PermissionEngine#may} lets each user read, tier by tier.
 *
 * <p>The notes (a host table with a {@code BIGINT} id), readable by:
 * <pre>
 *   1  alice's                                    alice
 *   2  alice's, readers group:pr                  alice, bob, carol
 *   3  alice's, peekers group:p, guest read       alice, bob, guest   (carol's linked group tier wins: no read)
 *   4  bob's                                      bob
 *   5  alice's, owner:p guest:pr                  bob, carol, guest   (alice's owner tier wins: no read)
 *   6  never registered                           nobody
 *   7  alice's, transferred to bob                bob
 *   8  registered only as a file (bob's)          nobody
 *   9  alice's, readers group:pr, peekers group:p alice, bob, carol   (carol: the union of her links)
 *  10  alice's, readers group:pr, carol's entry 0 alice, bob          (carol's named entry takes away)
 *  11  alice's, carol's entry pr, alice's entry 0 alice, carol        (carol's entry gives; alice owns it)
 *  12  alice's, guest read, bob's entry p         alice, carol, guest (bob's entry: peek only)
 * </pre>
 * Administrators read all twelve. Guests may read the note entity here (its world row is opened to them).
 */
@Tag("database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadableFilterSqlTest {

    private static final String NOTE = "note";

    private PermissionEngineWorld world;
    private PermissionEngine permissions;
    private String notes;
    private String files;
    private Identity alice;
    private Identity bob;
    private Identity carol;

    @BeforeAll
    void hostTablesAndPermissions() throws SQLException {
        world = new PermissionEngineWorld();
        permissions = world.permissions;
        notes = world.db.prefix() + "host_note"; // the test prefix, so that dropTables() removes it too
        files = world.db.prefix() + "host_file";
        try (Connection c = world.db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + notes + " (id BIGINT PRIMARY KEY, text VARCHAR(100))");
            s.execute("CREATE TABLE " + files + " (slug VARCHAR(64) PRIMARY KEY)");
            for (int id = 1; id <= 12; id++) {
                s.execute("INSERT INTO " + notes + " (id, text) VALUES (" + id + ", 'note " + id + "')");
            }
            s.execute("INSERT INTO " + files + " (slug) VALUES ('alpha'), ('beta'), ('gamma')");
        }
        String readers = "readers-" + UUID.randomUUID();
        String peekers = "peekers-" + UUID.randomUUID();
        alice = world.user("alice");
        bob = world.user("bob", readers);
        carol = world.user("carol", readers, peekers);
        world.setWorldPermission(NOTE, Permission.ENTITY_DEFAULT.with(Permission.Tier.GUEST, Action.READ));

        for (String id : List.of("1", "2", "3", "5", "7", "9")) {
            permissions.register(alice, NOTE, id);
        }
        permissions.register(bob, NOTE, "4");
        permissions.share(alice, NOTE, "2", readers, Permission.parse("group:pr"));
        permissions.share(alice, NOTE, "3", peekers, Permission.parse("group:p"));
        world.setInstancePermission(NOTE, "3", Permission.parse("owner:prcudxf guest:pr"));
        world.setInstancePermission(NOTE, "5", Permission.parse("owner:p guest:pr"));
        permissions.transfer(alice, NOTE, "7", PermissionEngineWorld.id(bob));
        permissions.register(bob, "file", "8");
        permissions.share(alice, NOTE, "9", readers, Permission.parse("group:pr"));
        permissions.share(alice, NOTE, "9", peekers, Permission.parse("group:p"));
        permissions.register(bob, "file", "alpha");
        permissions.register(alice, "file", "beta");
        permissions.register(alice, "file", "gamma");
        world.setInstancePermission("file", "gamma", Permission.parse("owner:prcudxf guest:pr"));
        for (String id : List.of("10", "11", "12")) {
            permissions.register(alice, NOTE, id);
        }
        permissions.share(alice, NOTE, "10", readers, Permission.parse("group:pr"));
        world.setUserEntry(NOTE, "10", carol, 0);
        world.setUserEntry(NOTE, "11", carol, Permission.parseTierBits("pr"));
        world.setUserEntry(NOTE, "11", alice, 0);
        world.setInstancePermission(NOTE, "12", Permission.parse("owner:prcudxf guest:pr"));
        world.setUserEntry(NOTE, "12", bob, Permission.parseTierBits("p"));
    }

    @AfterAll
    void stop() throws Exception {
        world.close();
    }

    /** The host's query, with the fragment after one parameter of its own. */
    private List<Long> readableNotes(Identity who) throws SQLException {
        ReadableFilter readable = permissions.readableBy(who, NOTE, "n.id");
        List<Long> ids = new ArrayList<>();
        try (Connection c = world.db.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT n.id FROM " + notes + " n WHERE n.text <> ? AND " + readable.sql() + " ORDER BY n.id")) {
            ps.setString(1, "a text no note has");
            assertEquals(2 + readable.parameters().size(), readable.bind(ps, 2), "the index after the fragment's");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    /** The same question asked of {@link PermissionEngine#may}, one note at a time. */
    private List<Long> notesMayRead(Identity who) {
        List<Long> ids = new ArrayList<>();
        for (long id = 1; id <= 12; id++) {
            if (permissions.may(who, NOTE, Long.toString(id), Action.READ)) {
                ids.add(id);
            }
        }
        return ids;
    }

    private void assertReadable(List<Long> expected, Identity who) throws SQLException {
        assertEquals(expected, readableNotes(who), "rows the database keeps");
        assertEquals(expected, notesMayRead(who), "instances may() allows");
    }

    @Test
    void ownerWhenFilteredThenKeepsHerNotesAndSharesButNotWhereHerOwnerTierLacksRead() throws SQLException {
        assertReadable(List.of(1L, 2L, 3L, 9L, 10L, 11L, 12L), alice);
    }

    @Test
    void memberWhenFilteredThenKeepsOwnSharedAndGuestReadableNotes() throws SQLException {
        assertReadable(List.of(2L, 3L, 4L, 5L, 7L, 9L, 10L), bob);
    }

    @Test
    void memberOfALinkedGroupWhenFilteredThenItsGroupTierDecidesNotTheGuestTier() throws SQLException {
        assertReadable(List.of(2L, 5L, 9L, 11L, 12L), carol);
    }

    @Test
    void guestWhenFilteredThenOnlyGuestReadableNotes() throws SQLException {
        assertReadable(List.of(3L, 5L, 12L), Identity.guest());
    }

    /** Tenant boundary: readableBy's SQL is native, so its tenant predicate is all that keeps the tenants apart. */
    @Test
    void rowsWhenAnotherTenantRegisteredTheSameIdsThenEachTenantReadsOnlyItsOwn() throws SQLException {
        Tenant acme = Tenant.of("acme");
        int guestRead = Permission.parse("owner:prcudxf guest:pr").mask();
        world.database.tenants().as(acme, () -> world.database.inTransaction(em -> {
            em.persist(new WorldEntity(NOTE, Permission.ENTITY_DEFAULT.with(Permission.Tier.GUEST, Action.READ).mask(),
                    Permission.INSTANCE_DEFAULT.mask(), null));
            em.persist(new InstancePermission(NOTE, "1", null, guestRead)); // alice's note 1, unreadable to guests here
            em.persist(new InstancePermission(NOTE, "6", null, guestRead)); // never registered here
            return null;
        }));

        assertReadable(List.of(1L, 6L), Identity.guest(acme));
        assertReadable(List.of(3L, 5L, 12L), Identity.guest());
        assertReadable(List.of(), Identity.guest(Tenant.of("globex")));
    }

    @Test
    void administratorWhenFilteredThenEveryNoteEvenUnregistered() throws SQLException {
        assertEquals(ReadableFilter.EVERY_ROW, permissions.readableBy(world.administrator(), NOTE, "n.id"));
        assertReadable(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L), world.administrator());
    }

    @Test
    void userWhenTheEntityLevelRefusesReadThenNoRowEvenWhereAnInstanceAllowsGuests() {
        Identity outsider = world.user("outsider");
        world.leaveUsers(outsider);
        assertEquals(ReadableFilter.NO_ROW, permissions.readableBy(outsider, "file", "f.slug"));
        assertEquals(ReadableFilter.NO_ROW, permissions.readableBy(Identity.guest(), "file", "f.slug"));
    }

    @Test
    void namedUserWhenTheirEntryGivesMoreOrLessThanTheirGroupsThenTheDatabaseAndMayAgreeRowByRow() throws SQLException {
        assertFalse(readableNotes(carol).contains(10L), "carol's entry 0 hides a note her group reads");
        assertTrue(readableNotes(carol).contains(11L), "carol's entry pr shows a note no group of hers reads");
        assertFalse(readableNotes(bob).contains(12L), "bob's entry p hides a note guests read");
        assertTrue(readableNotes(bob).contains(10L), "carol's entry never counts for bob");
        assertEquals(notesMayRead(carol), readableNotes(carol));
        assertEquals(notesMayRead(bob), readableNotes(bob));
    }

    @Test
    void textIdsWhenFilteredThenMatchedAsTheyAre() throws SQLException {
        assertEquals(List.of("alpha", "gamma"), readableFiles(bob));
        assertEquals(List.of("beta", "gamma"), readableFiles(alice));
    }

    private List<String> readableFiles(Identity who) throws SQLException {
        ReadableFilter readable = permissions.readableBy(who, "file", "f.slug");
        List<String> slugs = new ArrayList<>();
        try (Connection c = world.db.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT f.slug FROM " + files + " f WHERE " + readable.sql() + " ORDER BY f.slug")) {
            readable.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    slugs.add(rs.getString(1));
                }
            }
        }
        return slugs;
    }
}
