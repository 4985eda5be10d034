package org.portcullis.filter.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.persistence.exceptions.EclipseLinkException;
import org.portcullis.filter.config.ConfigException;
import org.portcullis.filter.config.PortcullisConfig;
import org.portcullis.filter.config.SchemaMode;
import org.portcullis.filter.tenancy.Tenant;
import org.portcullis.model.PortcullisPersistence;
import org.portcullis.model.SchemaBehindException;
import org.portcullis.model.SchemaVersions;

/**
 * The host's database as Portcullis sees it: an {@link EntityManagerFactory} built from the host's
 * JNDI {@code DataSource}, a JDBC URL, or an embedded H2 file database, in that order.
 *
 * <p>The factory is built lazily and rebuilt after a failure, at most once per
 * {@link #RETRY_INTERVAL}, so a filter that started while the database was down begins to work by
 * itself when it comes back. Every action runs in one transaction ({@link #inTransaction}): it
 * commits whole or leaves nothing behind.
 *
 * <p>{@link #startInBackground} makes the first attempt on a thread of its own, so that the host's
 * deployment does not wait for EclipseLink, the database and the seeding. Until that attempt ends, a
 * caller that needs the database waits for it, at most {@code start.wait}; after that it gets
 * {@link DatabaseUnavailableException}, which is a 503.
 *
 * <p>{@link #close} waits for that thread, at most {@link #STOP_WAIT}, and closes the factory, which
 * closes its connections (and so the embedded H2 database and its threads).
 */
public final class Database implements AutoCloseable {

    /** How long after a failed start the next attempt waits. */
    public static final Duration RETRY_INTERVAL = Duration.ofSeconds(2);
    /** How long {@link #close} waits for a background start still under way. */
    static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    private final PortcullisConfig config;
    private final Consumer<Database> onFirstConnect;
    private final Clock clock;
    private final List<BiConsumer<Tenant, Change>> commitListeners = new CopyOnWriteArrayList<>();
    private final TenantScope tenants;
    /** This node's id while its changes are written for the other nodes ({@link #coordinate}), else null. */
    private volatile String coordinationNode;
    private EntityManagerFactory factory;
    private Instant nextAttempt = Instant.MIN;
    /** Set first by {@link #close}, outside the lock: a start under way sees it and closes what it opened. */
    private volatile boolean closed;
    private final ConnectionProperties connection;
    /** Counted down when the background start has ended, connected or not; null without one. */
    private volatile CountDownLatch starting;
    /** The background start's thread, which {@link #close} waits for; null without one. */
    private volatile Thread startThread;

    /**
     * @param onFirstConnect runs once, after the factory first connects (seeding, secrets); a failure
     *     there counts as a failed start
     */
    public Database(PortcullisConfig config, Consumer<Database> onFirstConnect, Clock clock) {
        this.config = config;
        this.connection = new ConnectionProperties(config);
        this.onFirstConnect = onFirstConnect;
        this.clock = clock;
        this.tenants = new TenantScope(config.tenants().resolved(), config.tenants().tenants());
    }

    /** Whose rows this thread's work is for: every entity manager made here carries that tenant. */
    public TenantScope tenants() {
        return tenants;
    }

    /**
     * Connects now if it can. A database that is down is not a configuration error: the filter
     * starts and answers 503 until the database is back.
     *
     * @throws ConfigException when the configuration itself is wrong (say, an unknown JNDI name)
     */
    public void start() {
        try {
            factory();
        } catch (DatabaseUnavailableException e) {
            if (!closed) {
                LOG.warning("Portcullis could not reach its database yet; requests that need it get 503 until it can: "
                        + rootMessage(e));
            }
        }
    }

