package org.portcullis.filter.authorization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.InOrder;
import org.portcullis.filter.config.ParameterSource;
import org.portcullis.filter.config.PortcullisConfig;
import org.portcullis.filter.identity.Identity;
import org.portcullis.filter.permission.Permission;
import org.portcullis.filter.permission.Subject;
import org.portcullis.filter.persistence.Database;

/** The SQL of {@link ReadableFilter}, without a database: what it binds, and what it refuses to write. */
class ReadableFilterTest {

    private static final org.portcullis.filter.tenancy.Tenant ACME = org.portcullis.filter.tenancy.Tenant.of("acme");

    private static final Subject ALICE = new Subject("alice-id", Set.of("g2", "g1"), false, "g1");

    @ParameterizedTest
    @ValueSource(strings = {"id", "n.id) OR (1=1", "n.id; DROP TABLE note", "CAST(n.id AS VARCHAR(64))", "\"n\".\"id\"",
            "n.id--", "n.id OR 1=1", "n.id ", "s.n.id", "1n.id", "n.", ".id", "n.id\u0000", ""})
    void idColumnWhenNotAPlainQualifiedColumnThenRefused(String idColumn) {
        assertThrows(IllegalArgumentException.class, () -> FilterSql.checkedIdColumn(idColumn));
    }

    @ParameterizedTest
    @ValueSource(strings = {"portcullis_p.id", "PORTCULLIS_G.id", "portcullis_x.id"})
    void idColumnWhenItsAliasIsOneOfOursThenRefused(String idColumn) {
        assertThrows(IllegalArgumentException.class, () -> FilterSql.checkedIdColumn(idColumn));
    }

    @ParameterizedTest
    @ValueSource(strings = {"n.id", "host_note.note_id", "_t.ID9"})
    void idColumnWhenQualifiedPlainNameThenAccepted(String idColumn) {
        assertEquals(idColumn, FilterSql.checkedIdColumn(idColumn));
    }

    @Test
    void readableByWhenIdColumnIsRefusedThenTheDatabaseIsNeverAsked() {
        // Port 1: were the database asked, this would be DatabaseUnavailableException, not the refusal.
        PortcullisConfig config = PortcullisConfig.from(ParameterSource.of(
                Map.of("jdbc.url", "jdbc:postgresql://127.0.0.1:1/nothing")), "test");
        PermissionEngine permissions = new PermissionEngine(new Database(config, d -> { }, Clock.systemUTC()), "pc_");

        assertThrows(IllegalArgumentException.class,
                () -> permissions.readableBy(Identity.guest(), "note", "n.id OR 1=1"));
    }

    @Test
    void permissionsWhenTablePrefixIsNotPlainThenRefused() {
        PortcullisConfig config = PortcullisConfig.from(ParameterSource.of(Map.of()), "test");
        Database database = new Database(config, d -> { }, Clock.systemUTC());
        assertThrows(IllegalArgumentException.class, () -> new PermissionEngine(database, "pc_; DROP TABLE x; --"));
    }

    @Test
    void guestWhenFilteredThenOnlyTheGuestReadBitAndOnlyTheTenantAndEntityAreBound() {
        ReadableFilter filter = FilterSql.forSubject("app_", ACME, "note", Subject.guest(), "n.id", Permission.Action.READ);

        assertEquals(List.of("acme", "note"), filter.parameters());
        assertTrue(filter.sql().contains("portcullis_p.tenant_id = ? AND portcullis_p.entity_name = ?"), filter.sql());
        assertTrue(filter.sql().startsWith("EXISTS (SELECT 1 FROM app_instance_permission portcullis_p WHERE"),
                filter.sql());
        assertTrue(filter.sql().contains("CONCAT('', n.id)"), filter.sql());
        assertTrue(filter.sql().contains("MOD(portcullis_p.permission, 4) >= 2"), filter.sql());
        assertFalse(filter.sql().contains("owner_id"), filter.sql());
    }

    @Test
    void userWhenFilteredThenTheEntryUserTenantEntityUserTwiceAndSortedGroupsTwiceAreBoundInOrderAndNoValueIsInTheText() {
        ReadableFilter filter = FilterSql.forSubject("pc_", ACME, "note", ALICE, "n.id", Permission.Action.READ);

        assertEquals(List.of("alice-id", "acme", "note", "alice-id", "alice-id", "g1", "g2", "g1", "g2"), filter.parameters());
        assertEquals(filter.parameters().size(), filter.sql().chars().filter(c -> c == '?').count());
        for (String value : List.of("acme", "note", "alice-id", "g1", "g2")) {
            assertFalse(filter.sql().contains("'" + value + "'"), filter.sql());
        }
        assertTrue(filter.sql().contains("MOD(portcullis_p.permission, 512) >= 256"), "owner read");
        assertTrue(filter.sql().contains("MOD(portcullis_g.permission, 65536) >= 32768"), "group read");
        assertTrue(filter.sql().contains("pc_instance_group portcullis_g"), filter.sql());
        assertTrue(filter.sql().contains("LEFT JOIN pc_instance_user portcullis_u ON portcullis_u.instance_permission_id"
                + " = portcullis_p.id AND portcullis_u.user_id = ?"), filter.sql());
        assertTrue(filter.sql().contains("portcullis_u.id IS NOT NULL AND MOD(portcullis_u.permission, 4) >= 2"),
                "the named-user entry's read bit, one tier's bits alone");
    }

    @Test
    void guestWhenFilteredThenNoNamedUserEntryIsJoined() {
        ReadableFilter filter = FilterSql.forSubject("pc_", ACME, "note", Subject.guest(), "n.id", Permission.Action.READ);

        assertFalse(filter.sql().contains("instance_user"), filter.sql());
    }

    @Test
    void userWithoutGroupsWhenFilteredThenNoEmptyInListIsWritten() {
        Subject loner = new Subject("loner", Set.of(), false, null);

        ReadableFilter filter = FilterSql.forSubject("pc_", ACME, "note", loner, "n.id", Permission.Action.READ);

        assertEquals(List.of("loner", "acme", "note", "loner", "loner"), filter.parameters());
        assertFalse(filter.sql().contains("IN ("), filter.sql());
    }

    @Test
    void bindWhenGivenAFirstIndexThenSetsEachParameterInOrderAndReturnsTheNextIndex() throws Exception {
        ReadableFilter filter = new ReadableFilter("x = ? AND y = ?", List.of("a", "b"));
        PreparedStatement statement = mock(PreparedStatement.class);

        assertEquals(5, filter.bind(statement, 3));

        InOrder order = inOrder(statement);
        order.verify(statement).setObject(3, "a");
        order.verify(statement).setObject(4, "b");
    }
}
