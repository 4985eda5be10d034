package org.portcullis.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import org.eclipse.persistence.jpa.JpaHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link PortcullisSchema#createOrExtend}: on a complete schema it runs no DDL; a missing table,
 * column or unique key is made as EclipseLink's create-or-extend makes it.
 */
@Tag("database")
class PortcullisSchemaTest {

    private final TestDatabase db = TestDatabase.fresh();

    @AfterEach
    void dropTables() throws SQLException {
        db.dropTables();
    }

    /** One start: a factory without DDL generation, then {@link PortcullisSchema#createOrExtend}. */
    private boolean start() {
        EntityManagerFactory emf = PortcullisPersistence.createEntityManagerFactory(db.jpaProperties(false));
        try {
            emf.createEntityManager().close();
            return PortcullisSchema.createOrExtend(emf);
        } finally {
            emf.close();
        }
    }

    private Set<String> missing() throws SQLException {
        EntityManagerFactory emf = PortcullisPersistence.createEntityManagerFactory(db.jpaProperties(false));
        try {
            emf.createEntityManager().close();
            return PortcullisSchema.missing(emf, JpaHelper.getServerSession(emf));
        } finally {
            emf.close();
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql.replace("pc_", db.prefix()));
        }
    }

    @Test
    void createOrExtendWhenEverythingExistsThenRunsNoDdl() throws Exception {
        assertTrue(start(), "the first start makes the tables");
        assertEquals(19, db.tables(db.prefix()).size()); // version 3 added user_identity and one_time_code, 5 world_user and instance_user, 6 mail_outbox, 8 refresh_token and refresh_access, 9 cache_change, 10 invitation, 11 signin_counter

        assertEquals(Set.of(), missing());
        assertFalse(start(), "a later start finds nothing missing");
    }

    @Test
    void createOrExtendWhenTableColumnOrUniqueKeyIsMissingThenMakesIt() throws Exception {
        start();
        execute("DROP TABLE pc_revoked_token");
        execute("ALTER TABLE pc_setting DROP COLUMN setting_value");
        execute(db.kind().equals("mariadb") ? "ALTER TABLE pc_usergroup DROP INDEX pc_uq_usergroup_name"
                : "ALTER TABLE pc_usergroup DROP CONSTRAINT pc_uq_usergroup_name");
        String prefix = db.prefix().toUpperCase(java.util.Locale.ROOT);
        assertEquals(Set.of(prefix + "REVOKED_TOKEN", prefix + "SETTING.SETTING_VALUE", prefix + "UQ_USERGROUP_NAME"),
                missing());

        assertTrue(start());
        assertEquals(Set.of(), missing());
    }
}
