package org.portcullis.model;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.portcullis.model.PortcullisPersistence.Dialect;

/**
 * The versions of Portcullis' schema: numbered scripts per dialect ({@link Dialect#migrations()}),
 * applied in order, each recording itself in {@code <prefix>schema_version} (one row per version).
 *
 * <p>{@link #migrate} brings the database to the latest version ({@code schema=create-or-extend}):
 * version 0 makes the version table; tables made before versions existed (by an earlier Portcullis,
 * or the host's run of the version-1 script) are recorded as version 1, {@code baseline}, untouched;
 * every later version is applied in its own transaction. The node that migrates holds the row of
 * version 0 locked ({@code SELECT ... FOR UPDATE}) on a connection of its own meanwhile, so that of
 * several nodes starting at once one applies and the others wait, then find the versions recorded.
 * The lock lives on that connection rather than the one running the scripts because H2 and MariaDB
 * commit at every DDL statement, which would release it.
 *
 * <p>{@link #check} only reads the recorded version ({@code schema=none}) and throws
 * {@link SchemaBehindException}, naming the scripts to run, when the database is behind.
 *
 * <p>On a database no scripts are shipped for, {@code migrate} falls back to
 * {@link PortcullisSchema#createOrExtend} and {@code check} checks nothing.
 *
 * <pre>{@code
 * EntityManagerFactory emf = PortcullisPersistence.createEntityManagerFactory(properties);
 * SchemaVersions.migrate(emf);   // or SchemaVersions.check(emf) when the host runs the scripts
 * }</pre>
 */
public final class SchemaVersions {

    /** The version that makes Portcullis' tables; the one a database made before versions is at. */
    public static final int TABLES = 1;
    /** What the row of a database whose tables were made before versions names as its script. */
    public static final String BASELINE = "baseline";

    private static final Logger LOG = Logger.getLogger(SchemaVersions.class.getName());
    /** How long a node waits for another's migration before its start fails (and is tried again). */
    private static final Duration LOCK_WAIT = Duration.ofMinutes(5);

    private final List<Migration> migrations;
    private final Duration lockWait;

    /** @param migrations versions 0, 1, 2, … in order */
    SchemaVersions(List<Migration> migrations, Duration lockWait) {
        for (int i = 0; i < migrations.size(); i++) {
            if (migrations.get(i).version() != i) {
                throw new IllegalArgumentException("schema versions must be numbered 0, 1, 2, … without gaps: "
                        + migrations.stream().map(Migration::script).collect(Collectors.joining(", ")));
            }
        }
        this.migrations = List.copyOf(migrations);
        this.lockWait = lockWait;
    }

    /**
     * Brings the database to the latest version, or (on a database no scripts are shipped for) makes
     * or extends the tables as EclipseLink does.
     *
     * @param factory a factory of the {@code portcullis} unit built without DDL generation
     * @throws PersistenceException when a script fails, or another node's migration outlasts the wait
     */
    public static void migrate(EntityManagerFactory factory) {
        Optional<Dialect> dialect = dialect(factory);
        if (dialect.isEmpty()) {
            LOG.info("Portcullis keeps schema versions on H2, PostgreSQL and MariaDB only; "
                    + "this database's tables are made or extended as EclipseLink makes them");
            PortcullisSchema.createOrExtend(factory);
            return;
        }
        new SchemaVersions(dialect.get().migrations(), LOCK_WAIT).migrateNow(factory);
    }

    /**
     * Checks that the database has every version this Portcullis knows, changing nothing.
     *
     * @throws SchemaBehindException when it lacks one, naming the scripts to run
     */
    public static void check(EntityManagerFactory factory) {
        Optional<Dialect> dialect = dialect(factory);
        if (dialect.isPresent()) {
            new SchemaVersions(dialect.get().migrations(), LOCK_WAIT).checkNow(factory);
        }
    }

    /** The latest version. */
    int latest() {
        return migrations.size() - 1;
    }

