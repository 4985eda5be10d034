package org.portcullis.filter.permission;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The one decision rule, the same for {@code world} rows and instances (contract §5, §7):
 * administrators may do everything; else the owner tier if the subject owns the row; else the
 * subject's named-user entry on the row, if it has one (POSIX ACL's "named user": it alone decides,
 * and may give more or less than the subject's groups); else the group tier if the subject shares a
 * group with the row (the union of the links of every shared group); else the guest tier. A
 * permission is granted when {@code (bits & required) == required} in that one source of bits. There
 * are no negative permissions beyond an entry that gives less, and a missing row grants nothing to
 * anyone but administrators.
 */
public final class AccessRule {

    private AccessRule() {
    }

    /** Whether {@code subject} is the row's owner (a guest owns nothing, not even a row without owner). */
    public static boolean owns(Subject subject, AccessRow row) {
        return row != null && !subject.isGuest() && subject.userId().equals(row.ownerId());
    }

    /** Whether {@code subject} may do every one of {@code actions} to {@code row}. */
    public static boolean allows(Subject subject, AccessRow row, Set<Permission.Action> actions) {
        if (row == null && !subject.administrator()) {
            return false; // a missing row grants nothing, not even the empty set
        }
        int required = 0;
        for (Permission.Action action : actions) {
            required |= action.bit();
        }
        return (grantedBits(subject, row) & required) == required;
    }

    public static boolean allows(Subject subject, AccessRow row, Permission.Action action) {
        return (grantedBits(subject, row) & action.bit()) != 0;
    }

    /**
     * The actions {@code subject} may do to {@code row}, as the bits of one tier (Peek = 1 … Refer =
     * 64), read from the one source that applies: all of them for administrators, none for a missing
     * row, the owner tier, the subject's named-user entry, the union of the shared groups' links for
     * the group tier, or the guest tier.
     */
    public static int grantedBits(Subject subject, AccessRow row) {
        if (subject.administrator()) {
            return Permission.ALL.tierBits(Permission.Tier.OWNER);
        }
        if (row == null) {
            return 0;
        }
        if (!subject.isGuest()) {
            if (subject.userId().equals(row.ownerId())) {
                return row.permission().tierBits(Permission.Tier.OWNER);
            }
            Integer entry = row.userEntries().get(subject.userId());
            if (entry != null) {
                return entry;
            }
        }
        boolean linked = false;
        int union = 0;
        for (Map.Entry<String, Permission> link : row.groupLinks().entrySet()) {
            if (subject.groupIds().contains(link.getKey())) {
                linked = true;
                union |= link.getValue().mask();
            }
        }
        return linked ? Permission.of(union).tierBits(Permission.Tier.GROUP)
                : row.permission().tierBits(Permission.Tier.GUEST);
    }

    /**
     * Whether {@code subject} may give a group {@code link} on {@code row}: the owner and
     * administrators may give anything; anyone else holding Refer only what they may do themselves,
     * so that Refer alone cannot be turned into Update or Delete.
     */
    public static boolean mayGrant(Subject subject, AccessRow row, Permission link) {
        return mayGrant(subject, row, link.tierBits(Permission.Tier.GROUP));
    }

    /**
     * Whether {@code subject} may give {@code bits} (one tier's, as a group link or a named-user entry
     * holds them) on {@code row}: as {@link #mayGrant(Subject, AccessRow, Permission)}, so that nobody
     * who is not the owner or an administrator can hand themselves or a friend more than they hold.
     */
    public static boolean mayGrant(Subject subject, AccessRow row, int bits) {
        if (subject.administrator() || owns(subject, row)) {
            return true;
        }
        return (bits & ~grantedBits(subject, row)) == 0;
    }

    /**
     * Whether {@code subject} may take away {@code target}'s named-user entry on {@code row}: the owner
     * and administrators may; anyone else only if what {@code target} gets without it (from their
     * groups or the guest tier) is within what {@code subject} may do, so that an entry which gives
     * less than the groups cannot be removed to hand its user, or oneself, more than one holds.
     */
    public static boolean mayRemoveEntry(Subject subject, AccessRow row, Subject target) {
        if (subject.administrator() || owns(subject, row)) {
            return true;
        }
        Map<String, Integer> rest = new HashMap<>(row.userEntries());
        rest.remove(target.userId());
        AccessRow without = new AccessRow(row.ownerId(), row.permission(), row.groupLinks(), rest);
        return mayGrant(subject, row, grantedBits(target, without));
    }
}
