package org.portcullis.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.persistence.jpa.JpaHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link SchemaVersions}: a new database gets every version, tables made before versions are
 * recorded as version 1 untouched, later versions are applied in order and once however many nodes
 * start at once, and {@code check} names the scripts a database lacks. Versions 2 and 3 are
 * test-only scripts ({@code ddl-test/}), 3 failing unless 2 ran first.
 */
@Tag("database")
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SchemaVersionsTest {

    private static final List<Migration> TEST_ONLY = List.of(
            Migration.at("org/portcullis/model/ddl-test/V2__probe.sql"),
            Migration.at("org/portcullis/model/ddl-test/V3__probe_note.sql"));

    private final TestDatabase db = TestDatabase.fresh();
    private final List<EntityManagerFactory> factories = new ArrayList<>();

    @AfterEach
    void close() throws SQLException {
        factories.forEach(EntityManagerFactory::close);
        db.dropTables();
    }

    /** A node's factory: a session of its own, no DDL generation. */
    private EntityManagerFactory node() {
        Map<String, Object> properties = db.jpaProperties(false);
        properties.put("eclipselink.session-name", "schema-versions-" + UUID.randomUUID());
        EntityManagerFactory factory = PortcullisPersistence.createEntityManagerFactory(properties);
        factories.add(factory);
        return factory;
    }

    /** Every shipped version. */
    private SchemaVersions shipped() {
        return new SchemaVersions(db.dialect().migrations(), Duration.ofSeconds(30));
    }

    /** Versions 0 and 1 only: the mechanism's tests run on these, with the test-only versions after them. */
    private SchemaVersions base() {
        return new SchemaVersions(db.dialect().migrations().subList(0, 2), Duration.ofSeconds(30));
    }

    private SchemaVersions withTestVersions() {
        return new SchemaVersions(Stream.concat(db.dialect().migrations().subList(0, 2).stream(), TEST_ONLY.stream())
                .toList(), Duration.ofSeconds(30));
    }

    private int latest() {
        List<Migration> all = db.dialect().migrations();
        return all.get(all.size() - 1).version();
    }

    /** What {@code pc_schema_version} holds once every shipped version after {@code from} is applied. */
    private List<String> shippedAfter(int from) {
        return db.dialect().migrations().stream().filter(m -> m.version() > from)
                .map(m -> m.version() + " " + m.script()).toList();
    }

    private List<String> recorded() throws SQLException {
        return rows("SELECT version, script FROM pc_schema_version ORDER BY version",
                rs -> rs.getInt(1) + " " + rs.getString(2));
    }

    private <T> List<T> rows(String sql, SqlFunction<T> row) throws SQLException {
        List<T> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql.replace("pc_", db.prefix()))) {
            while (rs.next()) {
                out.add(row.apply(rs));
            }
        }
        return out;
    }

    @FunctionalInterface
    private interface SqlFunction<T> {
        T apply(ResultSet rs) throws SQLException;
    }

    private void execute(String... sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String each : sql) {
                s.execute(each.replace("pc_", db.prefix()));
            }
        }
    }

    /**
     * The tables as a Portcullis before schema versions made them (version 1's tables, no version table),
     * with one account.
     */
    private void tablesMadeBeforeVersions() throws SQLException {
        execute(db.dialect().migrations().get(1).statements(db.prefix()).stream()
                .filter(sql -> !sql.contains(db.prefix() + "schema_version")).toArray(String[]::new));
        execute("INSERT INTO pc_user_account (id, created_at, email, name, password_hash, status, updated_at)"
                + " VALUES ('7f0c1c2e-0000-4000-8000-000000000001', 1, 'ada@example.com', 'Ada', '$2a$04$hash',"
                + " 'ACTIVE', 1)");
    }

    @Test
    void migrateWhenDatabaseIsEmptyThenAppliesEveryVersionAndRecordsEach() throws Exception {
        assertEquals(latest(), shipped().migrateNow(node()));

        assertEquals(shippedAfter(-1), recorded());
        assertTrue(db.tables(db.prefix()).contains(db.prefix() + "user_account"), db.tables(db.prefix()).toString());
        assertEquals(List.of(), List.copyOf(missingForEntities()), "the shipped versions are what the entities need");
    }

    @Test
    void migrateWhenTablesPredateVersionsThenRecordsVersion1AsBaselineAndKeepsTheRows() throws Exception {
        tablesMadeBeforeVersions();

        assertEquals(latest(), shipped().migrateNow(node()));

        List<String> expected = new ArrayList<>(List.of("0 V0__schema_version.sql", "1 baseline"));
        expected.addAll(shippedAfter(1));
        assertEquals(expected, recorded());
        assertEquals(List.of(), List.copyOf(missingForEntities()), "upgraded to what the entities need");
        assertEquals(List.of("ada@example.com"), rows("SELECT email FROM pc_user_account", rs -> rs.getString(1)));
    }

    @Test
    void migrateWhenADatabaseOfVersion11IsUpgradedThenItsRowsAreTheDefaultTenantsAndTheSameEmailFitsAnotherTenant()
            throws Exception {
        new SchemaVersions(db.dialect().migrations().subList(0, 12), Duration.ofSeconds(30)).migrateNow(node());
        execute("INSERT INTO pc_user_account (id, created_at, email, name, password_hash, status, updated_at)"
                + " VALUES ('7f0c1c2e-0000-4000-8000-000000000001', 1, 'ada@example.com', 'Ada', '$2a$04$hash',"
                + " 'ACTIVE', 1)");

        assertEquals(latest(), shipped().migrateNow(node()));

        EntityManagerFactory factory = node();
        EntityManager asDefault = factory.createEntityManager(Map.of(TenantOwned.TENANT_PROPERTY, "default"));
        EntityManager asAcme = factory.createEntityManager(Map.of(TenantOwned.TENANT_PROPERTY, "acme"));
        try {
            UserAccount ada = asDefault.find(UserAccount.class, "7f0c1c2e-0000-4000-8000-000000000001");
            assertEquals("default", ada.getTenantId(), "a row of version 11 is the default tenant's");
            assertEquals(null, asAcme.find(UserAccount.class, "7f0c1c2e-0000-4000-8000-000000000001"),
                    "another tenant does not see it");
            asAcme.getTransaction().begin();
            asAcme.persist(new UserAccount("ada@example.com", "Ada of Acme", "$2a$04$hash"));
            asAcme.getTransaction().commit(); // the e-mail is unique per tenant now
        } finally {
            asDefault.close();
            asAcme.close();
        }
        assertEquals(List.of("acme ada@example.com", "default ada@example.com"),
                rows("SELECT tenant_id, email FROM pc_user_account ORDER BY tenant_id",
                        rs -> rs.getString(1) + " " + rs.getString(2)));
    }

    @Test
    void migrateWhenEveryVersionIsRecordedThenChangesNothing() throws Exception {
        shipped().migrateNow(node());
        List<String> before = rows("SELECT version, script, applied_at FROM pc_schema_version ORDER BY version",
                rs -> rs.getInt(1) + " " + rs.getString(2) + " " + rs.getTimestamp(3));

        assertEquals(latest(), shipped().migrateNow(node()));

        assertEquals(before, rows("SELECT version, script, applied_at FROM pc_schema_version ORDER BY version",
                rs -> rs.getInt(1) + " " + rs.getString(2) + " " + rs.getTimestamp(3)));
    }

    @Test
    void migrateWhenLaterVersionsAreShippedThenAppliesThemInOrderEachRecorded() throws Exception {
        tablesMadeBeforeVersions();
        base().migrateNow(node());

        assertEquals(3, withTestVersions().migrateNow(node()));

        assertEquals(List.of("0 V0__schema_version.sql", "1 baseline", "2 V2__probe.sql", "3 V3__probe_note.sql"),
                recorded());
        assertEquals(List.of("2 null", "3 after 2"),
                rows("SELECT step, note FROM pc_probe ORDER BY step", rs -> rs.getInt(1) + " " + rs.getString(2)));
    }

    @Test
    void migrateWhenFourNodesStartAtOnceThenEachVersionIsAppliedOnce() throws Exception {
        int nodes = 4;
        List<EntityManagerFactory> each = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            each.add(node());
            each.get(i).createEntityManager().close(); // logged in before the race begins
        }
        CyclicBarrier together = new CyclicBarrier(nodes);
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        try {
            List<Future<Integer>> started = new ArrayList<>();
            for (EntityManagerFactory factory : each) {
                started.add(pool.submit(() -> {
                    together.await();
                    return withTestVersions().migrateNow(factory);
                }));
            }
            for (Future<Integer> node : started) {
                assertEquals(3, node.get(), "every node finds the database at version 3");
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(List.of("0 V0__schema_version.sql", "1 V1__tables.sql", "2 V2__probe.sql", "3 V3__probe_note.sql"),
                recorded());
        assertEquals(List.of(2, 3), rows("SELECT step FROM pc_probe ORDER BY step", rs -> rs.getInt(1)),
                "versions 2 and 3 each ran once");
    }

    /**
     * The moment between another node's {@code CREATE TABLE} of version 0 and its row: the table is there,
     * the row is not. The node inserts the row outside its lock and goes on; on MariaDB a lock taken on the
     * missing row would hold a gap lock that blocks this node's own inserts of the later versions for
     * {@code innodb_lock_wait_timeout} (50 s), beyond this test's wait.
     */
    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void migrateWhenTheVersionTableHasNoRowYetThenRecordsItAndAppliesTheRest() throws Exception {
        execute(db.dialect().migrations().get(0).statements(db.prefix()).stream()
                .filter(sql -> !sql.startsWith("INSERT")).toArray(String[]::new));

        assertEquals(3, withTestVersions().migrateNow(node()));

        assertEquals(List.of("0 V0__schema_version.sql", "1 V1__tables.sql", "2 V2__probe.sql", "3 V3__probe_note.sql"),
                recorded());
    }

    @Test
    void migrateWhenAnotherNodeHoldsTheLockThenWaitsForItThenFindsTheRest() throws Exception {
        base().migrateNow(node());
        EntityManagerFactory waiting = node();
        waiting.createEntityManager().close();
        try (Connection other = db.connect()) {
            other.setAutoCommit(false);
            try (Statement s = other.createStatement()) {
                s.executeQuery("SELECT version FROM " + db.prefix() + "schema_version WHERE version = 0 FOR UPDATE")
                        .close();
            }
            CompletableFuture<Integer> migrated = CompletableFuture.supplyAsync(
                    () -> withTestVersions().migrateNow(waiting));
            // longer than H2's lock timeout, so the wait is retried at least once there
            Thread.sleep(3000);
            assertFalse(migrated.isDone(), "no version is applied while another node holds the lock");
            assertEquals(List.of(), rows("SELECT version FROM pc_schema_version WHERE version > 1", rs -> rs.getInt(1)));

            other.rollback();
            assertEquals(3, migrated.get(30, TimeUnit.SECONDS));
        }
        assertEquals(List.of(2, 3), rows("SELECT step FROM pc_probe ORDER BY step", rs -> rs.getInt(1)));
    }

    @Test
    void checkWhenEveryVersionIsRecordedThenPasses() {
        shipped().migrateNow(node());

        assertEquals(latest(), shipped().checkNow(node()));
    }

    @Test
    void checkWhenTheHostRanTheScriptsThemselvesThenPasses() throws Exception {
        execute(db.dialect().ddlStatements(db.prefix()).toArray(String[]::new));

        assertEquals(latest(), shipped().checkNow(node()));
        assertEquals(shippedAfter(-1), recorded(), "each script records itself");
    }

    @Test
    void checkWhenBehindThenRefusesNamingTheMissingVersionsInOrder() {
        base().migrateNow(node());

        SchemaBehindException behind = assertThrows(SchemaBehindException.class, () -> withTestVersions().checkNow(node()));

        assertEquals("Portcullis' tables (table prefix '" + db.prefix() + "') are at version 1 and this Portcullis"
                + " needs version 3: run org/portcullis/model/ddl-test/V2__probe.sql, then"
                + " org/portcullis/model/ddl-test/V3__probe_note.sql (scripts in the portcullis-jpa-model jar,"
                + " with every 'pc_' in them replaced by '" + db.prefix() + "'), or let Portcullis apply them"
                + " (schema=create-or-extend)", behind.getMessage());
    }

    @Test
    void checkWhenTablesPredateVersionsThenTakesThemAsVersion1AndRecordsNothing() throws Exception {
        tablesMadeBeforeVersions();

        assertEquals(SchemaVersions.TABLES, base().checkNow(node()));
        assertFalse(db.tables(db.prefix()).contains(db.prefix() + "schema_version"));

        SchemaBehindException behind = assertThrows(SchemaBehindException.class, () -> withTestVersions().checkNow(node()));
        String dir = db.dialect().directory();
        assertTrue(behind.getMessage().contains("were made before schema versions (version 1) and this Portcullis"
                + " needs version 3: run " + dir + "V0__schema_version.sql, then INSERT INTO " + db.prefix()
                + "schema_version (version, script) VALUES (1, 'baseline'), then org/portcullis/model/ddl-test/"
                + "V2__probe.sql, then"), behind.getMessage());
    }

    @Test
    void checkWhenNoTablesThenRefusesNamingEveryScript() {
        SchemaBehindException behind = assertThrows(SchemaBehindException.class, () -> base().checkNow(node()));

        String dir = db.dialect().directory();
        assertTrue(behind.getMessage().startsWith("the database has no Portcullis tables (table prefix '" + db.prefix()
                + "') and this Portcullis needs version 1: run " + dir + "V0__schema_version.sql, then " + dir
                + "V1__tables.sql ("), behind.getMessage());
    }

    @Test
    void migrateWhenAScriptFailsThenNothingOfItIsRecordedAndTheStartFails() throws Exception {
        base().migrateNow(node());
        execute("CREATE TABLE pc_probe (step INTEGER NOT NULL)"); // in the way of version 2

        assertThrows(PersistenceException.class, () -> withTestVersions().migrateNow(node()));

        assertEquals(List.of(0, 1), rows("SELECT version FROM pc_schema_version ORDER BY version", rs -> rs.getInt(1)));
    }

    private Set<String> missingForEntities() throws SQLException {
        EntityManagerFactory factory = node();
        return PortcullisSchema.missing(factory, JpaHelper.getServerSession(factory));
    }
}
