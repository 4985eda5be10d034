package org.portcullis.filter.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.portcullis.filter.config.ConfigException;
import org.portcullis.filter.config.ParameterSource;
import org.portcullis.filter.config.PortcullisConfig;
import org.portcullis.model.GroupMembership;
import org.portcullis.model.InstanceGroup;
import org.portcullis.model.InstancePermission;
import org.portcullis.model.PortcullisPersistence;
import org.portcullis.model.PortcullisSchema;
import org.portcullis.model.RevokedToken;
import org.portcullis.model.Setting;
import org.portcullis.model.TestDatabase;
import org.portcullis.model.UserAccount;
import org.portcullis.model.UserGroup;
import org.portcullis.model.UserIdentity;

/**
 * A database made before schema versions, upgraded by starting the new code on it: every user,
 * revoked token, membership, instance permission and the stored JWT secret are still there, and
 * the version is recorded. A {@code schema=none} host whose database is behind is refused at start,
 * told which scripts to run, and served once it has run them.
 */
@Tag("database")
class SchemaUpgradeTest {

    private static final String SECRET = "a-secret-stored-by-the-earlier-portcullis-0123456789abcdefghijk";
    private static final String REVOKED_JTI = "5f0e0a7e-0000-4000-8000-000000000001";

    private final TestDatabase db = TestDatabase.fresh();
    private final List<Database> started = new ArrayList<>();

    @AfterEach
    void close() throws SQLException {
        started.forEach(Database::close);
        db.dropTables();
    }

    /** What the earlier Portcullis left: its create-or-extend pass and rows of every kind. */
    private record Earlier(String ada, String bob, String readers, String note) {
    }

