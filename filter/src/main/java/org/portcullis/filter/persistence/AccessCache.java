package org.portcullis.filter.persistence;

import com.github.benmanes.caffeine.cache.Ticker;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.portcullis.filter.permission.AccessRow;
import org.portcullis.filter.permission.EntityRow;
import org.portcullis.filter.permission.Subject;
import org.portcullis.filter.tenancy.Tenant;
import org.portcullis.model.UserAccount;

/**
 * The rows every request reads to decide who is asking and what they may do, kept in memory for
 * at most {@code cache.ttl}: revoked token ids, active accounts, subjects (memberships,
 * administrator flag, personal group), group names, {@code world} rows and instance rows (each with its
 * group links and named-user entries, so that a row's entries cost no read of their own), each cache holding
 * at most {@code cache.size} entries. A row that does not exist is remembered too.
 *
 * <p>Reads that decide a request (the guard, the Java API's questions, the management API's "who
 * is asking") come here; a write's own checks inside its transaction read the database, where its
 * locks are. Every write that commits through {@link Database#inTransaction} tells this cache what
 * it changed ({@link Change}), and this node forgets it at once; another node sharing the database
 * sees the change when its own entry expires, within {@code cache.ttl}. A time-to-live of zero
 * switches caching off: every read goes to the database.
 */
public final class AccessCache {

    /**
     * What identifying a request needs of an account that may sign in.
     *
     * @param tokensValidAfter tokens issued before it are refused (sign-out everywhere, password change)
     * @param apiAccess {@code false}: a guest on the host's routes; read with the rest of the row, so the
     *     check costs no query of its own
     */
    public record Account(String id, String email, String name, Instant tokensValidAfter, boolean apiAccess) {
    }

    /** An instance row of one tenant's shelf. */
    private record InstanceKey(String entity, String instanceId) {
    }

    /**
     * One tenant's entries. Every tenant has a shelf of its own, and a shelf reads with its tenant bound, so an
     * entry can only ever hold its own tenant's rows: a cache warmed by one tenant answers nothing for another.
     */
    private final class Shelf {
        private final Tenant tenant;
        private final CachedRows<String, Boolean> revoked;
        private final CachedRows<String, Optional<Account>> accounts;
        private final CachedRows<String, Subject> subjects;
        private final CachedRows<String, List<String>> groupNames;
        private final CachedRows<String, Optional<EntityRow>> entities;
        private final CachedRows<InstanceKey, Optional<AccessRow>> instances;

        private Shelf(Tenant tenant) {
            this.tenant = tenant;
            this.revoked = new CachedRows<>(ttl, maximumSize, ticker);
            this.accounts = new CachedRows<>(ttl, maximumSize, ticker);
            this.subjects = new CachedRows<>(ttl, maximumSize, ticker);
            this.groupNames = new CachedRows<>(ttl, maximumSize, ticker);
            this.entities = new CachedRows<>(ttl, maximumSize, ticker);
            this.instances = new CachedRows<>(ttl, maximumSize, ticker);
        }

        private <T> T read(Function<EntityManager, T> work) {
            return database.tenants().as(tenant, () -> database.read(work));
        }

        private void drop(Change change) {
            if (change instanceof Change.Several several) {
                several.changes().forEach(this::drop);
            } else if (change instanceof Change.User user) {
                accounts.invalidate(user.userId());
                subjects.invalidate(user.userId());
                groupNames.invalidate(user.userId());
            } else if (change instanceof Change.Token token) {
                revoked.invalidate(token.tokenId());
            } else if (change instanceof Change.Entity entity) {
                entities.invalidate(entity.entity());
            } else if (change instanceof Change.Instance instance) {
                instances.invalidate(new InstanceKey(instance.entity(), instance.instanceId()));
            } else if (change instanceof Change.Region region) {
                switch (region) {
                    case USERS -> {
                        accounts.invalidateAll();
                        subjects.invalidateAll();
                        groupNames.invalidateAll();
                    }
                    case TOKENS -> revoked.invalidateAll();
                    case ENTITIES -> entities.invalidateAll();
                    case INSTANCES -> instances.invalidateAll();
                    default -> throw new IllegalStateException("unknown region " + region);
                }
            }
        }

        private long size() {
            return revoked.size() + accounts.size() + subjects.size() + groupNames.size() + entities.size()
                    + instances.size();
        }
    }

    private final Database database;
    private final Duration ttl;
    private final int maximumSize;
    private final Ticker ticker;
    private final boolean caching;
    /** The default tenant's shelf: the only one used while tenants.mode is none. */
    private final Shelf single;
    private final Map<Tenant, Shelf> shelves = new ConcurrentHashMap<>();
    /** A guest's groups are no row: they never change (a century, far from overflowing the ticker). */
    private static final long GUEST_FOREVER_NANOS = Duration.ofDays(36_500).toNanos();
    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong changesWithTokens = new AtomicLong();

