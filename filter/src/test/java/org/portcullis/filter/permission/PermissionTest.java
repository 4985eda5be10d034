package org.portcullis.filter.permission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.portcullis.filter.permission.Permission.Action;
import org.portcullis.filter.permission.Permission.Tier;

class PermissionTest {

    @Test
    void constantsEqualTheContractNumbers() {
        assertEquals(0, Permission.NONE.mask());
        assertEquals(2097151, Permission.ALL.mask());
        assertEquals(1048449, Permission.ENTITY_DEFAULT.mask());
        assertEquals(65409, Permission.INSTANCE_DEFAULT.mask());
        assertEquals(16256, Permission.OWNER_ONLY.mask());
    }

    @Test
    void contractExampleBitsAreGuestRead2OwnerRead256GroupRead32768() {
        assertEquals(2, Permission.NONE.with(Tier.GUEST, Action.READ).mask());
        assertEquals(256, Permission.NONE.with(Tier.OWNER, Action.READ).mask());
        assertEquals(32768, Permission.NONE.with(Tier.GROUP, Action.READ).mask());
        assertEquals(33024, Permission.NONE.with(Tier.OWNER, Action.READ).with(Tier.GROUP, Action.READ).mask());
    }

    @Test
    void defaultsSpellOutTheTiersTheContractDescribes() {
        assertEquals("owner:prcudxf group:prcudx guest:p", Permission.ENTITY_DEFAULT.toString());
        assertEquals("owner:prcudxf group:pr guest:p", Permission.INSTANCE_DEFAULT.toString());
        assertEquals("owner:prcudxf group: guest:", Permission.OWNER_ONLY.toString());
        assertEquals("owner: group: guest:", Permission.NONE.toString());
        assertEquals("owner:prcudxf group:prcudxf guest:prcudxf", Permission.ALL.toString());
    }

    static Stream<Arguments> everyCell() {
        Stream.Builder<Arguments> cells = Stream.builder();
        int bit = 0;
        for (Tier tier : new Tier[] {Tier.GUEST, Tier.OWNER, Tier.GROUP}) {
            for (Action action : Action.values()) {
                cells.add(Arguments.of(tier, action, bit++));
            }
        }
        return cells.build();
    }

    @ParameterizedTest(name = "{0} {1} is bit {2}")
    @MethodSource("everyCell")
    void eachTierActionCellIsExactlyOneBitAndAllowsOnlyItself(Tier tier, Action action, int bit) {
        assertEquals(1 << bit, action.bit() << tier.shift());
        Permission only = Permission.NONE.with(tier, action);
        assertEquals(1 << bit, only.mask());
        for (Tier t : Tier.values()) {
            for (Action a : Action.values()) {
                assertEquals(t == tier && a == action, only.allows(t, a), t + " " + a);
            }
        }
        assertEquals(action.bit(), only.tierBits(tier));
        assertEquals(Permission.NONE, only.without(tier, action));
        assertFalse(Permission.ALL.without(tier, action).allows(tier, action));
    }

    @Test
    void actionBitsAndLettersFollowDaptinOrder() {
        int[] bits = {1, 2, 4, 8, 16, 32, 64};
        char[] letters = {'p', 'r', 'c', 'u', 'd', 'x', 'f'};
        Action[] actions = Action.values();
        assertEquals(7, actions.length);
        for (int i = 0; i < actions.length; i++) {
            assertEquals(bits[i], actions[i].bit());
            assertEquals(letters[i], actions[i].letter());
        }
        assertEquals(0, Tier.GUEST.shift());
        assertEquals(7, Tier.OWNER.shift());
        assertEquals(14, Tier.GROUP.shift());
    }

    @Test
    void allowsSetWhenReadButNotUpdateThenReadAndUpdateIsRefused() {
        Permission readOnly = Permission.NONE.with(Tier.GROUP, Action.PEEK, Action.READ);
        assertTrue(readOnly.allows(Tier.GROUP, Set.of(Action.READ)));
        assertTrue(readOnly.allows(Tier.GROUP, EnumSet.of(Action.PEEK, Action.READ)));
        assertFalse(readOnly.allows(Tier.GROUP, EnumSet.of(Action.READ, Action.UPDATE)));
        assertFalse(readOnly.allows(Tier.OWNER, Set.of(Action.READ)));
    }

    @Test
    void allowsSetWhenEmptyThenAlwaysAllowed() {
        assertTrue(Permission.NONE.allows(Tier.GUEST, Set.of()));
    }

    @Test
    void allowsWhenGroupReadBitSetThenGroupMayReadButNotPeek() {
        Permission p = Permission.of(33024);
        assertTrue(p.allows(Tier.GROUP, Action.READ));
        assertTrue(p.allows(Tier.OWNER, Action.READ));
        assertFalse(p.allows(Tier.GROUP, Action.PEEK));
        assertFalse(p.allows(Tier.GUEST, Action.READ));
    }

