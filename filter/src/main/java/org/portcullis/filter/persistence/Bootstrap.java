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
import org.portcullis.filter.config.PortcullisConfig;
import org.portcullis.filter.permission.Permission;
import org.portcullis.filter.tenancy.Tenant;
import org.portcullis.model.Setting;
import org.portcullis.model.UserGroup;
import org.portcullis.model.WorldEntity;
import org.portcullis.model.WorldGroup;

/**
 * What must exist before the first request: in every tenant the built-in groups and the {@code world} rows
 * of Portcullis' own entities and the host's, and a JWT secret shared by every node and tenant on the
 * database (a token names its tenant in {@code tid}, which the filter checks). Safe to run on
 * several nodes at once: a row another node inserted first is simply read back.
 *
 * <p>One read finds what is there (on every start but the first, everything); what is missing is
 * inserted in one transaction. When that transaction fails, say because another node inserted one of
 * the rows first, the rows are inserted one by one, each read back when it exists by then.
 */
public final class Bootstrap {

    /** Portcullis' own entities; guests may never read them. */
    public static final List<String> OWN_ENTITIES = List.of("user_account", "usergroup", "world", "invitation");

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

    /**
     * Seeds the database, each configured tenant's rows with that tenant bound (its groups and {@code world}
     * rows are its own); runs once, when the database first connects.
     */
    public void run(Database db) {
        for (Tenant tenant : config.tenants().tenants()) {
            db.tenants().as(tenant, () -> {
                seed(db, db.read(this::find));
                return null;
            });
        }
    }

    /** Inserts what {@code found} (read before) lacks, and keeps the JWT secret. */
    void seed(Database db, Found found) {
        Found seeded = found;
        if (!found.complete()) {
            try {
                seeded = db.inTransaction(em -> insertMissing(em, found));
            } catch (DatabaseUnavailableException raced) {
                seeded = insertRowByRow(db);
            }
        }
        String secret = seeded.secret();
        jwtSecret = config.jwtSecret().orElseGet(() -> secret.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * What the database holds of the seed: the built-in groups, the {@code world} rows, and the
     * stored JWT secret when none is configured ({@code secret} is null while it is missing).
     */
    record Found(Set<String> missingGroups, Set<String> missingEntities, String secret, boolean secretNeeded) {
        boolean complete() {
            return missingGroups.isEmpty() && missingEntities.isEmpty() && (secret != null || !secretNeeded);
        }
    }

    /** Reads, in one entity manager, which of the rows this node needs exist. */
    Found find(EntityManager em) {
        Set<String> groups = new LinkedHashSet<>(builtInGroups(config.defaultGroups()));
        groups.removeAll(em.createQuery("select g.name from UserGroup g where g.name in :names", String.class)
                .setParameter("names", List.copyOf(groups)).getResultList());
        Set<String> entities = seededEntities();
        entities.removeAll(em.createQuery("select w.entityName from WorldEntity w where w.entityName in :names",
                String.class).setParameter("names", List.copyOf(entities)).getResultList());
        boolean secretNeeded = config.jwtSecret().isEmpty();
        Setting stored = secretNeeded ? em.find(Setting.class, Setting.JWT_SECRET) : null;
        return new Found(groups, entities, stored == null ? null : stored.getValue(), secretNeeded);
    }

    /** Inserts what {@code found} lacks, in the caller's transaction; returns the seed as it then is. */
    private Found insertMissing(EntityManager em, Found found) {
        for (String group : found.missingGroups()) {
            em.persist(new UserGroup(group, null));
        }
        for (String entity : found.missingEntities()) {
            insertWorldRow(em, entity);
        }
        String secret = found.secret();
        if (secret == null && found.secretNeeded()) {
            secret = freshSecret();
            em.persist(new Setting(Setting.JWT_SECRET, secret));
        }
        return new Found(Set.of(), Set.of(), secret, found.secretNeeded());
    }

    private void insertWorldRow(EntityManager em, String entity) {
        if (OWN_ENTITIES.contains(entity)) {
            // Owner only, no group link: guests and other users may not even peek, also before an administrator exists.
            int ownerOnly = Permission.OWNER_ONLY.mask();
            em.persist(new WorldEntity(entity, ownerOnly, ownerOnly, null));
            return;
        }
        WorldEntity world = new WorldEntity(entity, Permission.ENTITY_DEFAULT.mask(),
                Permission.INSTANCE_DEFAULT.mask(), null);
        em.persist(world);
        em.flush(); // the users group may be one inserted just now
        UserGroup users = AccountRows.groupByName(em, UserGroup.USERS).orElseThrow();
        em.persist(new WorldGroup(world.getId(), users.getId(), Permission.ENTITY_DEFAULT.mask()));
    }

    /** Portcullis' own entities and the host's, each of which gets a {@code world} row; a fresh set. */
    private Set<String> seededEntities() {
        Set<String> entities = new LinkedHashSet<>(OWN_ENTITIES);
        entities.addAll(hostEntities);
        return entities;
    }

    /** The seed one row at a time, each read back when another node inserted it first. */
    private Found insertRowByRow(Database db) {
        for (String group : builtInGroups(config.defaultGroups())) {
            insertIfAbsent(db, em -> AccountRows.groupByName(em, group).isPresent(),
                    em -> em.persist(new UserGroup(group, null)));
        }
        for (String entity : seededEntities()) {
            insertIfAbsent(db, em -> PermissionStore.worldEntity(em, entity) != null, em -> insertWorldRow(em, entity));
        }
        boolean secretNeeded = config.jwtSecret().isEmpty();
        return new Found(Set.of(), Set.of(), secretNeeded ? storedSecret(db, Setting.JWT_SECRET) : null, secretNeeded);
    }

    /** The HMAC secret: the configured one, or the one generated and stored in the database. */
    public byte[] jwtSecret() {
        byte[] secret = jwtSecret;
        if (secret == null) {
            throw new DatabaseUnavailableException("Portcullis has not reached its database yet", null);
        }
        return secret.clone();
    }

    /**
     * The secret stored in the setting {@code name}, generated and stored first if there is none: made
     * once, shared by every node on the database (the JWT secret, the one-time codes' pepper).
     */
    public static String storedSecret(Database db, String name) {
        String encoded = freshSecret();
        insertIfAbsent(db, em -> em.find(Setting.class, name) != null, em -> em.persist(new Setting(name, encoded)));
        return db.read(em -> em.find(Setting.class, name).getValue());
    }

    /**
     * A new secret as stored: the key is this text itself (64 characters carrying 48 random bytes),
     * exactly as if an operator had configured it as jwt.secret, so it can be moved to
     * jwt.secret.previous to rotate.
     */
    private static String freshSecret() {
        byte[] fresh = new byte[48];
        RANDOM.nextBytes(fresh);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fresh);
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