    private AccessCache(Database database, Duration ttl, int maximumSize, Ticker ticker) {
        if (ttl.isNegative() || maximumSize < 1) {
            throw new IllegalArgumentException("the time-to-live must not be negative and the size must be positive");
        }
        this.database = Objects.requireNonNull(database, "database");
        this.ttl = ttl;
        this.maximumSize = maximumSize;
        this.ticker = ticker;
        this.caching = !ttl.isZero();
        this.single = new Shelf(Tenant.DEFAULT);
        shelves.put(Tenant.DEFAULT, single);
    }

    /** The shelf of the tenant this thread works for. */
    private Shelf shelf() {
        return shelf(database.tenants().current());
    }

    private Shelf shelf(Tenant tenant) {
        return tenant == Tenant.DEFAULT || tenant.equals(Tenant.DEFAULT) ? single : shelves.computeIfAbsent(tenant, Shelf::new);
    }

    /**
     * A cache over {@code database} that forgets whatever a transaction committed through it changes.
     *
     * @param ttl how long an entry is used before it is read again; zero switches caching off
     * @param maximumSize most entries of each kind
     */
    public static AccessCache over(Database database, Duration ttl, int maximumSize) {
        return over(database, ttl, maximumSize, Ticker.systemTicker());
    }

    /** As {@link #over(Database, Duration, int)}, on a given clock; for tests. */
    static AccessCache over(Database database, Duration ttl, int maximumSize, Ticker ticker) {
        AccessCache cache = new AccessCache(database, ttl, maximumSize, ticker);
        if (!ttl.isZero()) {
            database.onCommit(cache::forget);
        }
        return cache;
    }

    /** No caching: every read goes to the database. */
    public static AccessCache uncached(Database database) {
        return new AccessCache(database, Duration.ZERO, 1, Ticker.systemTicker());
    }

    /**
     * Whether the token with this {@code jti} was revoked (signed out), with the moment until which
     * the answer stands for the database.
     */
    public Fresh<Boolean> freshRevoked(String tokenId) {
        Shelf shelf = shelf();
        return shelf.revoked.getFresh(tokenId, id -> shelf.read(em -> Revocations.isRevoked(em, id)));
    }

    /**
     * The account with this id, if it exists and may sign in, with the moment until which the answer
     * stands for the database.
     */
    public Fresh<Optional<Account>> freshActiveAccount(String userId) {
        Shelf shelf = shelf();
        return shelf.accounts.getFresh(userId, id -> shelf.read(em -> activeAccount(em, id)));
    }

    private static Optional<Account> activeAccount(EntityManager em, String userId) {
        return AccountRows.userById(em, userId)
                .filter(UserAccount::isActive)
                .map(u -> new Account(u.getId(), u.getEmail(), u.getName(), u.getTokensValidAfter(), u.hasApiAccess()));
    }

    /**
     * The subject for a request's user id (as its identity gives it): a guest when there is none, else
     * a user with their groups.
     */
    public Subject subject(Optional<String> userId) {
        return userId.isEmpty() ? Subject.guest() : subject(userId.get());
    }

    /** As {@link #subject(Optional)}, with the moment until which it stands for the database. */
    public Fresh<Subject> freshSubject(Optional<String> userId) {
        return userId.isEmpty() ? new Fresh<>(Subject.guest(), ticker.read() + GUEST_FOREVER_NANOS)
                : subjectFresh(shelf(), userId.get());
    }

    private static Fresh<Subject> subjectFresh(Shelf shelf, String userId) {
        return shelf.subjects.getFresh(userId, id -> shelf.read(em -> PermissionStore.subject(em, id)));
    }

    /** A user's groups, and whether they administer. */
    public Subject subject(String userId) {
        Shelf shelf = shelf();
        return shelf.subjects.get(userId, id -> shelf.read(em -> PermissionStore.subject(em, id)));
    }

    /** Names of the groups a user belongs to, personal group included: what {@code isUserInRole} asks. */
    public List<String> groupNames(String userId) {
        Shelf shelf = shelf();
        return shelf.groupNames.get(userId, id -> List.copyOf(shelf.read(em -> AccountRows.groupNamesOf(em, id))));
    }

    /** The entity's {@code world} row with its group links and its instances' default permission. */
    public Optional<EntityRow> entity(String entity) {
        Shelf shelf = shelf();
        return shelf.entities.get(entity, name -> shelf.read(em -> PermissionStore.entity(em, name)));
    }

    /** As {@link #entity}, with the moment until which it stands for the database. */
    public Fresh<Optional<EntityRow>> freshEntity(String entity) {
        Shelf shelf = shelf();
        return shelf.entities.getFresh(entity, name -> shelf.read(em -> PermissionStore.entity(em, name)));
    }

    /** The entity-level row that the checks read. */
    public Optional<AccessRow> world(String entity) {
        return entity(entity).map(EntityRow::access);
    }