    /**
     * The tables of version 1 as the last Portcullis before schema versions made them (no version table),
     * with rows written in plain SQL: today's entities have columns those tables lack.
     */
    private Earlier madeBeforeVersions() throws SQLException {
        String ada = "0a000000-0000-4000-8000-00000000000a";
        String bob = "0b000000-0000-4000-8000-00000000000b";
        String readers = "0c000000-0000-4000-8000-00000000000c";
        String note = "0d000000-0000-4000-8000-00000000000d";
        long now = System.currentTimeMillis();
        List<String> sql = new ArrayList<>(db.dialect().migrations().get(1).statements(db.prefix()).stream()
                .filter(statement -> !statement.contains(db.prefix() + "schema_version")).toList());
        sql.add("INSERT INTO pc_user_account (id, created_at, email, name, password_hash, status, updated_at)"
                + " VALUES ('" + ada + "', " + now + ", 'ada@example.com', 'Ada', '$2a$10$adahash', 'ACTIVE', " + now + ")");
        sql.add("INSERT INTO pc_user_account (id, created_at, email, name, password_hash, status, updated_at)"
                + " VALUES ('" + bob + "', " + now + ", 'bob@example.com', 'Bob', '$2a$10$bobhash', 'ACTIVE', " + now + ")");
        sql.add("INSERT INTO pc_usergroup (id, created_at, name, owner_id) VALUES ('" + readers + "', " + now
                + ", 'readers', '" + ada + "')");
        sql.add("INSERT INTO pc_group_membership (id, created_at, group_id, user_id) VALUES"
                + " ('1a000000-0000-4000-8000-000000000001', " + now + ", '" + readers + "', '" + ada + "')");
        sql.add("INSERT INTO pc_group_membership (id, created_at, group_id, user_id) VALUES"
                + " ('1a000000-0000-4000-8000-000000000002', " + now + ", '" + readers + "', '" + bob + "')");
        sql.add("INSERT INTO pc_revoked_token (jti, expires_at) VALUES ('" + REVOKED_JTI + "', " + (now + 3_600_000) + ")");
        sql.add("INSERT INTO pc_instance_permission (id, created_at, entity_name, instance_id, owner_id, permission,"
                + " updated_at) VALUES ('" + note + "', " + now + ", 'note', '42', '" + ada + "', 65409, " + now + ")");
        sql.add("INSERT INTO pc_instance_group (id, group_id, instance_permission_id, permission) VALUES"
                + " ('1b000000-0000-4000-8000-000000000001', '" + readers + "', '" + note + "', 32768)");
        sql.add("INSERT INTO pc_setting (name, setting_value) VALUES ('" + Setting.JWT_SECRET + "', '" + SECRET + "')");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String each : sql) {
                s.execute(each.replace("pc_", db.prefix()));
            }
        }
        return new Earlier(ada, bob, readers, note);
    }

    /** The versions every shipped script after {@code from} records. */
    private List<String> shippedAfter(int from) {
        return db.dialect().migrations().stream().filter(m -> m.version() > from)
                .map(m -> m.version() + " " + m.script()).toList();
    }

    private PortcullisConfig config(String schema) {
        return PortcullisConfig.from(ParameterSource.of(Map.of("jdbc.url", db.url(), "jdbc.user", db.user(),
                "table.prefix", db.prefix(), "schema", schema)), "test");
    }

    /** A node of the new code: its database and its seed. */
    private Database node(PortcullisConfig config, Bootstrap bootstrap) {
        Database database = new Database(config, bootstrap::run, Clock.systemUTC());
        started.add(database);
        return database;
    }

    private List<String> recordedVersions() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, script FROM " + db.prefix()
                     + "schema_version ORDER BY version")) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + " " + rs.getString(2));
            }
        }
        return rows;
    }

    private void assertEverythingOfEarlierIsThere(Database database, Earlier earlier) {
        database.read(em -> {
            UserAccount ada = AccountRows.userByEmail(em, "ada@example.com").orElseThrow();
            assertEquals(earlier.ada(), ada.getId());
            assertEquals("$2a$10$adahash", ada.getPasswordHash());
            List<UserIdentity> identities = IdentityRows.of(em, earlier.ada());
            assertEquals(1, identities.size(), "the upgrade gives each account its e-mail's identity row");
            assertEquals(UserIdentity.Type.EMAIL, identities.get(0).getType());
            assertEquals("ada@example.com", identities.get(0).getValue());
            assertTrue(identities.get(0).isPrimary());
            assertFalse(identities.get(0).isVerified(), "wave 1 never verified an address");
            assertEquals(36, identities.get(0).getId().length());
            assertEquals(earlier.bob(), IdentityRows.userByLogin(em, "bob@example.com", false).orElseThrow().getId(),
                    "the primary e-mail still signs in");
            assertEquals(null, ada.getUsername());
            assertEquals(earlier.bob(), AccountRows.userByEmail(em, "bob@example.com").orElseThrow().getId());
            assertTrue(AccountRows.groupNamesOf(em, earlier.ada()).contains("readers"));
            assertTrue(AccountRows.groupNamesOf(em, earlier.bob()).contains("readers"));
            assertEquals(2, AccountRows.memberCount(em, earlier.readers()));
            assertTrue(Revocations.isRevoked(em, REVOKED_JTI), "the revoked token stays revoked");
            InstancePermission note = em.find(InstancePermission.class, earlier.note());
            assertEquals(earlier.ada(), note.getOwnerId());
            assertEquals(65409, note.getPermission());
            List<InstanceGroup> links = em.createQuery("select l from InstanceGroup l where l.instancePermissionId = :id",
                    InstanceGroup.class).setParameter("id", earlier.note()).getResultList();
            assertEquals(1, links.size());
            assertEquals(earlier.readers(), links.get(0).getGroupId());
            assertEquals(32768, links.get(0).getPermission());
            return null;
        });
    }

    @Test
    void startWhenTablesPredateVersionsThenEveryRowIsKeptAndVersion1IsRecordedAsBaseline() throws Exception {
        Earlier earlier = madeBeforeVersions();
        PortcullisConfig config = config("create-or-extend");
        Bootstrap bootstrap = new Bootstrap(config, Set.of("note"));

        node(config, bootstrap).start();

        List<String> upgraded = new ArrayList<>(List.of("0 V0__schema_version.sql", "1 baseline"));
        upgraded.addAll(shippedAfter(1));
        assertEquals(upgraded, recordedVersions());
        Database again = node(config, new Bootstrap(config, Set.of("note")));
        again.start();
        assertEverythingOfEarlierIsThere(again, earlier);
        assertArrayEquals(SECRET.getBytes(StandardCharsets.UTF_8), bootstrap.jwtSecret(),
                "tokens signed before the upgrade still verify");
        assertEquals(upgraded, recordedVersions(), "recorded once");
    }

    @Test
    void startWhenSchemaNoneAndTablesPredateVersionsThenRefusedNamingTheStepsAndServedWithEveryRowOnceTheHostRanThem()
            throws Exception {
        Earlier earlier = madeBeforeVersions();
        PortcullisConfig config = config("none");
        Database database = node(config, new Bootstrap(config, Set.of("note")));

        ConfigException refused = assertThrows(ConfigException.class, database::start);
        String scripts = db.dialect().directory();
        assertTrue(refused.getMessage().contains("were made before schema versions (version 1)"), refused.getMessage());
        assertTrue(refused.getMessage().contains("run " + scripts + "V0__schema_version.sql, then INSERT INTO "
                + db.prefix() + "schema_version (version, script) VALUES (1, 'baseline'), then " + scripts
                + "V2__"), refused.getMessage());
        assertFalse(db.tables(db.prefix()).contains(db.prefix() + "schema_version"), "schema=none makes no table");

        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (var migration : db.dialect().migrations()) {
                if (migration.version() == 1) {
                    s.execute("INSERT INTO " + db.prefix() + "schema_version (version, script) VALUES (1, 'baseline')");
                    continue;
                }
                for (String sql : migration.statements(db.prefix())) {
                    s.execute(sql);
                }
            }
        }
        Thread.sleep(Database.RETRY_INTERVAL.toMillis() + 100);
        assertEverythingOfEarlierIsThere(database, earlier);
    }

    @Test
    void startWhenSchemaNoneAndNoTablesThenRefusedNamingTheScriptsAndServedOnceTheHostRanThem() throws Exception {
        PortcullisConfig config = config("none");
        Database database = node(config, new Bootstrap(config, Set.of("note")));

        ConfigException refused = assertThrows(ConfigException.class, database::start);
        String scripts = db.dialect().directory();
        assertTrue(refused.getMessage().startsWith("Portcullis parameter 'schema': the database has no Portcullis tables"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("run " + scripts + "V0__schema_version.sql, then " + scripts
                + "V1__tables.sql"), refused.getMessage());
        assertThrows(DatabaseUnavailableException.class, () -> database.read(em -> null), "a request gets 503");

        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String sql : db.dialect().ddlStatements(db.prefix())) {
                s.execute(sql);
            }
        }
        Thread.sleep(Database.RETRY_INTERVAL.toMillis() + 100);
        assertEquals(List.of(), database.read(em -> AccountRows.users(em, 0, 10)), "served without a restart");
        assertEquals(shippedAfter(-1), recordedVersions());
    }
}
