package org.portcullis.filter.permission;

import java.util.Set;

/**
 * Who asks, as the decision rule needs it: a user id (none for a guest), the ids of the groups the
 * user belongs to, and whether one of them is {@code administrators}.
 */
public record Subject(String userId, Set<String> groupIds, boolean administrator, String personalGroupId) {

    private static final Subject GUEST = new Subject(null, Set.of(), false, null);

    public Subject {
        groupIds = Set.copyOf(groupIds);
    }

    public static Subject guest() {
        return GUEST;
    }

    public boolean isGuest() {
        return userId == null;
    }
}
