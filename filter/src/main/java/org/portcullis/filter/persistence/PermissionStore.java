package org.portcullis.filter.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.portcullis.filter.permission.AccessRow;
import org.portcullis.filter.permission.EntityRow;
import org.portcullis.filter.permission.Permission;
import org.portcullis.filter.permission.Subject;
import org.portcullis.model.InstanceGroup;
import org.portcullis.model.InstancePermission;
import org.portcullis.model.InstanceUser;
import org.portcullis.model.UserGroup;
import org.portcullis.model.WorldEntity;
import org.portcullis.model.WorldGroup;
import org.portcullis.model.WorldUser;

/** Reads and writes the permission rows of entities ({@code world}) and instances. */
public final class PermissionStore {

    /** Largest number of ids looked up in one query when filtering a list. */
    static final int BATCH = 500;

    private PermissionStore() {
    }

    /**
     * The subject for a request's user id (as its identity gives it): a guest when there is none, else
     * a user with their groups.
     */
    public static Subject subject(EntityManager em, Optional<String> userId) {
        return userId.isEmpty() ? Subject.guest() : subject(em, userId.get());
    }

    /** The subject for a user: their groups, and whether they administer. */
    public static Subject subject(EntityManager em, String userId) {
        List<Object[]> rows = em.createQuery("select g.id, g.name, g.ownerId from UserGroup g, GroupMembership m"
                        + " where m.groupId = g.id and m.userId = :user", Object[].class)
                .setParameter("user", userId).getResultList();
        Set<String> ids = new HashSet<>();
        boolean administrator = false;
        String personal = null;
        for (Object[] row : rows) {
            ids.add((String) row[0]);
            administrator |= UserGroup.ADMINISTRATORS.equals(row[1]);
            if (userId.equals(row[2])) {
                personal = (String) row[0];
            }
        }
        return new Subject(userId, ids, administrator, personal);
    }

    /** The {@code world} row of {@code entity}, or {@code null}. */
    public static WorldEntity worldEntity(EntityManager em, String entity) {
        List<WorldEntity> rows = em.createQuery("select w from WorldEntity w where w.entityName = :name", WorldEntity.class)
                .setParameter("name", entity).getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    /**
     * The entity's permission row with its group links, its named-user entries and its instances'
     * default, in three queries.
     */
    public static Optional<EntityRow> entity(EntityManager em, String entity) {
        WorldEntity world = worldEntity(em, entity);
        if (world == null) {
            return Optional.empty();
        }
        Map<String, Permission> links = new HashMap<>();
        em.createQuery("select l from WorldGroup l where l.worldId = :world", WorldGroup.class)
                .setParameter("world", world.getId()).getResultList()
                .forEach(l -> links.put(l.getGroupId(), Permission.of(l.getPermission())));
        Map<String, Integer> users = new HashMap<>();
        em.createQuery("select u from WorldUser u where u.worldId = :world", WorldUser.class)
                .setParameter("world", world.getId()).getResultList()
                .forEach(u -> users.put(u.getUserId(), u.getPermission()));
        return Optional.of(new EntityRow(new AccessRow(world.getOwnerId(), Permission.of(world.getPermission()), links,
                users), Permission.of(world.getDefaultPermission())));
    }

    /** The entity-level row that the checks read, when only that is needed. */
    public static Optional<AccessRow> world(EntityManager em, String entity) {
        return entity(em, entity).map(EntityRow::access);
    }

    public static Optional<AccessRow> instance(EntityManager em, String entity, String instanceId) {
        return Optional.ofNullable(instances(em, entity, List.of(instanceId)).get(instanceId));
    }

    /** The rows of many instances of one entity, in a few queries; ids without a row are absent. */
    public static Map<String, AccessRow> instances(EntityManager em, String entity, Collection<String> instanceIds) {
        Map<String, AccessRow> out = new HashMap<>();
        List<String> ids = new ArrayList<>(new HashSet<>(instanceIds));
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
            List<InstancePermission> rows = em.createQuery("select p from InstancePermission p"
                            + " where p.entityName = :entity and p.instanceId in :ids", InstancePermission.class)
                    .setParameter("entity", entity).setParameter("ids", batch).getResultList();
            if (rows.isEmpty()) {
                continue;
            }
            Map<String, InstancePermission> byRowId = new HashMap<>();
            rows.forEach(r -> byRowId.put(r.getId(), r));
            Map<String, Map<String, Permission>> links = new HashMap<>();
            em.createQuery("select l from InstanceGroup l where l.instancePermissionId in :rows", InstanceGroup.class)
                    .setParameter("rows", new ArrayList<>(byRowId.keySet())).getResultList()
                    .forEach(l -> links.computeIfAbsent(l.getInstancePermissionId(), k -> new HashMap<>())
                            .put(l.getGroupId(), Permission.of(l.getPermission())));
            Map<String, Map<String, Integer>> users = new HashMap<>();
            em.createQuery("select u from InstanceUser u where u.instancePermissionId in :rows", InstanceUser.class)
                    .setParameter("rows", new ArrayList<>(byRowId.keySet())).getResultList()
                    .forEach(u -> users.computeIfAbsent(u.getInstancePermissionId(), k -> new HashMap<>())
                            .put(u.getUserId(), u.getPermission()));
            for (InstancePermission row : rows) {
                out.put(row.getInstanceId(), new AccessRow(row.getOwnerId(), Permission.of(row.getPermission()),
                        links.getOrDefault(row.getId(), Map.of()), users.getOrDefault(row.getId(), Map.of())));
            }
        }
        return out;
    }

