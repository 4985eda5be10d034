package org.portcullis.filter.authorization;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.portcullis.filter.identity.Identity;
import org.portcullis.filter.permission.AccessRow;
import org.portcullis.filter.permission.AccessRule;
import org.portcullis.filter.permission.EntityRow;
import org.portcullis.filter.permission.Permission;
import org.portcullis.filter.permission.Subject;
import org.portcullis.filter.persistence.AccessCache;
import org.portcullis.filter.persistence.AccountRows;
import org.portcullis.filter.persistence.Change;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.persistence.TenantScope;
import org.portcullis.filter.persistence.DatabaseUnavailableException;
import org.portcullis.filter.persistence.PermissionEdits;
import org.portcullis.filter.persistence.PermissionStore;
import org.portcullis.model.UserGroup;

/**
 * The permission engine for host code that wants more than guarded URLs: ask whether a user may do
 * something to an instance, register, share or give away an instance, and filter a host's own SQL
 * query to the rows a user may read. Every answer comes from {@link AccessRule}, the rule the
 * guarded routes use, on the same rows.
 *
 * <p>One per filter instance; host code gets it with {@code Portcullis.permissions(request)} and the
 * caller with {@code Portcullis.identity(request)}:
 *
 * <pre>{@code
 * PermissionEngine permissions = Portcullis.permissions(request);
 * Identity me = Portcullis.identity(request);
 * permissions.register(me, "invoice", "42");                            // mine, with the entity's default
 * permissions.share(me, "invoice", "42", "accounting", Permission.parse("group:pr"));
 * permissions.shareWithUser(me, "invoice", "42", auditorId, Permission.parseTierBits("pr"));
 * if (permissions.may(me, "invoice", "42", Permission.Action.UPDATE)) { ... }
 * permissions.transfer(me, "invoice", "42", otherUserId);
 * }</pre>
 *
 * <p>An entity is known to Portcullis when {@code resources} names it: only then does it have the
 * {@code world} row that the entity-level check reads. For an entity without one every check is
 * refused except an administrator's, as for an unregistered instance. Every method reads the database
 * (questions through the filter's {@link AccessCache}: a change made through this filter counts at once,
 * one made on another node within {@code cache.ttl}) and throws {@link DatabaseUnavailableException}
 * when it cannot: a check never passes by default.
 */
public final class PermissionEngine {

    private static final Pattern TABLE_PREFIX = Pattern.compile("[A-Za-z0-9_]{0,20}");

    private final Database database;
    private final AccessCache access;
    private final String tablePrefix;

    /** Without a cache: every question reads the database. */
    public PermissionEngine(Database database, String tablePrefix) {
        this(database, AccessCache.uncached(database), tablePrefix);
    }

    /**
     * @param access where questions ({@link #may}, {@link #readableBy}) read; changes are checked
     *     against the database inside their transaction
     * @param tablePrefix the configured {@code table.prefix}, written into {@link #readableBy}'s SQL
     */
    public PermissionEngine(Database database, AccessCache access, String tablePrefix) {
        if (!TABLE_PREFIX.matcher(tablePrefix).matches()) {
            throw new IllegalArgumentException("table prefix must be at most 20 letters, digits or '_'");
        }
        this.database = Objects.requireNonNull(database, "database");
        this.access = Objects.requireNonNull(access, "access");
        this.tablePrefix = tablePrefix;
    }

    /**
     * Whether {@code who} may do {@code action} to one instance: the entity's {@code world} row must
     * allow it, then the instance's row, exactly as for a guarded request. An instance that was never
     * registered allows nothing to anyone but administrators.
     *
     * <pre>{@code
     * if (!permissions.may(me, "note", noteId, Permission.Action.UPDATE)) {
     *     response.sendError(403);
     * }
     * }</pre>
     */
    public boolean may(Identity who, String entity, String instanceId, Permission.Action action) {
        requireAll(who, entity, instanceId, action);
        try (TenantScope.Bound bound = database.tenants().enter(who.tenant())) {
            Subject subject = access.subject(who.userId());
            return AccessRule.allows(subject, access.world(entity).orElse(null), action)
                    && AccessRule.allows(subject, access.instance(entity, instanceId).orElse(null), action);
        }
    }

