package org.portcullis.filter.authorization;

import jakarta.persistence.EntityManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.portcullis.filter.config.ParameterSource;
import org.portcullis.filter.config.PortcullisConfig;
import org.portcullis.filter.identity.AuthType;
import org.portcullis.filter.identity.Identity;
import org.portcullis.filter.permission.Permission;
import org.portcullis.filter.persistence.AccessCache;
import org.portcullis.filter.persistence.AccountRows;
import org.portcullis.filter.persistence.Bootstrap;
import org.portcullis.filter.persistence.Change;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.persistence.PermissionEdits;
import org.portcullis.model.InstancePermission;
import org.portcullis.model.TestDatabase;
import org.portcullis.model.UserAccount;
import org.portcullis.model.UserGroup;

/**
 * A real {@link Database} on the test database (H2, PostgreSQL or MariaDB), seeded as the filter
 * seeds it for the entities {@code note} and {@code file}, with users made the way sign-up makes
 * them: a group of their own, and membership of {@code users}.
 */
final class PermissionEngineWorld implements AutoCloseable {

    final TestDatabase db = TestDatabase.fresh();
    final Database database;
    final PermissionEngine permissions;

    PermissionEngineWorld() {
        PortcullisConfig config = PortcullisConfig.from(ParameterSource.of(Map.of("jdbc.url", db.url(),
                "jdbc.user", db.user(), "table.prefix", db.prefix())), "test");
        database = new Database(config, new Bootstrap(config, Set.of("note", "file"))::run, Clock.systemUTC());
        database.start();
        // A long-lived cache: the fixture's own writes name no change, so each one must empty it (Database's default).
        permissions = new PermissionEngine(database, AccessCache.over(database, Duration.ofHours(1), 1000), config.tablePrefix());
    }

    /** A signed-in user as sign-up makes one, also in {@code groups} (made if missing). */
    Identity user(String name, String... groups) {
        UserAccount user = database.inTransaction(em -> {
            UserAccount account = new UserAccount(name + "-" + UUID.randomUUID() + "@example.com", name, "not a hash");
            em.persist(account);
            UserGroup own = new UserGroup(UserGroup.personalGroupName(account.getId()), account.getId());
            em.persist(own);
            AccountRows.addMember(em, account, own);
            join(em, account, UserGroup.USERS);
            for (String group : groups) {
                join(em, account, group);
            }
            return account;
        });
        return Identity.user(user.getId(), user.getEmail(), name, AuthType.BEARER, UUID.randomUUID().toString(),
                Instant.now().plusSeconds(3600));
    }

    Identity administrator() {
        return user("admin", UserGroup.ADMINISTRATORS);
    }

    private static void join(EntityManager em, UserAccount account, String groupName) {
        UserGroup group = AccountRows.groupByName(em, groupName).orElseGet(() -> {
            UserGroup made = new UserGroup(groupName, null);
            em.persist(made);
            return made;
        });
        AccountRows.addMember(em, account, group);
    }

    /** Takes {@code who} out of {@code users}, the group the entities' {@code world} rows are linked to. */
    void leaveUsers(Identity who) {
        database.inTransaction(em -> em.createQuery("delete from GroupMembership m where m.userId = :user and m.groupId ="
                        + " (select g.id from UserGroup g where g.name = :users)")
                .setParameter("user", id(who)).setParameter("users", UserGroup.USERS).executeUpdate());
    }

    /** Sets an instance's own mask (owner and guest tiers), as an administrator would in the table. */
    void setInstancePermission(String entity, String instanceId, Permission permission) {
        database.inTransaction(em -> em.createQuery("update InstancePermission p set p.permission = :mask"
                        + " where p.entityName = :entity and p.instanceId = :id")
                .setParameter("mask", permission.mask()).setParameter("entity", entity).setParameter("id", instanceId)
                .executeUpdate());
    }

    /** Sets an entity's {@code world} mask and its group links' (where the group tier is read), as in the table. */
    void setWorldPermission(String entity, Permission permission) {
        database.inTransaction(em -> {
            em.createQuery("update WorldGroup l set l.permission = :mask where l.worldId ="
                            + " (select w.id from WorldEntity w where w.entityName = :entity)")
                    .setParameter("mask", permission.mask()).setParameter("entity", entity).executeUpdate();
            return em.createQuery("update WorldEntity w set w.permission = :mask where w.entityName = :entity")
                    .setParameter("mask", permission.mask()).setParameter("entity", entity).executeUpdate();
        });
    }

    /** Gives {@code who} a named-user entry of {@code bits} on a registered instance, as the management API does. */
    void setUserEntry(String entity, String instanceId, Identity who, int bits) {
        database.inTransaction(Change.instance(entity, instanceId),
                em -> PermissionEdits.setInstanceUser(em, entity, instanceId, id(who), bits));
    }

    /** The owner of an instance as stored, or {@code null}. */
    String ownerOf(String entity, String instanceId) {
        return database.read(em -> em.createQuery("select p from InstancePermission p"
                        + " where p.entityName = :entity and p.instanceId = :id", InstancePermission.class)
                .setParameter("entity", entity).setParameter("id", instanceId)
                .getResultStream().findFirst().map(InstancePermission::getOwnerId).orElse(null));
    }

    static String id(Identity who) {
        return who.userId().orElseThrow();
    }

    @Override
    public void close() throws SQLException {
        database.close();
        db.dropTables();
    }
}