    /**
     * Registers a new instance: owned by {@code ownerId}, linked to {@code groupId}, with
     * {@code permission} (owner and guest tiers on the row, group tier on the link). An id that is
     * registered already keeps its rows: a host that reuses ids cannot hand someone else's instance
     * to a new owner.
     */
    public static boolean register(EntityManager em, String entity, String instanceId, String ownerId, String groupId,
                                   Permission permission) {
        if (!em.createQuery("select p.id from InstancePermission p where p.entityName = :entity and p.instanceId = :id",
                        String.class).setParameter("entity", entity).setParameter("id", instanceId)
                .getResultList().isEmpty()) {
            return false;
        }
        InstancePermission row = new InstancePermission(entity, instanceId, ownerId, permission.mask());
        em.persist(row);
        if (groupId != null) {
            em.persist(new InstanceGroup(row.getId(), groupId, permission.mask()));
        }
        return true;
    }

    /**
     * Removes an instance's rows, its group links and its named-user entries with it (an id the host
     * reuses later starts with none of them); returns whether there were any.
     */
    public static boolean remove(EntityManager em, String entity, String instanceId) {
        List<InstancePermission> rows = em.createQuery("select p from InstancePermission p"
                        + " where p.entityName = :entity and p.instanceId = :id", InstancePermission.class)
                .setParameter("entity", entity).setParameter("id", instanceId).getResultList();
        for (InstancePermission row : rows) {
            em.createQuery("delete from InstanceGroup l where l.instancePermissionId = :row")
                    .setParameter("row", row.getId()).executeUpdate();
            em.createQuery("delete from InstanceUser u where u.instancePermissionId = :row")
                    .setParameter("row", row.getId()).executeUpdate();
            em.remove(row);
        }
        return !rows.isEmpty();
    }

    /**
     * The row of one instance, locked until the transaction ends, so that a check made on it still
     * holds when the change it allowed is written (a share racing a transfer cannot act on an owner
     * that is no longer the owner). Must run inside a transaction.
     */
    public static Optional<AccessRow> lockInstance(EntityManager em, String entity, String instanceId) {
        if (lockedRow(em, entity, instanceId) == null) {
            return Optional.empty();
        }
        return instance(em, entity, instanceId);
    }

