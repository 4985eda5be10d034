package org.portcullis.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The shipped scripts of the schema's versions and the JPA entities must describe the same tables: a
 * host that runs the scripts and sets {@code schema=none} gets exactly what EclipseLink makes of the
 * entities (the version table aside, which no entity maps).
 */
@Tag("database")
class SchemaScriptsTest {

    private final TestDatabase db = TestDatabase.fresh();
    private final String scriptPrefix = "s" + db.prefix();

    @AfterEach
    void dropTables() throws SQLException {
        db.dropTables(scriptPrefix);
    }

    @Test
    void scriptWhenRunThenTablesColumnsAndKeysMatchTheEntities() throws Exception {
        createWithEntities();
        runScript(scriptPrefix);

        Set<String> fromEntities = asScripted(describe(db.prefix()));
        Set<String> fromScript = describe(scriptPrefix);

        assertFalse(fromEntities.isEmpty(), "EclipseLink created no tables");
        assertEquals(fromEntities, fromScript);
    }

    @Test
    void entitiesWhenTablesComeFromTheScriptThenEveryEntityRoundTrips() throws Exception {
        runScript(db.prefix());
        EntityManagerFactory emf = PortcullisPersistence.createEntityManagerFactory(db.jpaProperties(false));
        try {
            EntityManager em = emf.createEntityManager();
            em.getTransaction().begin();
            UserAccount user = new UserAccount("Ada@Example.COM", "Ada", "$2a$04$hash");
            em.persist(user);
            UserGroup group = new UserGroup("readers", null);
            em.persist(group);
            em.persist(new GroupMembership(user.getId(), group.getId()));
            WorldEntity world = new WorldEntity("note", 1048449, 65409, user.getId());
            em.persist(world);
            em.persist(new WorldGroup(world.getId(), group.getId(), 32768));
            InstancePermission note = new InstancePermission("note", "42", user.getId(), 65409);
            em.persist(note);
            em.persist(new InstanceGroup(note.getId(), group.getId(), 32768));
            em.persist(new WorldUser(world.getId(), user.getId(), 3));
            em.persist(new InstanceUser(note.getId(), user.getId(), 127));
            em.persist(new RevokedToken("5f0e0a7e-0000-4000-8000-000000000000", Instant.now()));
            em.persist(new Setting("probe", "value"));
            user.setUsername("ada");
            em.persist(new UserIdentity(user.getId(), UserIdentity.Type.EMAIL, "ada@example.com", null, true));
            em.persist(new UserIdentity(user.getId(), UserIdentity.Type.USERNAME, "ada", Instant.now(), false));
            em.persist(new OneTimeCode("add_email", "ada@example.org", user.getId(), "0".repeat(64),
                    Instant.now().plusSeconds(600)));
            OutboxMail mail = new OutboxMail("ada@example.org", "add_email", "Your code", "t".repeat(OutboxMail.MAX_TEXT),
                    "h".repeat(OutboxMail.MAX_HTML), Instant.now());
            em.persist(mail);
            RefreshToken refresh = new RefreshToken(UUID.randomUUID().toString(), user.getId(), "f".repeat(64),
                    Instant.now(), Instant.now(), Instant.now().plusSeconds(60), Instant.now().plusSeconds(120));
            em.persist(refresh);
            em.persist(new RefreshAccess(UUID.randomUUID().toString(), refresh.getFamilyId(), Instant.now()));
            CacheChange change = new CacheChange(UUID.randomUUID().toString(), Instant.now(), "instance", "note",
                    "x".repeat(254));
            em.persist(change);
            em.getTransaction().commit();
            em.clear();

            UserAccount found = em.find(UserAccount.class, user.getId());
            assertEquals("ada@example.com", found.getEmail());
            assertEquals("ada", found.getUsername());
            assertEquals(2, em.createQuery("select i from UserIdentity i where i.userId = :u", UserIdentity.class)
                    .setParameter("u", user.getId()).getResultList().size());
            assertNotNull(found.getCreatedAt());
            assertEquals(OutboxMail.MAX_HTML, em.find(OutboxMail.class, mail.getId()).getHtml().length());
            assertEquals("f".repeat(64), em.find(RefreshToken.class, refresh.getId()).getTokenHash());
            assertEquals(254, em.find(CacheChange.class, change.getId()).getDetail().length());
            assertEquals(65409, em.find(InstancePermission.class, note.getId()).getPermission());
            assertEquals(127, em.createQuery("select u from InstanceUser u where u.instancePermissionId = :row",
                    InstanceUser.class).setParameter("row", note.getId()).getSingleResult().getPermission());
            assertEquals(3, em.createQuery("select u from WorldUser u where u.worldId = :world", WorldUser.class)
                    .setParameter("world", world.getId()).getSingleResult().getPermission());
            em.close();
        } finally {
            emf.close();
        }
    }

