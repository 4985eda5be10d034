package org.portcullis.filter.permission;

import java.util.Map;

/**
 * What a permission check reads of one {@code world} row or one instance: its owner, its mask (the
 * owner and guest tiers count), and its group links, each with its own group-tier bits.
 *
 * @param ownerId the owning user's id, or {@code null}
 * @param groupLinks group id → that link's permission (only its group tier counts)
 */
public record AccessRow(String ownerId, Permission permission, Map<String, Permission> groupLinks) {

    public AccessRow {
        groupLinks = Map.copyOf(groupLinks);
    }
}