    /**
     * Registers an instance the host made outside a guarded create, as the after-create check does:
     * owned by {@code owner}, linked to the owner's own group, with the entity's default permission.
     * The owner must be allowed to create at the entity level, as a guarded create must.
     *
     * @throws IllegalArgumentException if {@code owner} is a guest
     * @throws PermissionDeniedException if the entity does not let the owner create
     * @throws IllegalStateException if the instance is registered already; its rows stay as they are,
     *     so a reused id can never hand someone else's instance to a new owner
     */
    public void register(Identity owner, String entity, String instanceId) {
        requireAll(owner, entity, instanceId);
        try (TenantScope.Bound bound = database.tenants().enter(owner.tenant())) {
            if (owner.isGuest()) {
                throw new IllegalArgumentException("a guest cannot own an instance; register it for a signed-in user");
            }
            boolean registered;
            try {
                registered = database.inTransaction(Change.instance(entity, instanceId), em -> {
                    Subject subject = PermissionStore.subject(em, owner.userId());
                    Optional<EntityRow> world = PermissionStore.entity(em, entity);
                    if (!AccessRule.allows(subject, world.map(EntityRow::access).orElse(null), Permission.Action.CREATE)) {
                        throw new PermissionDeniedException("the user may not create instances of '" + entity + "'");
                    }
                    Permission permission = world.map(EntityRow::defaultPermission).orElse(Permission.INSTANCE_DEFAULT);
                    return PermissionStore.register(em, entity, instanceId, subject.userId(), subject.personalGroupId(),
                            permission);
                });
            } catch (DatabaseUnavailableException e) {
                // A registration racing ours fails on the unique key: that is "registered already", not an outage.
                if (!database.read(em -> PermissionStore.instance(em, entity, instanceId).isPresent())) {
                    throw e;
                }
                registered = false;
            }
            if (!registered) {
                throw new IllegalStateException(describe(entity, instanceId) + " is registered already");
            }
        }
    }

    /**
     * Links group {@code groupName} to an instance with {@code permission}, or replaces the
     * permission of its existing link (sharing again with {@code group:} alone keeps the group in
     * the group tier with nothing allowed). Allowed to whoever may Refer the instance: by default
     * its owner and administrators; anyone else holding Refer may give at most what they may do
     * themselves, so Refer alone never becomes Update or Delete. Only the instance's row is consulted, not the entity's, whose
     * default deliberately withholds Refer from the group tier.
     *
     * <pre>{@code
     * permissions.share(me, "note", "42", "reviewers", Permission.parse("group:pr"));    // read-only
     * permissions.share(me, "note", "42", "editors", Permission.parse("group:prud"));    // read-write
     * }</pre>
     *
     * @param permission the link's permission; only its group tier counts, so any other bit is refused
     * @throws PermissionDeniedException if {@code who} may not Refer the instance
     * @throws IllegalStateException if the instance is not registered (asked by an administrator)
     * @throws IllegalArgumentException if there is no such group, or {@code permission} has owner or guest bits
     */
    public void share(Identity who, String entity, String instanceId, String groupName, Permission permission) {
        requireAll(who, entity, instanceId, groupName, permission);
        try (TenantScope.Bound bound = database.tenants().enter(who.tenant())) {
            if (permission.tierBits(Permission.Tier.GROUP) << Permission.Tier.GROUP.shift() != permission.mask()) {
                throw new IllegalArgumentException("a group link counts only its group tier; write the permission as 'group:"
                        + "...', not '" + permission + "'");
            }
            database.inTransaction(Change.instance(entity, instanceId), em -> {
                Subject subject = PermissionStore.subject(em, who.userId());
                AccessRow row = PermissionStore.lockInstance(em, entity, instanceId).orElse(null);
                if (!AccessRule.allows(subject, row, Permission.Action.REFER)) {
                    throw new PermissionDeniedException("the user may not share " + describe(entity, instanceId));
                }
                if (!AccessRule.mayGrant(subject, row, permission)) {
                    throw new PermissionDeniedException("the user may give a group only what they may do to "
                            + describe(entity, instanceId) + " themselves");
                }
                requireRegistered(row, entity, instanceId);
                UserGroup group = AccountRows.groupByName(em, groupName)
                        .orElseThrow(() -> new IllegalArgumentException("there is no group named '" + groupName + "'"));
                PermissionStore.link(em, entity, instanceId, group.getId(), permission);
                return null;
            });
        }
    }