    /** Links {@code groupId} to a registered instance with {@code permission}, or replaces that link's permission. */
    public static void link(EntityManager em, String entity, String instanceId, String groupId, Permission permission) {
        InstancePermission row = lockedRow(em, entity, instanceId);
        if (row == null) {
            throw new IllegalStateException("entity '" + entity + "' instance '" + instanceId + "' is not registered");
        }
        InstanceGroup existing = linkOf(em, row, groupId);
        if (existing == null) {
            em.persist(new InstanceGroup(row.getId(), groupId, permission.mask()));
        } else {
            existing.setPermission(permission.mask());
        }
    }

    /**
     * Gives a registered instance to {@code newOwnerId}. The link of the former owner's own group
     * moves to the new owner's own group, keeping its permission: otherwise the former owner would
     * keep reading, through that link, what they gave away. Other links stay.
     */
    public static void transfer(EntityManager em, String entity, String instanceId, String newOwnerId) {
        InstancePermission row = lockedRow(em, entity, instanceId);
        if (row == null) {
            throw new IllegalStateException("entity '" + entity + "' instance '" + instanceId + "' is not registered");
        }
        String formerGroupId = row.getOwnerId() == null ? null : AccountRows.personalGroupId(em, row.getOwnerId());
        String newGroupId = AccountRows.personalGroupId(em, newOwnerId);
        row.setOwnerId(newOwnerId);
        InstanceGroup former = formerGroupId == null ? null : linkOf(em, row, formerGroupId);
        if (former == null || formerGroupId.equals(newGroupId)) {
            return;
        }
        if (newGroupId != null && linkOf(em, row, newGroupId) == null) {
            em.persist(new InstanceGroup(row.getId(), newGroupId, former.getPermission()));
        }
        em.remove(former);
    }

    /** Every {@code world} row, by entity name. */
    public static List<WorldEntity> worldRows(EntityManager em) {
        return em.createQuery("select w from WorldEntity w order by w.entityName", WorldEntity.class).getResultList();
    }

    /**
     * Changes an entity's {@code world} row; a {@code null} leaves that value as it is. The group
     * tier is read from the row's group links, not from the row, so a new {@code permission} is
     * written to every link too (as {@link Bootstrap} seeds them): otherwise taking a group right
     * away would change nothing. Must run inside a transaction.
     *
     * @return the changed row, or empty if the entity has none
     */
    public static Optional<WorldEntity> updateWorld(EntityManager em, String entity, Permission permission,
                                                    Permission defaultPermission) {
        List<WorldEntity> rows = em.createQuery("select w from WorldEntity w where w.entityName = :name",
                        WorldEntity.class)
                .setParameter("name", entity).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        WorldEntity world = rows.get(0);
        if (permission != null) {
            world.setPermission(permission.mask());
            em.createQuery("select l from WorldGroup l where l.worldId = :world", WorldGroup.class)
                    .setParameter("world", world.getId()).getResultList()
                    .forEach(l -> l.setPermission(permission.mask()));
        }
        if (defaultPermission != null) {
            world.setDefaultPermission(defaultPermission.mask());
        }
        return Optional.of(world);
    }

    /** The instance's row, locked until the transaction ends; {@code null} when it has none. */
    static InstancePermission lockedRow(EntityManager em, String entity, String instanceId) {
        List<InstancePermission> rows = em.createQuery("select p from InstancePermission p"
                        + " where p.entityName = :entity and p.instanceId = :id", InstancePermission.class)
                .setParameter("entity", entity).setParameter("id", instanceId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static InstanceGroup linkOf(EntityManager em, InstancePermission row, String groupId) {
        return em.createQuery("select l from InstanceGroup l where l.instancePermissionId = :row and l.groupId = :group",
                        InstanceGroup.class).setParameter("row", row.getId()).setParameter("group", groupId)
                .getResultStream().findFirst().orElse(null);
    }
}