    @Test
    void tierBitsReturnsTheSevenBitsOfOneTier() {
        assertEquals(1, Permission.INSTANCE_DEFAULT.tierBits(Tier.GUEST));
        assertEquals(127, Permission.INSTANCE_DEFAULT.tierBits(Tier.OWNER));
        assertEquals(3, Permission.INSTANCE_DEFAULT.tierBits(Tier.GROUP));
        assertEquals(63, Permission.ENTITY_DEFAULT.tierBits(Tier.GROUP));
    }

    @Test
    void withAndWithoutLeaveTheOriginalUnchanged() {
        Permission base = Permission.INSTANCE_DEFAULT;
        Permission more = base.with(Tier.GUEST, Action.READ, Action.REFER);
        assertEquals(65409 | 2 | 64, more.mask());
        assertEquals(65409, base.mask());
        assertEquals(base, more.without(Tier.GUEST, Action.READ, Action.REFER));
        assertEquals(base, base.with(Tier.OWNER));
    }

    @Test
    void ofWhenOutsideTwentyOneBitsThenRefusedNamingTheRange() {
        for (int bad : new int[] {-1, 2097152, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Permission.of(bad));
            assertTrue(e.getMessage().contains("0..2097151"), e.getMessage());
        }
    }

    @Test
    void equalsAndHashCodeFollowTheMask() {
        assertEquals(Permission.of(65409), Permission.INSTANCE_DEFAULT);
        assertEquals(Permission.of(65409).hashCode(), Permission.INSTANCE_DEFAULT.hashCode());
        assertNotEquals(Permission.of(65408), Permission.INSTANCE_DEFAULT);
        assertNotEquals(Permission.INSTANCE_DEFAULT, (Object) 65409);
    }

    @Test
    void parseThenPrintRoundTripsForEveryMask() {
        for (int mask = 0; mask <= 2097151; mask++) {
            Permission p = Permission.of(mask);
            String text = p.toString();
            if (Permission.parse(text).mask() != mask || Permission.parse(Integer.toString(mask)).mask() != mask) {
                fail("round trip failed for " + mask + " printed as '" + text + "'");
            }
        }
    }

    @Test
    void parseAcceptsTiersInAnyOrder() {
        assertEquals(Permission.INSTANCE_DEFAULT, Permission.parse("guest:p owner:prcudxf group:pr"));
        assertEquals(Permission.INSTANCE_DEFAULT, Permission.parse("group:rp guest:p owner:fxducrp"));
    }

    @Test
    void parseWhenTiersMissingOrEmptyThenThoseTiersAreZero() {
        assertEquals(Permission.of(256), Permission.parse("owner:r"));
        assertEquals(Permission.of(256), Permission.parse("guest: owner:r"));
        assertEquals(Permission.NONE, Permission.parse("guest:"));
    }

    @Test
    void parseWhenSurroundedOrSeparatedByWhitespaceThenTrimmed() {
        assertEquals(Permission.INSTANCE_DEFAULT, Permission.parse("  65409  "));
        assertEquals(Permission.INSTANCE_DEFAULT, Permission.parse("\towner:prcudxf   group:pr\nguest:p "));
        assertEquals(Permission.NONE, Permission.parse("0"));
        assertEquals(Permission.ALL, Permission.parse("2097151"));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"owner:z", "owner:pp", "owner:p owner:r", "world:p", "-1", "2097152", "0x10",
            " 12 3", "owner=p", "", "   ", "+12", "012", "-0", "99999999999", "Owner:p", "owner:P",
            "owner:p,group:r", "owner", ":p", "65409 owner:p", "owner:p:r", "１２"})
    void parseWhenMalformedThenRefusedWithTheExpectedForm(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Permission.parse(text));
        assertTrue(e.getMessage().contains("0..2097151"), e.getMessage());
        assertTrue(e.getMessage().contains("'owner:prcudxf group:pr guest:p'"), e.getMessage());
    }

    @Test
    void parseErrorMessagesSayWhatIsWrong() {
        assertMessageContains("owner:z", "unknown letter 'z'");
        assertMessageContains("owner:pp", "repeated letter 'p'");
        assertMessageContains("owner:p owner:r", "'owner' appears twice");
        assertMessageContains("world:p", "'world:p' is not owner:, group: or guest:");
        assertMessageContains("+12", "no sign");
        assertMessageContains("012", "leading zero");
        assertMessageContains("-1", "0..2097151");
        assertMessageContains("2097152", "0..2097151");
        assertMessageContains("", "empty");
    }

    @Test
    void parseWhenNullThenNullPointerException() {
        assertThrows(NullPointerException.class, () -> Permission.parse(null));
    }

    private static void assertMessageContains(String text, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Permission.parse(text));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
