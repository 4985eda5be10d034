package org.portcullis.filter.permission;

import java.util.Map;
import java.util.Set;

/**
 * The one decision rule, the same for {@code world} rows and instances (contract §5): administrators
 * may do everything; else the owner tier if the subject owns the row; else the group tier if the
 * subject shares a group with the row (the union of the links of every shared group); else the guest
 * tier. A permission is granted when {@code (bits & required) == required} in that one tier. There
 * are no negative permissions, and a missing row grants nothing to anyone but administrators.
 */
public final class AccessRule {

    private AccessRule() {
    }

    /** Which tier of {@code row} applies to {@code subject}. */
    public static Permission.Tier tierFor(Subject subject, AccessRow row) {
        if (!subject.isGuest() && subject.userId().equals(row.ownerId())) {
            return Permission.Tier.OWNER;
        }
        for (String group : row.groupLinks().keySet()) {
            if (subject.groupIds().contains(group)) {
                return Permission.Tier.GROUP;
            }
        }
        return Permission.Tier.GUEST;
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
     * 64), read from the one tier that applies: all of them for administrators, none for a missing
     * row, the union of the shared groups' links for the group tier.
     */
    public static int grantedBits(Subject subject, AccessRow row) {
        if (subject.administrator()) {
            return Permission.ALL.tierBits(Permission.Tier.OWNER);
        }
        if (row == null) {
            return 0;
        }
        Permission.Tier tier = tierFor(subject, row);
        if (tier != Permission.Tier.GROUP) {
            return row.permission().tierBits(tier);
        }
        int union = 0;
        for (Map.Entry<String, Permission> link : row.groupLinks().entrySet()) {
            if (subject.groupIds().contains(link.getKey())) {
                union |= link.getValue().mask();
            }
        }
        return Permission.of(union).tierBits(Permission.Tier.GROUP);
    }

    /**
     * Whether {@code subject} may give a group {@code link} on {@code row}: the owner and
     * administrators may give anything; anyone else holding Refer only what they may do themselves,
     * so that Refer alone cannot be turned into Update or Delete.
     */
    public static boolean mayGrant(Subject subject, AccessRow row, Permission link) {
        if (subject.administrator() || row != null && tierFor(subject, row) == Permission.Tier.OWNER) {
            return true;
        }
        return (link.tierBits(Permission.Tier.GROUP) & ~grantedBits(subject, row)) == 0;
    }
}
