package org.portcullis.filter.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.portcullis.filter.config.ParameterSource;
import org.portcullis.filter.config.PortcullisConfig;
import org.portcullis.filter.persistence.AccountRows;
import org.portcullis.filter.persistence.Bootstrap;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.persistence.IdentityRows;
import org.portcullis.filter.web.ApiError;
import org.portcullis.model.TestDatabase;
import org.portcullis.model.UserAccount;
import org.portcullis.model.UserIdentity;

/**
 * The identity rules against a real database, as the profile's {@code PATCH} and sign-up use them: a
 * username set, changed (the old one free again), taken (409) and removed, the identity row always in
 * step with {@code user_account.username}; usernames and e-mails never share a row.
 */
@Tag("database")
class IdentitiesTest {

    private final TestDatabase db = TestDatabase.fresh();
    private final Identities identities = new Identities(Clock.systemUTC());
    private Database database;

    @BeforeEach
    void start() {
        PortcullisConfig config = PortcullisConfig.from(ParameterSource.of(Map.of("jdbc.url", db.url(), "jdbc.user",
                db.user(), "table.prefix", db.prefix())), "test");
        database = new Database(config, new Bootstrap(config, Set.of())::run, Clock.systemUTC());
        database.start();
    }

    @AfterEach
    void stop() throws SQLException {
        database.close();
        db.dropTables();
    }

    private String newAccount(String email) {
        return database.inTransaction(em -> {
            UserAccount user = new UserAccount(email, "Test", null);
            em.persist(user);
            identities.recordNewAccount(em, user);
            return user.getId();
        });
    }

    private void changeUsername(String userId, String username) {
        database.inTransaction(em -> {
            identities.changeUsername(em, AccountRows.userById(em, userId).orElseThrow(),
                    Optional.ofNullable(username).map(Username::parse));
            return null;
        });
    }

    private List<String> usernameRows(String userId) {
        return database.read(em -> IdentityRows.of(em, userId).stream()
                .filter(i -> i.getType() == UserIdentity.Type.USERNAME).map(UserIdentity::getValue).toList());
    }

    private String username(String userId) {
        return database.read(em -> AccountRows.userById(em, userId).orElseThrow().getUsername());
    }

    @Test
    void changeUsernameWhenSetChangedAndRemovedThenTheAccountAndItsRowStayInStep() {
        String ada = newAccount("ada@example.com");

        changeUsername(ada, "Ada");
        assertEquals("ada", username(ada));
        assertEquals(List.of("ada"), usernameRows(ada));

        changeUsername(ada, "ada.l");
        assertEquals("ada.l", username(ada));
        assertEquals(List.of("ada.l"), usernameRows(ada));

        changeUsername(ada, null);
        assertEquals(null, username(ada));
        assertEquals(List.of(), usernameRows(ada));
    }

    @Test
    void changeUsernameWhenAnotherAccountHasItThen409AndNothingChanges() {
        String ada = newAccount("ada@example.com");
        String bob = newAccount("bob@example.com");
        changeUsername(ada, "ada");

        ApiError refused = assertThrows(ApiError.class, () -> changeUsername(bob, "ADA"));

        assertEquals(409, refused.status());
        assertEquals("username_taken", refused.code());
        assertEquals(null, username(bob));
        assertEquals(List.of(), usernameRows(bob));
    }

    @Test
    void changeUsernameWhenTheOldOneWasGivenUpThenAnotherAccountMayTakeIt() {
        String ada = newAccount("ada@example.com");
        String bob = newAccount("bob@example.com");
        changeUsername(ada, "ada");
        changeUsername(ada, "countess");

        changeUsername(bob, "ada");

        assertEquals("ada", username(bob));
        assertEquals(bob, database.read(em -> IdentityRows.userByLogin(em, "ada", true).orElseThrow().getId()));
    }

    @Test
    void userByLoginWhenAUsernameEqualsTheLocalPartOfAnEmailThenEachFindsItsOwn() {
        String grace = newAccount("grace@example.com");
        String other = newAccount("other@example.com");
        changeUsername(other, "grace");

        assertEquals(other, database.read(em -> IdentityRows.userByLogin(em, "grace", true).orElseThrow().getId()));
        assertEquals(grace, database.read(em -> IdentityRows.userByLogin(em, "grace@example.com", false)
                .orElseThrow().getId()));
        assertTrue(database.read(em -> IdentityRows.userByLogin(em, "grace", false)).isEmpty(),
                "a login read as an e-mail never finds a username");
    }

    @Test
    void parseWhenTypedThenLowerCasedAndStrippedAndOutsideTheGrammarRefused() {
        assertEquals("ada.l-1_x", Username.parse("  Ada.L-1_X ").value());
        assertEquals("a" + "b".repeat(31), Username.parse("a" + "b".repeat(31)).value());
        for (String bad : new String[] {"ab", "_ada", "ada@x.org", "a".repeat(33), "ad a", "ädа", "", "ad\u0000a"}) {
            ApiError refused = assertThrows(ApiError.class, () -> Username.parse(bad), bad);
            assertEquals("invalid_username", refused.code());
        }
    }
}