    /**
     * Gives user {@code userId} a named-user entry on an instance, or replaces its bits: the entry alone
     * decides for that user, more or less than their groups give (contract §7). Allowed as
     * {@link #share} is: to whoever may Refer the instance; anyone but its owner and administrators
     * gives at most what they may do themselves, to a friend or to themselves.
     *
     * <pre>{@code
     * permissions.shareWithUser(me, "note", "42", reviewerId, Permission.parseTierBits("pr"));   // read-only
     * permissions.shareWithUser(me, "note", "42", internId, 0);                                  // nothing at all
     * }</pre>
     *
     * @param bits one tier's bits, {@code 0..127} (Peek = 1 … Refer = 64)
     * @throws PermissionDeniedException if {@code who} may not Refer the instance, or not give so much
     * @throws IllegalStateException if the instance is not registered (asked by an administrator)
     * @throws IllegalArgumentException if there is no such user, or {@code bits} are outside {@code 0..127}
     */
    public void shareWithUser(Identity who, String entity, String instanceId, String userId, int bits) {
        requireAll(who, entity, instanceId, userId);
        try (TenantScope.Bound bound = database.tenants().enter(who.tenant())) {
            Permission.requireTierBits(bits);
            database.inTransaction(Change.instance(entity, instanceId), em -> {
                Subject subject = PermissionStore.subject(em, who.userId());
                AccessRow row = PermissionStore.lockInstance(em, entity, instanceId).orElse(null);
                if (!AccessRule.allows(subject, row, Permission.Action.REFER)) {
                    throw new PermissionDeniedException("the user may not share " + describe(entity, instanceId));
                }
                if (!AccessRule.mayGrant(subject, row, bits)) {
                    throw new PermissionDeniedException("the user may give a user only what they may do to "
                            + describe(entity, instanceId) + " themselves");
                }
                requireRegistered(row, entity, instanceId);
                if (AccountRows.userById(em, userId).isEmpty()) {
                    throw new IllegalArgumentException("there is no user with id '" + userId + "'");
                }
                PermissionEdits.setInstanceUser(em, entity, instanceId, userId, bits);
                return null;
            });
        }
    }

    /**
     * Gives an instance to another user. Allowed to its current owner and to administrators. The
     * former owner's own-group link moves to the new owner's own group, so the former owner keeps no
     * access through it; links to other groups stay.
     *
     * @throws PermissionDeniedException if {@code who} is neither the owner nor an administrator
     * @throws IllegalStateException if the instance is not registered (asked by an administrator)
     * @throws IllegalArgumentException if there is no user {@code newOwnerUserId}
     */
    public void transfer(Identity who, String entity, String instanceId, String newOwnerUserId) {
        requireAll(who, entity, instanceId, newOwnerUserId);
        try (TenantScope.Bound bound = database.tenants().enter(who.tenant())) {
            database.inTransaction(Change.instance(entity, instanceId), em -> {
                Subject subject = PermissionStore.subject(em, who.userId());
                AccessRow row = PermissionStore.lockInstance(em, entity, instanceId).orElse(null);
                boolean owner = AccessRule.owns(subject, row);
                if (!owner && !subject.administrator()) {
                    throw new PermissionDeniedException("only the owner or an administrator may transfer "
                            + describe(entity, instanceId));
                }
                requireRegistered(row, entity, instanceId);
                if (AccountRows.userById(em, newOwnerUserId).isEmpty()) {
                    throw new IllegalArgumentException("there is no user with id '" + newOwnerUserId + "'");
                }
                PermissionStore.transfer(em, entity, instanceId, newOwnerUserId);
                return null;
            });
        }
    }

    /**
     * A condition for the host's own SQL that keeps the rows of {@code entity} that {@code who} may
     * read, so a list is filtered by the database: {@code 1=1} for an administrator, {@code 1=0}
     * when the entity-level row does not let {@code who} read, otherwise an {@code EXISTS} over
     * Portcullis' permission tables applying the one rule. See {@link ReadableFilter} for binding.
     *
     * <pre>{@code
     * ReadableFilter readable = permissions.readableBy(me, "note", "n.id");
     * String sql = "SELECT n.id, n.text FROM note n WHERE " + readable.sql() + " ORDER BY n.id";
     * }</pre>
     *
     * @param idColumn the host's id column, qualified ({@code alias.column}, plain letters, digits and
     *     {@code _}); numeric, UUID and text columns all work, since the SQL converts it to text itself.
     *     On MariaDB text ids compare with the tables' collation, which is case-insensitive by default.
     * @throws IllegalArgumentException if {@code idColumn} is anything else: it is written into the SQL
     */
    public ReadableFilter readableBy(Identity who, String entity, String idColumn) {
        String column = FilterSql.checkedIdColumn(idColumn);
        requireAll(who, entity);
        try (TenantScope.Bound bound = database.tenants().enter(who.tenant())) {
            Subject subject = access.subject(who.userId());
            if (!AccessRule.allows(subject, access.world(entity).orElse(null), Permission.Action.READ)) {
                return ReadableFilter.NO_ROW;
            }
            if (subject.administrator()) {
                return ReadableFilter.EVERY_ROW;
            }
            return FilterSql.forSubject(tablePrefix, who.tenant(), entity, subject, column, Permission.Action.READ);
        }
    }

    private static void requireRegistered(AccessRow row, String entity, String instanceId) {
        if (row == null) {
            throw new IllegalStateException(describe(entity, instanceId) + " is not registered");
        }
    }

    private static String describe(String entity, String instanceId) {
        return "instance '" + instanceId + "' of '" + entity + "'";
    }

    private static void requireAll(Object... arguments) {
        for (Object argument : arguments) {
            Objects.requireNonNull(argument, "PermissionEngine takes no null argument");
        }
    }
}
