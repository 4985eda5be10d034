package org.portcullis.filter.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.portcullis.filter.permission.AccessRow;
import org.portcullis.filter.permission.Permission;
import org.portcullis.model.InstanceGroup;
import org.portcullis.model.InstancePermission;
import org.portcullis.model.InstanceUser;
import org.portcullis.model.WorldEntity;
import org.portcullis.model.WorldGroup;
import org.portcullis.model.WorldUser;

/**
 * The changes the management API makes to permission rows beyond what {@link PermissionStore}
 * does for the checks: an instance's own mask, its group links one by one, a row written out for an
 * instance whose permission was implied, an entity's owner and per-group links, and the named-user
 * entries of instances and entities (one user's seven bits, deciding for that user). Every method
 * runs inside the caller's transaction and locks the row it changes.
 */
public final class PermissionEdits {

    private PermissionEdits() {
    }

    /** Sets a registered instance's mask (its owner and guest tiers count); false if it has no row. */
    public static boolean setInstancePermission(EntityManager em, String entity, String instanceId,
                                                Permission permission) {
        InstancePermission row = PermissionStore.lockedRow(em, entity, instanceId);
        if (row == null) {
            return false;
        }
        row.setPermission(permission.mask());
        return true;
    }

    /** Removes the link of {@code groupId} from a registered instance; false if there was none. */
    public static boolean unlink(EntityManager em, String entity, String instanceId, String groupId) {
        InstancePermission row = PermissionStore.lockedRow(em, entity, instanceId);
        if (row == null) {
            return false;
        }
        return em.createQuery("delete from InstanceGroup l where l.instancePermissionId = :row and l.groupId = :group")
                .setParameter("row", row.getId()).setParameter("group", groupId).executeUpdate() > 0;
    }

    /**
     * Writes out the rows of an instance whose permission was implied (Portcullis' own accounts and
     * groups have one until someone changes it), so that a change has a row to change.
     */
    public static void materialize(EntityManager em, String entity, String instanceId, AccessRow implied) {
        InstancePermission row = new InstancePermission(entity, instanceId, implied.ownerId(),
                implied.permission().mask());
        em.persist(row);
        for (Map.Entry<String, Permission> link : implied.groupLinks().entrySet()) {
            em.persist(new InstanceGroup(row.getId(), link.getKey(), link.getValue().mask()));
        }
        for (Map.Entry<String, Integer> entry : implied.userEntries().entrySet()) {
            em.persist(new InstanceUser(row.getId(), entry.getKey(), entry.getValue()));
        }
        em.flush();
    }

    /** Sets or clears ({@code null}) the owner of an entity's {@code world} row; false if it has none. */
    public static boolean setWorldOwner(EntityManager em, String entity, String ownerId) {
        WorldEntity world = lockedWorld(em, entity);
        if (world == null) {
            return false;
        }
        world.setOwnerId(ownerId);
        return true;
    }

    /** Links {@code groupId} to an entity's {@code world} row with {@code permission}, or replaces that link's. */
    public static boolean linkWorld(EntityManager em, String entity, String groupId, Permission permission) {
        WorldEntity world = lockedWorld(em, entity);
        if (world == null) {
            return false;
        }
        Optional<WorldGroup> existing = worldLink(em, world, groupId);
        if (existing.isPresent()) {
            existing.get().setPermission(permission.mask());
        } else {
            em.persist(new WorldGroup(world.getId(), groupId, permission.mask()));
        }
        return true;
    }

    /** Removes the link of {@code groupId} from an entity's {@code world} row; false if there was none. */
    public static boolean unlinkWorld(EntityManager em, String entity, String groupId) {
        WorldEntity world = lockedWorld(em, entity);
        if (world == null) {
            return false;
        }
        return em.createQuery("delete from WorldGroup l where l.worldId = :world and l.groupId = :group")
                .setParameter("world", world.getId()).setParameter("group", groupId).executeUpdate() > 0;
    }

    /**
     * Gives {@code userId} a named-user entry of {@code bits} (one tier's) on a registered instance, or
     * replaces its bits; false if the instance has no row.
     */
    public static boolean setInstanceUser(EntityManager em, String entity, String instanceId, String userId, int bits) {
        InstancePermission row = PermissionStore.lockedRow(em, entity, instanceId);
        if (row == null) {
            return false;
        }
        Optional<InstanceUser> existing = em.createQuery("select u from InstanceUser u"
                        + " where u.instancePermissionId = :row and u.userId = :user", InstanceUser.class)
                .setParameter("row", row.getId()).setParameter("user", userId).getResultStream().findFirst();
        if (existing.isPresent()) {
            existing.get().setPermission(Permission.requireTierBits(bits));
        } else {
            em.persist(new InstanceUser(row.getId(), userId, Permission.requireTierBits(bits)));
        }
        return true;
    }

    /** Removes the named-user entry of {@code userId} from a registered instance; false if there was none. */
    public static boolean removeInstanceUser(EntityManager em, String entity, String instanceId, String userId) {
        InstancePermission row = PermissionStore.lockedRow(em, entity, instanceId);
        if (row == null) {
            return false;
        }
        return em.createQuery("delete from InstanceUser u where u.instancePermissionId = :row and u.userId = :user")
                .setParameter("row", row.getId()).setParameter("user", userId).executeUpdate() > 0;
    }

    /**
     * Gives {@code userId} a named-user entry of {@code bits} (one tier's) on an entity's {@code world}
     * row, or replaces its bits; false if the entity has no row.
     */
    public static boolean setWorldUser(EntityManager em, String entity, String userId, int bits) {
        WorldEntity world = lockedWorld(em, entity);
        if (world == null) {
            return false;
        }
        Optional<WorldUser> existing = em.createQuery("select u from WorldUser u where u.worldId = :world"
                        + " and u.userId = :user", WorldUser.class)
                .setParameter("world", world.getId()).setParameter("user", userId).getResultStream().findFirst();
        if (existing.isPresent()) {
            existing.get().setPermission(Permission.requireTierBits(bits));
        } else {
            em.persist(new WorldUser(world.getId(), userId, Permission.requireTierBits(bits)));
        }
        return true;
    }

    /** Removes the named-user entry of {@code userId} from an entity's {@code world} row; false if there was none. */
    public static boolean removeWorldUser(EntityManager em, String entity, String userId) {
        WorldEntity world = lockedWorld(em, entity);
        if (world == null) {
            return false;
        }
        return em.createQuery("delete from WorldUser u where u.worldId = :world and u.userId = :user")
                .setParameter("world", world.getId()).setParameter("user", userId).executeUpdate() > 0;
    }

    private static Optional<WorldGroup> worldLink(EntityManager em, WorldEntity world, String groupId) {
        return em.createQuery("select l from WorldGroup l where l.worldId = :world and l.groupId = :group",
                        WorldGroup.class).setParameter("world", world.getId()).setParameter("group", groupId)
                .getResultStream().findFirst();
    }

    private static WorldEntity lockedWorld(EntityManager em, String entity) {
        List<WorldEntity> rows = em.createQuery("select w from WorldEntity w where w.entityName = :name",
                        WorldEntity.class).setParameter("name", entity)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }
}