    /**
     * Like {@link #start}, but connects, brings the schema to its latest version and seeds on a thread
     * of its own. Callers that need the database meanwhile wait for it, at most {@code start.wait}.
     *
     * @throws ConfigException at once when the configuration itself is wrong (say, an unknown JNDI
     *     name): the DataSource is looked up before the thread starts
     */
    public void startInBackground() {
        connection.properties(); // looks the DataSource up, so that a wrong JNDI name still fails the filter's init
        CountDownLatch attempt = new CountDownLatch(1);
        starting = attempt;
        Thread thread = new Thread(() -> {
            try {
                start();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Portcullis' database start failed", e);
            } finally {
                attempt.countDown();
                if (closed) {
                    closeFactory(); // stopped while connecting: close may have stopped waiting for us
                }
            }
        }, "portcullis-database-start");
        thread.setDaemon(true);
        // EclipseLink finds META-INF/persistence.xml through the context class loader: the web application's.
        thread.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        startThread = thread;
        thread.start();
        LOG.info("Portcullis is connecting to its database in the background (" + connection.describe() + ")");
    }

    /**
     * Waits, at most {@code start.wait}, for a background start under way. The start thread itself,
     * which seeds the database while it holds the factory's lock, never waits for its own end.
     */
    private void awaitStart() {
        CountDownLatch attempt = starting;
        if (attempt == null || attempt.getCount() == 0 || Thread.holdsLock(this)) {
            return;
        }
        try {
            if (attempt.await(config.startWait().toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new DatabaseUnavailableException("Portcullis is still connecting to its database", null);
    }

    /**
     * Runs {@code work} in one transaction and commits, or rolls back on any exception. The
     * transaction names no {@link Change}, so after it commits every cache on this node is emptied:
     * writes that know what they change say so with {@link #inTransaction(Change, Function)}.
     */
    public <T> T inTransaction(Function<EntityManager, T> work) {
        return inTransaction(work, result -> Change.everything());
    }

    /** Runs {@code work} in one transaction; once it has committed, the caches drop {@code change}. */
    public <T> T inTransaction(Change change, Function<EntityManager, T> work) {
        Objects.requireNonNull(change, "change");
        return inTransaction(work, result -> change);
    }

    /**
     * Runs {@code work} in one transaction; once it has committed, the caches drop what
     * {@code changeOf} says the result changed (for a write that learns its keys as it goes, such as
     * the id of a new user). Listeners hear of a change only after the commit, so a reader on
     * another thread cannot cache the old rows again between the drop and the commit. A transaction
     * that fails before its commit changed nothing; one whose commit fails may have, and counts as
     * {@link Change#everything()}.
     */
    public <T> T inTransaction(Function<EntityManager, T> work, Function<? super T, Change> changeOf) {
        Tenant tenant = tenants.currentOrNull();
        EntityManager em = entityManager();
        EntityTransaction tx = em.getTransaction();
        boolean committing = false;
        T result;
        Change change = null;
        try {
            tx.begin();
            result = work.apply(em);
            String node = coordinationNode;
            if (node != null) {
                // Written in the same transaction: the other nodes hear of it exactly when it is true.
                change = changeOf.apply(result);
                ChangeLog.write(em, node, tenant, change, clock.instant());
            }
            committing = true;
            tx.commit();
        } catch (RuntimeException e) {
            if (committing) {
                announce(tenant, Change.everything());
            }
            throw translate(e);
        } finally {
            try {
                if (tx.isActive()) {
                    tx.rollback();
                }
            } catch (RuntimeException rollbackFailure) {
                LOG.log(Level.FINE, "rollback failed", rollbackFailure);
            }
            em.close();
        }
        announce(tenant, change != null ? change : changeOf.apply(result));
        return result;
    }

    /**
     * From now on every committed {@link Change} is also written to {@code cache_change} for the other nodes,
     * which read it with their {@link ChangeFeed} ({@code cache.coordination=database}).
     *
     * @param node this node's id, on each row, so that its own feed skips them
     */
    public void coordinate(String node) {
        this.coordinationNode = java.util.Objects.requireNonNull(node, "node");
    }

    /**
     * Makes this node's caches forget what another node committed, as if it had been committed here.
     *
     * @param tenant whose rows changed; null for every tenant's
     */
    void announceRemote(Tenant tenant, Change change) {
        announce(tenant, change);
    }

    /**
     * {@code listener} hears every committed change with the tenant whose rows it changed (null: the
     * work was no one tenant's, so every tenant's rows may have changed), on the committing thread,
     * right after the commit.
     */
    public void onCommit(BiConsumer<Tenant, Change> listener) {
        commitListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private void announce(Tenant tenant, Change change) {
        for (BiConsumer<Tenant, Change> listener : commitListeners) {
            listener.accept(tenant, change);
        }
    }

    /** Runs read-only {@code work} outside a transaction. */
    public <T> T read(Function<EntityManager, T> work) {
        EntityManager em = entityManager();
        try {
            return work.apply(em);
        } catch (RuntimeException e) {
            throw translate(e);
        } finally {
            em.close();
        }
    }

    private EntityManager entityManager() {
        awaitStart();
        try {
            return factory().createEntityManager(tenants.properties());
        } catch (ConfigException e) {
            throw new DatabaseUnavailableException(e.getMessage(), e); // a schema behind: a request gets 503
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /**
     * Turns a JPA or EclipseLink failure into {@link DatabaseUnavailableException}; other exceptions,
     * such as the validation errors of an action, pass unchanged.
     */
    public static RuntimeException translate(RuntimeException e) {
        if (e instanceof PersistenceException || e instanceof EclipseLinkException) {
            return new DatabaseUnavailableException("database operation failed", e);
        }
        return e;
    }

    private synchronized EntityManagerFactory factory() {
        if (closed) {
            throw new DatabaseUnavailableException("Portcullis is shutting down", null);
        }
        if (factory != null) {
            return factory;
        }
        Instant now = clock.instant();
        if (now.isBefore(nextAttempt)) {
            throw new DatabaseUnavailableException("database unavailable; next attempt at " + nextAttempt, null);
        }
        EntityManagerFactory candidate = null;
        try {
            candidate = PortcullisPersistence.createEntityManagerFactory(connection.withPlatform(connection.properties()));
            candidate.createEntityManager().close(); // logs in
            if (config.schema() == SchemaMode.CREATE_OR_EXTEND) {
                SchemaVersions.migrate(candidate);
            } else {
                SchemaVersions.check(candidate);
            }
            factory = candidate;
            onFirstConnect.accept(this);
            LOG.info("Portcullis connected to its database (" + connection.describe() + ")");
            return factory;
        } catch (ConfigException e) {
            factory = null;
            if (candidate != null) {
                closeQuietly(candidate);
            }
            throw e;
        } catch (SchemaBehindException e) {
            // Fails the filter's init when the start is not in the background; requests meanwhile get 503, and
            // a start after the host has run the scripts succeeds.
            closeQuietly(candidate);
            nextAttempt = now.plus(RETRY_INTERVAL);
            throw new ConfigException("schema", e.getMessage());
        } catch (RuntimeException e) {
            factory = null;
            if (candidate != null) {
                closeQuietly(candidate);
            }
            nextAttempt = now.plus(RETRY_INTERVAL);
            throw new DatabaseUnavailableException("cannot start the database: " + rootMessage(e), e);
        }
    }

    /** A failure's root cause in one line, fit for a log: never a second line, which may quote a URL. */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        // Driver messages can quote the URL; keep only the first line and never a password.
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }

    private static void closeQuietly(EntityManagerFactory emf) {
        try {
            emf.close();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "closing a failed factory", e);
        }
    }

    /**
     * Refuses every further use, waits for a background start still under way (at most
     * {@link #STOP_WAIT}) and closes the factory and its connections. A start that outlasts the wait
     * closes its own factory when it ends. Closing again does nothing more.
     */
    @Override
    public void close() {
        close(STOP_WAIT);
    }

    /** As {@link #close()}, waiting at most {@code wait} for a background start. */
    void close(Duration wait) {
        closed = true;
        Thread start = startThread;
        if (start != null && !ended(start, wait)) {
            // It holds the lock closeFactory needs; waiting on would hold up the container's undeploy.
            LOG.warning("Portcullis' database start was still under way " + wait.toMillis()
                    + " ms after the filter was stopped; it closes its connections when it ends");
            return;
        }
        closeFactory();
    }

    private static boolean ended(Thread thread, Duration wait) {
        try {
            thread.join(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    private synchronized void closeFactory() {
        if (factory != null) {
            closeQuietly(factory);
            factory = null;
        }
    }
}
