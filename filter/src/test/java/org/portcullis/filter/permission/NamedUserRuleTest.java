package org.portcullis.filter.permission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.portcullis.filter.permission.Permission.Action;

/**
 * {@link AccessRule} with named-user entries (contract §7): administrators, then the owner, then the
 * user's own entry, which alone decides (more or less than the groups), then the group union, then
 * guest; for every action.
 */
class NamedUserRuleTest {

    private static final String TEAM = "team";
    private static final Subject NAMED = new Subject("named", Set.of(TEAM, "named-own"), false, "named-own");
    private static final Subject MEMBER = new Subject("member", Set.of(TEAM, "member-own"), false, "member-own");
    private static final Subject OWNER = new Subject("owner", Set.of("owner-own"), false, "owner-own");
    private static final Subject ADMIN = new Subject("admin", Set.of("administrators"), true, null);
    private static final int ALL_BITS = 127;

    private static AccessRow row(Permission mask, Map<String, Integer> entries) {
        return new AccessRow("owner", mask, Map.of(TEAM, mask), entries);
    }

    @ParameterizedTest
    @EnumSource(Action.class)
    void namedUserWhenTheGroupsRefuseAndTheEntryGrantsThenAllowed(Action action) {
        AccessRow row = row(Permission.ALL.without(Permission.Tier.GROUP, action).without(Permission.Tier.GUEST, action),
                Map.of("named", action.bit()));

        assertTrue(AccessRule.allows(NAMED, row, action));
        assertFalse(AccessRule.allows(MEMBER, row, action), "the entry of one user never counts for another");
    }

    @ParameterizedTest
    @EnumSource(Action.class)
    void namedUserWhenTheGroupsGrantAndTheEntryLacksTheBitThenRefused(Action action) {
        AccessRow row = row(Permission.ALL, Map.of("named", ALL_BITS & ~action.bit()));

        assertFalse(AccessRule.allows(NAMED, row, action));
        assertTrue(AccessRule.allows(MEMBER, row, action), "the entry of one user never counts for another");
    }

    @ParameterizedTest
    @EnumSource(Action.class)
    void ownerAndAdministratorWhenTheirEntryRefusesThenTheOwnerTierAndAdministrationStillDecide(Action action) {
        AccessRow row = row(Permission.ALL, Map.of("owner", 0, "admin", 0));

        assertTrue(AccessRule.allows(OWNER, row, action));
        assertTrue(AccessRule.allows(ADMIN, row, action));
    }

    @Test
    void guestWhenAnEntryNamesNoUserThenTheGuestTierDecides() {
        AccessRow row = row(Permission.parse("guest:p"), Map.of("named", ALL_BITS));

        assertEquals(Action.PEEK.bit(), AccessRule.grantedBits(Subject.guest(), row));
    }

    @Test
    void entryWhenZeroThenTheUserMayDoNothingEvenWhereGuestsMay() {
        AccessRow row = row(Permission.ALL, Map.of("named", 0));

        assertEquals(0, AccessRule.grantedBits(NAMED, row));
    }

    @Test
    void referrerWhenGrantingAUserMoreThanTheyHoldThenRefusedAndWithinThenAllowed() {
        int referBits = Action.PEEK.bit() | Action.READ.bit() | Action.REFER.bit();
        AccessRow row = new AccessRow("owner", Permission.INSTANCE_DEFAULT, Map.of(TEAM, Permission.of(referBits << 14)));

        assertFalse(AccessRule.mayGrant(MEMBER, row, referBits | Action.UPDATE.bit()), "Refer never becomes Update");
        assertTrue(AccessRule.mayGrant(MEMBER, row, Action.READ.bit() | Action.PEEK.bit()));
        assertTrue(AccessRule.mayGrant(OWNER, row, ALL_BITS));
        assertTrue(AccessRule.mayGrant(ADMIN, row, ALL_BITS));
    }

    @Test
    void referrerWhenRemovingAnEntryThatGivesLessThanTheGroupsThenRefusedUnlessOwnerOrAdministrator() {
        int referBits = Action.PEEK.bit() | Action.READ.bit() | Action.REFER.bit();
        AccessRow row = new AccessRow("owner", Permission.INSTANCE_DEFAULT, Map.of(TEAM, Permission.ALL),
                Map.of("member", referBits, "named", 0));

        assertFalse(AccessRule.mayRemoveEntry(MEMBER, row, MEMBER), "removing one's own limit would give all");
        assertFalse(AccessRule.mayRemoveEntry(MEMBER, row, NAMED), "nor may a friend's be lifted");
        assertTrue(AccessRule.mayRemoveEntry(OWNER, row, MEMBER));
        assertTrue(AccessRule.mayRemoveEntry(ADMIN, row, NAMED));
        AccessRow narrowGroups = new AccessRow("owner", Permission.INSTANCE_DEFAULT,
                Map.of(TEAM, Permission.of(Action.PEEK.bit() << 14)), Map.of("member", referBits, "named", ALL_BITS));
        assertTrue(AccessRule.mayRemoveEntry(MEMBER, narrowGroups, NAMED), "the friend falls back to group:p");
    }

    @Test
    void rowWhenAnEntryIsOutsideOneTierThenRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new AccessRow(null, Permission.NONE, Map.of(), Map.of("named", 128)));
    }

    @Test
    void tierBitsWhenParsedThenLettersAndNumbersOnly() {
        assertEquals(3, Permission.parseTierBits("pr"));
        assertEquals(3, Permission.parseTierBits("rp"));
        assertEquals(127, Permission.parseTierBits("prcudxf"));
        assertEquals(0, Permission.parseTierBits("0"));
        assertEquals(127, Permission.parseTierBits("127"));
        for (String bad : new String[] {"", " ", "128", "-1", "+1", "01", "pp", "R", "group:pr", "0x7f", "p r"}) {
            assertThrows(IllegalArgumentException.class, () -> Permission.parseTierBits(bad), bad);
        }
        assertEquals("prf", Permission.tierLetters(67));
    }
}