    @Test
    void emailWhenSameAddressInOtherCaseThenUniqueKeyRefusesIt() throws Exception {
        runScript(db.prefix());
        EntityManagerFactory emf = PortcullisPersistence.createEntityManagerFactory(db.jpaProperties(false));
        try {
            EntityManager em = emf.createEntityManager();
            em.getTransaction().begin();
            em.persist(new UserAccount("ada@example.com", "Ada", null));
            em.getTransaction().commit();
            em.getTransaction().begin();
            em.persist(new UserAccount("ADA@example.com", "Ada again", null));
            assertThrows(RuntimeException.class, () -> em.getTransaction().commit());
            em.close();
        } finally {
            emf.close();
        }
    }

    @Test
    void createOrExtendWhenNoTableExistsThenMakesWhatTheScriptMakes() throws Exception {
        EntityManagerFactory emf = PortcullisPersistence.createEntityManagerFactory(db.jpaProperties(false));
        try {
            emf.createEntityManager().close();
            assertTrue(PortcullisSchema.createOrExtend(emf));
        } finally {
            emf.close();
        }
        runScript(scriptPrefix);

        assertEquals(describe(scriptPrefix), asScripted(describe(db.prefix())));
    }

    @Test
    void scriptsWhenListedThenEachDialectsDirectoryHoldsExactlyThemNumberedFromZero() throws Exception {
        List<String> expected = PortcullisPersistence.Dialect.H2.migrations().stream().map(Migration::script).toList();
        for (PortcullisPersistence.Dialect dialect : PortcullisPersistence.Dialect.values()) {
            URL directory = getClass().getClassLoader().getResource(dialect.directory());
            assertNotNull(directory, dialect.directory());
            try (Stream<Path> files = Files.list(Path.of(directory.toURI()))) {
                assertEquals(Set.copyOf(expected), files.map(f -> f.getFileName().toString()).collect(Collectors.toSet()),
                        dialect.directory());
            }
            List<Migration> migrations = dialect.migrations();
            for (int version = 0; version < migrations.size(); version++) {
                assertEquals(version, migrations.get(version).version());
                assertEquals(expected.get(version), migrations.get(version).script());
            }
        }
    }

    private void createWithEntities() {
        EntityManagerFactory emf = PortcullisPersistence.createEntityManagerFactory(db.jpaProperties(true));
        emf.createEntityManager().close();
        emf.close();
    }

    private void runScript(String prefix) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String sql : db.dialect().ddlStatements(prefix)) {
                s.execute(sql);
            }
        }
    }

    /**
     * Tables, columns (type, size, nullability), primary keys, unique and plain indexes, prefix
     * removed; the version table, which no entity maps, left out.
     */
    /**
     * The entities' tables as the scripts make them: the scripts add {@code NOT NULL} to a tenant's
     * {@code tenant_id}, which EclipseLink leaves out of its DDL (a {@code NOT NULL} in the discriminator's column
     * definition would also reach the temporary tables of MariaDB's bulk updates, whose inserts leave the column out).
     */
    private static Set<String> asScripted(Set<String> described) {
        Set<String> out = new TreeSet<>();
        for (String line : described) {
            out.add(line.contains(".tenant_id ") && !line.startsWith("cache_change.")
                    ? line.replace("nullable=1", "nullable=0") : line);
        }
        return out;
    }

    private Set<String> describe(String prefix) throws SQLException {
        Set<String> out = new TreeSet<>();
        try (Connection c = db.connect()) {
            DatabaseMetaData meta = c.getMetaData();
            String catalog = TestDatabase.catalog(c);
            for (String table : db.tables(prefix)) {
                String bare = table.substring(prefix.length());
                if (bare.equals("schema_version")) {
                    continue;
                }
                String name = meta.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
                try (ResultSet rs = meta.getColumns(catalog, null, name, "%")) {
                    while (rs.next()) {
                        out.add(bare + "." + rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT) + " "
                                + rs.getInt("DATA_TYPE") + "(" + rs.getInt("COLUMN_SIZE") + ") nullable="
                                + rs.getInt("NULLABLE"));
                    }
                }
                try (ResultSet rs = meta.getPrimaryKeys(catalog, null, name)) {
                    while (rs.next()) {
                        out.add(bare + " pk " + rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                    }
                }
                try (ResultSet rs = meta.getIndexInfo(catalog, null, name, false, false)) {
                    while (rs.next()) {
                        String column = rs.getString("COLUMN_NAME");
                        if (column != null) {
                            String index = String.valueOf(rs.getString("INDEX_NAME")).toLowerCase(Locale.ROOT)
                                    .replace(prefix.toLowerCase(Locale.ROOT), "")
                                    .replaceAll("_index_[0-9a-f]+$", ""); // H2 names a constraint's index itself
                            boolean primary = index.startsWith("primary") || index.endsWith("_pkey");
                            if (!primary) {
                                out.add(bare + " index " + index + (rs.getBoolean("NON_UNIQUE") ? "" : " unique")
                                        + " " + column.toLowerCase(Locale.ROOT));
                            }
                        }
                    }
                }
            }
        }
        return out;
    }
}
