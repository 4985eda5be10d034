package org.portcullis.filter.permission;

import java.util.Map;

/**
 * What a permission check reads of one {@code world} row or one instance: its owner, its mask (the
 * owner and guest tiers count), its group links, each with its own group-tier bits, and its
 * named-user entries (POSIX ACL "named user"), each one user's seven bits.
 *
 * @param ownerId the owning user's id, or {@code null}
 * @param groupLinks group id → that link's permission (only its group tier counts)
 * @param userEntries user id → that user's bits (Peek = 1 … Refer = 64), which decide for that user
 *     instead of the groups and the guest tier
 */
public record AccessRow(String ownerId, Permission permission, Map<String, Permission> groupLinks,
                        Map<String, Integer> userEntries) {

    public AccessRow {
        groupLinks = Map.copyOf(groupLinks);
        userEntries = Map.copyOf(userEntries);
        for (int bits : userEntries.values()) {
            Permission.requireTierBits(bits);
        }
    }

    /** A row without named-user entries. */
    public AccessRow(String ownerId, Permission permission, Map<String, Permission> groupLinks) {
        this(ownerId, permission, groupLinks, Map.of());
    }
}
