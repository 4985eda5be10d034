package org.portcullis.filter.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.portcullis.model.GroupMembership;
import org.portcullis.model.UserAccount;
import org.portcullis.model.UserStatus;
import org.portcullis.model.UserGroup;

/**
 * Queries and changes of users, groups and memberships, inside a caller's entity manager so that
 * an action's steps share one transaction. Every query is parameterised.
 */
public final class AccountRows {

    private AccountRows() {
    }

    public static Optional<UserAccount> userById(EntityManager em, String id) {
        return Optional.ofNullable(em.find(UserAccount.class, id));
    }

    public static Optional<UserAccount> userByEmail(EntityManager em, String email) {
        return em.createQuery("select u from UserAccount u where u.email = :email", UserAccount.class)
                .setParameter("email", UserAccount.normalizeEmail(email))
                .getResultStream().findFirst();
    }

    public static Optional<UserGroup> groupByName(EntityManager em, String name) {
        return em.createQuery("select g from UserGroup g where g.name = :name", UserGroup.class)
                .setParameter("name", name)
                .getResultStream().findFirst();
    }

    /** Names of the groups the user belongs to, personal group included. */
    public static List<String> groupNamesOf(EntityManager em, String userId) {
        return em.createQuery("select g.name from UserGroup g, GroupMembership m"
                        + " where m.groupId = g.id and m.userId = :user order by g.name", String.class)
                .setParameter("user", userId)
                .getResultList();
    }

    public static long memberCount(EntityManager em, String groupId) {
        return em.createQuery("select count(m) from GroupMembership m where m.groupId = :group", Long.class)
                .setParameter("group", groupId)
                .getSingleResult();
    }

    public static boolean isMember(EntityManager em, String userId, String groupName) {
        return em.createQuery("select count(m) from GroupMembership m, UserGroup g"
                        + " where m.groupId = g.id and m.userId = :user and g.name = :name", Long.class)
                .setParameter("user", userId)
                .setParameter("name", groupName)
                .getSingleResult() > 0;
    }

    public static void addMember(EntityManager em, UserAccount user, UserGroup group) {
        em.persist(new GroupMembership(user.getId(), group.getId()));
    }

    /** The id of the user's own group ({@code user:<id>}), or {@code null} when there is none. */
    public static String personalGroupId(EntityManager em, String userId) {
        return groupByName(em, UserGroup.personalGroupName(userId)).map(UserGroup::getId).orElse(null);
    }

    public static Optional<UserGroup> groupById(EntityManager em, String id) {
        return Optional.ofNullable(em.find(UserGroup.class, id));
    }

    /**
     * The group, locked until the transaction ends, so that membership changes of one group happen
     * one at a time (two administrators removing each other cannot leave the group empty).
     */
    public static Optional<UserGroup> lockGroup(EntityManager em, String id) {
        return Optional.ofNullable(em.find(UserGroup.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    /** The groups the user belongs to, personal group included, by name. */
    public static List<UserGroup> groupsOf(EntityManager em, String userId) {
        return em.createQuery("select g from UserGroup g, GroupMembership m"
                        + " where m.groupId = g.id and m.userId = :user order by g.name", UserGroup.class)
                .setParameter("user", userId)
                .getResultList();
    }

    /** Every group, by name. */
    public static List<UserGroup> groups(EntityManager em) {
        return em.createQuery("select g from UserGroup g order by g.name", UserGroup.class).getResultList();
    }

    public static Optional<GroupMembership> membership(EntityManager em, String userId, String groupId) {
        return em.createQuery("select m from GroupMembership m where m.userId = :user and m.groupId = :group",
                        GroupMembership.class)
                .setParameter("user", userId)
                .setParameter("group", groupId)
                .getResultStream().findFirst();
    }

    /** Every user, oldest first, one page at a time. */
    public static List<UserAccount> users(EntityManager em, int offset, int limit) {
        return em.createQuery("select u from UserAccount u order by u.createdAt, u.id", UserAccount.class)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    /** The users in one of {@code statuses}, oldest first, one page at a time. */
    public static List<UserAccount> usersInStatus(EntityManager em, java.util.Collection<UserStatus> statuses, int offset,
                                                  int limit) {
        if (statuses.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select u from UserAccount u where u.status in :statuses order by u.createdAt, u.id",
                        UserAccount.class)
                .setParameter("statuses", statuses)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }
}