    /** {@link #migrate} with these migrations; returns the version the database is at after. */
    int migrateNow(EntityManagerFactory factory) {
        VersionTable table = VersionTable.of(factory);
        OptionalInt seen = inTransaction(factory, "reading the version",
                c -> table.exists(c) ? OptionalInt.of(table.recorded(c)) : OptionalInt.empty());
        if (seen.isEmpty()) {
            makeVersionTable(factory, table);
        } else if (seen.getAsInt() >= latest()) {
            warnIfAhead(seen.getAsInt(), table);
            return seen.getAsInt(); // up to date: no lock taken, nothing written
        }
        try (Lock lock = new Lock(factory, table)) {
            int current = Math.max(0, inTransaction(factory, "reading the version", table::recorded));
            if (current < TABLES && inTransaction(factory, "reading the tables", table::madeBeforeVersions)) {
                inTransaction(factory, "recording the baseline", c -> table.record(c, TABLES, BASELINE));
                LOG.info("Portcullis' tables were made before schema versions: recorded as version " + TABLES
                        + " (" + BASELINE + ") in " + table.name());
                current = TABLES;
            }
            int found = current;
            for (Migration migration : migrations) {
                if (migration.version() > found) {
                    apply(factory, table, migration);
                    current = migration.version();
                }
            }
            warnIfAhead(current, table);
            return current;
        }
    }

    /** {@link #check} with these migrations; returns the version the database is at. */
    int checkNow(EntityManagerFactory factory) {
        VersionTable table = VersionTable.of(factory);
        return inTransaction(factory, "reading the version", c -> {
            boolean versioned = table.exists(c);
            int current = versioned ? Math.max(0, table.recorded(c)) : table.madeBeforeVersions(c) ? TABLES : -1;
            if (current < latest()) {
                throw new SchemaBehindException(behind(table, versioned, current));
            }
            if (!versioned) {
                LOG.info("Portcullis' tables were made before schema versions and are taken as version " + TABLES
                        + "; nothing is recorded (schema=none)");
            }
            warnIfAhead(current, table);
            return current;
        });
    }

    /** Version 0; when another node makes the table at the same moment, its table serves. */
    private void makeVersionTable(EntityManagerFactory factory, VersionTable table) {
        try {
            apply(factory, table, migrations.get(0));
        } catch (PersistenceException raced) {
            if (!inTransaction(factory, "reading the tables", table::exists)) {
                throw raced;
            }
        }
    }

    private void apply(EntityManagerFactory factory, VersionTable table, Migration migration) {
        inTransaction(factory, migration.resource(), c -> {
            try (Statement statement = c.createStatement()) {
                for (String sql : migration.statements(table.prefix())) {
                    statement.execute(sql);
                }
            }
            if (!table.isRecorded(c, migration.version())) {
                throw new IllegalStateException(migration.resource() + " does not record its version");
            }
            return null;
        });
        LOG.info("Portcullis' schema: applied " + migration.script() + " (version " + migration.version() + ")");
    }

    private void warnIfAhead(int current, VersionTable table) {
        if (current > latest()) {
            LOG.warning("Portcullis' tables (" + table.name() + ") are at version " + current
                    + ", later than this Portcullis knows (" + latest() + "): a newer Portcullis upgraded them");
        }
    }

    /**
     * What a host that runs the scripts itself must run, in order: the versions after the recorded
     * one; on tables made before versions, version 0 and the baseline row first.
     */
    private String behind(VersionTable table, boolean versioned, int current) {
        List<String> steps = new ArrayList<>();
        if (!versioned) {
            steps.add(migrations.get(0).resource());
            if (current == TABLES) {
                steps.add("INSERT INTO " + table.name() + " (version, script) VALUES (" + TABLES + ", '"
                        + BASELINE + "')");
            }
        }
        int after = Math.max(current, 0);
        migrations.stream().filter(m -> m.version() > after).forEach(m -> steps.add(m.resource()));
        String where = " (table prefix '" + table.prefix() + "')";
        String state = current < 0 ? "the database has no Portcullis tables" + where
                : versioned ? "Portcullis' tables" + where + " are at version " + current
                : "Portcullis' tables" + where + " were made before schema versions (version " + TABLES + ")";
        return state + " and this Portcullis needs version " + latest() + ": run " + String.join(", then ", steps)
                + " (scripts in the portcullis-jpa-model jar"
                + ("pc_".equals(table.prefix()) ? "" : ", with every 'pc_' in them replaced by '" + table.prefix() + "'")
                + "), or let Portcullis apply them (schema=create-or-extend)";
    }