    /** One instance's row, of the tenant this thread works for; empty when it is not registered. */
    public Optional<AccessRow> instance(String entity, String instanceId) {
        Shelf shelf = shelf();
        return shelf.instances.get(new InstanceKey(entity, instanceId), key -> readInstance(shelf, key));
    }

    /** As {@link #instance}, with the moment until which it stands for the database. */
    public Fresh<Optional<AccessRow>> freshInstance(String entity, String instanceId) {
        return freshInstance(shelf(), entity, instanceId);
    }

    /** As {@link #freshInstance(String, String)}, of {@code tenant}. */
    public Fresh<Optional<AccessRow>> freshInstance(Tenant tenant, String entity, String instanceId) {
        return freshInstance(shelf(tenant), entity, instanceId);
    }

    private Fresh<Optional<AccessRow>> freshInstance(Shelf shelf, String entity, String instanceId) {
        return shelf.instances.getFresh(new InstanceKey(entity, instanceId), key -> readInstance(shelf, key));
    }

    private static Optional<AccessRow> readInstance(Shelf shelf, InstanceKey key) {
        return shelf.read(em -> PermissionStore.instance(em, key.entity(), key.instanceId()));
    }

    /**
     * The rows of many instances of one entity, in the order of {@code instanceIds}, {@code null} where
     * an id has no row: those in memory from memory, the rest in a few queries.
     */
    public AccessRow[] instances(String entity, List<String> instanceIds) {
        return freshInstances(entity, instanceIds).value();
    }

    /** As {@link #instances}, with the moment until which all of those rows stand for the database. */
    public Fresh<AccessRow[]> freshInstances(String entity, List<String> instanceIds) {
        return freshInstances(shelf(), entity, instanceIds);
    }

    /** As {@link #freshInstances(String, List)}, of {@code tenant}. */
    public Fresh<AccessRow[]> freshInstances(Tenant tenant, String entity, List<String> instanceIds) {
        return freshInstances(shelf(tenant), entity, instanceIds);
    }

    private Fresh<AccessRow[]> freshInstances(Shelf shelf, String entity, List<String> instanceIds) {
        List<InstanceKey> keys = new ArrayList<>(instanceIds.size());
        for (String id : instanceIds) {
            keys.add(new InstanceKey(entity, id));
        }
        Fresh<List<Optional<AccessRow>>> rows = shelf.instances.getAllFresh(keys, missing -> load(shelf, entity, missing));
        AccessRow[] out = new AccessRow[rows.value().size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.value().get(i).orElse(null);
        }
        return new Fresh<>(out, rows.until());
    }

    /** Whether anything is kept at all: false when {@code cache.ttl} is zero. */
    public boolean caching() {
        return caching;
    }

    /** The reading of the clock that {@link Fresh#until()} is measured on. */
    public long now() {
        return ticker.read();
    }

    /**
     * How many changes to accounts, memberships, {@code world} rows or instance rows this node has
     * forgotten so far. A decision taken from cached rows still holds while this count stays what it
     * was before the rows were read (and the rows are {@link Fresh}).
     */
    public long changes() {
        return changes.get();
    }

    /**
     * As {@link #changes()}, counting revocations too: what an identity decided from cached rows
     * (a token not revoked, its account active) must watch.
     */
    public long changesWithTokens() {
        return changesWithTokens.get();
    }

    private static Map<InstanceKey, Optional<AccessRow>> load(Shelf shelf, String entity, Set<InstanceKey> keys) {
        Map<String, AccessRow> found = shelf.read(em -> PermissionStore.instances(em, entity,
                keys.stream().map(InstanceKey::instanceId).toList()));
        Map<InstanceKey, Optional<AccessRow>> out = new HashMap<>();
        keys.forEach(key -> out.put(key, Optional.ofNullable(found.get(key.instanceId()))));
        return out;
    }

    /**
     * Drops what {@code change} names in every tenant's entries, at once, and then counts it in
     * {@link #changes()}.
     */
    public void forget(Change change) {
        forget(null, change);
    }

    /**
     * Drops what {@code change} names in {@code tenant}'s entries (every tenant's when null), at once, and
     * then counts it in {@link #changes()}; called after each commit on this node.
     */
    public void forget(Tenant tenant, Change change) {
        if (!caching) {
            return;
        }
        if (tenant == null) {
            shelves.values().forEach(shelf -> shelf.drop(change));
        } else {
            Shelf shelf = shelves.get(tenant);
            if (shelf != null) {
                shelf.drop(change);
            }
        }
        changesWithTokens.incrementAndGet();
        if (!(change instanceof Change.Token) && change != Change.Region.TOKENS) {
            changes.incrementAndGet();
        }
    }

    /** Entries held now, of every kind together; for tests and diagnostics. */
    long size() {
        return shelves.values().stream().mapToLong(Shelf::size).sum();
    }
}
