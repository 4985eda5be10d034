package org.portcullis.filter.persistence;

import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.portcullis.filter.authorization.Permission;
import org.portcullis.filter.config.PortcullisConfig;
import org.portcullis.model.Setting;
import org.portcullis.model.UserGroup;
import org.portcullis.model.WorldEntity;
import org.portcullis.model.WorldGroup;

/**
 * What must exist before the first request: the built-in groups, the {@code world} rows of
 * Portcullis' own entities, and a JWT secret shared by every node on the database. Safe to run on
 * several nodes at once: a row another node inserted first is simply read back.
 */
public final class Bootstrap {

    /** Portcullis' own entities; guests may never read them. */
    public static final List<String> OWN_ENTITIES = List.of("user_account", "usergroup", "world");


    private static final SecureRandom RANDOM = new SecureRandom();

    private final PortcullisConfig config;
    private final Set<String> hostEntities;
    private volatile byte[] jwtSecret;

    /** @param hostEntities the entities the route table names; each gets a {@code world} row with the defaults */
    public Bootstrap(PortcullisConfig config, Set<String> hostEntities) {
        this.config = config;
        this.hostEntities = Set.copyOf(hostEntities);
    }

    /** The groups seeded at start: {@code administrators}, {@code users} and the {@code default.groups}. */
    public static Set<String> builtInGroups(List<String> defaultGroups) {
        Set<String> groups = new LinkedHashSet<>();
        groups.add(UserGroup.ADMINISTRATORS);
        groups.add(UserGroup.USERS);
        groups.addAll(defaultGroups);
        return Set.copyOf(groups);
    }

    /** Seeds the database; runs once, when the database first connects. */
    public void run(Database db) {
        for (String group : builtInGroups(config.defaultGroups())) {
            insertIfAbsent(db, em -> Accounts.groupByName(em, group).isPresent(),
                    em -> em.persist(new UserGroup(group, null)));
        }
        for (String entity : OWN_ENTITIES) {
            // Owner only, no group link: guests and other users may not even peek, also before an administrator exists.
            int ownerOnly = Permission.OWNER_ONLY.mask();
            insertIfAbsent(db, em -> PermissionStore.worldEntity(em, entity) != null,
                    em -> em.persist(new WorldEntity(entity, ownerOnly, ownerOnly, null)));
        }
        for (String entity : hostEntities) {
            insertIfAbsent(db, em -> PermissionStore.worldEntity(em, entity) != null, em -> {
                WorldEntity world = new WorldEntity(entity, Permission.ENTITY_DEFAULT.mask(),
                        Permission.INSTANCE_DEFAULT.mask(), null);
                em.persist(world);
                UserGroup users = Accounts.groupByName(em, UserGroup.USERS).orElseThrow();
                em.persist(new WorldGroup(world.getId(), users.getId(), Permission.ENTITY_DEFAULT.mask()));
            });
        }
        jwtSecret = config.jwtSecret().orElseGet(() -> storedSecret(db));
    }

    /** The HMAC secret: the configured one, or the one generated and stored in the database. */
    public byte[] jwtSecret() {
        byte[] secret = jwtSecret;
        if (secret == null) {
            throw new DatabaseUnavailableException("Portcullis has not reached its database yet", null);
        }
        return secret.clone();
    }

    private static byte[] storedSecret(Database db) {
        byte[] fresh = new byte[48];
        RANDOM.nextBytes(fresh);
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(fresh);
        insertIfAbsent(db, em -> em.find(Setting.class, Setting.JWT_SECRET) != null,
                em -> em.persist(new Setting(Setting.JWT_SECRET, encoded)));
        String stored = db.read(em -> em.find(Setting.class, Setting.JWT_SECRET).getValue());
        // The key is the stored text itself (64 characters carrying 48 random bytes), exactly as if an
        // operator had configured it as jwt.secret: so it can be moved to jwt.secret.previous to rotate.
        return stored.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Inserts a row unless it exists. When another node inserts it at the same moment our insert
     * fails on the unique key, and the row that node wrote is as good as ours.
     */
    private static void insertIfAbsent(Database db, Function<EntityManager, Boolean> exists,
                                       Consumer<EntityManager> insert) {
        if (db.read(exists)) {
            return;
        }
        try {
            db.inTransaction(em -> {
                insert.accept(em);
                return null;
            });
        } catch (DatabaseUnavailableException raced) {
            if (!db.read(exists)) {
                throw raced;
            }
        }
    }
}