    private static Optional<Dialect> dialect(EntityManagerFactory factory) {
        return inTransaction(factory, "reading the database's name",
                c -> Dialect.forProduct(c.getMetaData().getDatabaseProductName()));
    }

    @FunctionalInterface
    private interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** Runs {@code work} on one connection of the factory, in one transaction committed when it returns. */
    private static <T> T inTransaction(EntityManagerFactory factory, String what, Work<T> work) {
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            Connection connection = em.unwrap(Connection.class);
            T result = work.apply(connection);
            connection.commit();
            em.getTransaction().commit();
            return result;
        } catch (SQLException e) {
            throw new PersistenceException("Portcullis' schema, " + what + ": " + e.getMessage(), e);
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    /** The row of version 0 locked on a connection of its own, until closed. */
    private final class Lock implements AutoCloseable {

        private final EntityManagerFactory factory;
        private final EntityManager em;

        Lock(EntityManagerFactory factory, VersionTable table) {
            this.factory = factory;
            em = factory.createEntityManager();
            try {
                em.getTransaction().begin();
                acquire(em.unwrap(Connection.class), table);
            } catch (SQLException e) {
                close();
                throw new PersistenceException("Portcullis' schema, waiting for another node's migration: "
                        + e.getMessage(), e);
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        /**
         * Locks the row. A lock wait that times out (H2 and MariaDB give up after seconds, PostgreSQL
         * waits) is tried again, until {@code lockWait}. A missing row (version 0 of another node not
         * yet committed, or a table made by hand without it) is inserted in a transaction of its own,
         * never in the lock's, and the lock is taken again.
         */
        private void acquire(Connection connection, VersionTable table) throws SQLException {
            Instant deadline = Instant.now().plus(lockWait);
            boolean told = false;
            while (true) {
                try {
                    if (table.lockVersionZero(connection)) {
                        return;
                    }
                    connection.rollback();
                    insertVersionZero(table);
                } catch (SQLException e) {
                    connection.rollback();
                    if (!isLockWait(e) || Instant.now().isAfter(deadline)) {
                        throw e;
                    }
                    if (!told) {
                        LOG.info("Portcullis waits for another node's schema migration (" + table.name() + ")");
                        told = true;
                    }
                    pause();
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new PersistenceException("Portcullis' schema: the row of version 0 in " + table.name()
                            + " could not be locked within " + lockWait);
                }
            }
        }

        /** The row of version 0, committed at once; one another node inserted meanwhile serves as well. */
        private void insertVersionZero(VersionTable table) {
            try {
                inTransaction(factory, "recording version 0", c -> table.record(c, 0, migrations.get(0).script()));
            } catch (PersistenceException raced) {
                if (!(raced.getCause() instanceof SQLException e) || !isLockWait(e)) {
                    throw raced;
                }
            }
        }

        @Override
        public void close() {
            try {
                if (em.getTransaction().isActive()) {
                    em.getTransaction().rollback();
                }
            } finally {
                em.close();
            }
        }
    }

    /** A lock wait that timed out, a deadlock, or a duplicate key: another node holds or made the row. */
    private static boolean isLockWait(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return e instanceof SQLTransientException || state.startsWith("23") || state.startsWith("40")
                || state.equals("HYT00") || state.equals("55P03") || e.getErrorCode() == 1205;
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PersistenceException("interrupted while waiting for another node's schema migration", e);
        }
    }
}
