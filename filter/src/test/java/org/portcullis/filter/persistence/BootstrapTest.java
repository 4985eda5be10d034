package org.portcullis.filter.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.portcullis.filter.config.ParameterSource;
import org.portcullis.filter.config.PortcullisConfig;
import org.portcullis.filter.permission.Permission;
import org.portcullis.model.UserGroup;
import org.portcullis.model.WorldEntity;
import org.portcullis.model.WorldGroup;

/**
 * {@link Bootstrap} on a real database: one read finds what is missing, one transaction inserts it,
 * and a node that loses the race to another node reads that node's rows back instead of failing.
 */
class BootstrapTest {

    private final PortcullisConfig config = PortcullisConfig.from(ParameterSource.of(Map.of(
            "jdbc.url", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "jdbc.user", "sa",
            "default.groups", "users,readers")), "test");
    private final Database db = new Database(config, d -> { }, Clock.systemUTC());

    @AfterEach
    void close() {
        db.close();
    }

    private Bootstrap node() {
        return new Bootstrap(config, Set.of("note"));
    }

    private List<String> groups() {
        return db.read(em -> em.createQuery("select g.name from UserGroup g order by g.name", String.class)
                .getResultList());
    }

    private List<String> worldRows() {
        return db.read(em -> em.createQuery("select w.entityName from WorldEntity w order by w.entityName",
                String.class).getResultList());
    }

    @Test
    void runWhenDatabaseIsEmptyThenSeedsGroupsWorldRowsAndSecret() {
        Bootstrap node = node();
        assertFalse(db.read(node::find).complete());

        node.run(db);

        assertTrue(db.read(node::find).complete());
        assertEquals(List.of(UserGroup.ADMINISTRATORS, "readers", UserGroup.USERS), groups());
        assertEquals(List.of("invitation", "note", "user_account", "usergroup", "world"), worldRows());
        WorldEntity note = db.read(em -> PermissionStore.worldEntity(em, "note"));
        assertEquals(Permission.ENTITY_DEFAULT.mask(), note.getPermission());
        List<WorldGroup> links = db.read(em -> em.createQuery("select l from WorldGroup l", WorldGroup.class)
                .getResultList());
        assertEquals(1, links.size(), "only the host's entity is linked to users");
        String users = db.read(em -> AccountRows.groupByName(em, UserGroup.USERS).orElseThrow().getId());
        assertEquals(users, links.get(0).getGroupId());
        assertEquals(64, node.jwtSecret().length);
    }

    @Test
    void runWhenAlreadySeededThenNothingIsAddedAndTheSecretIsTheStoredOne() {
        Bootstrap first = node();
        first.run(db);
        Bootstrap again = node();

        again.run(db);

        assertEquals(3, groups().size());
        assertEquals(5, worldRows().size());
        assertArrayEquals(first.jwtSecret(), again.jwtSecret());
    }

    @Test
    void seedWhenAnotherNodeSeededBetweenOurReadAndOurInsertThenItsRowsAndSecretAreUsed() {
        Bootstrap late = node();
        Bootstrap.Found before = db.read(late::find);
        Bootstrap early = node();
        early.run(db);

        late.seed(db, before); // the batch fails on the unique keys; row by row finds every row there

        assertEquals(3, groups().size());
        assertEquals(5, worldRows().size());
        assertArrayEquals(early.jwtSecret(), late.jwtSecret(), "every node signs with the same stored secret");
    }

    @Test
    void runWhenRoutesNameANewEntityThenOnlyItsRowIsAdded() {
        node().run(db);
        Bootstrap withFiles = new Bootstrap(config, Set.of("note", "file"));

        withFiles.run(db);

        assertEquals(List.of("file", "invitation", "note", "user_account", "usergroup", "world"), worldRows());
        assertEquals(2, db.read(em -> em.createQuery("select count(l) from WorldGroup l", Long.class)
                .getSingleResult()).intValue());
    }
}
