package org.portcullis.filter.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.portcullis.filter.authentication.Credential;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.persistence.IdentityRows;
import org.portcullis.filter.persistence.TestCaches;
import org.portcullis.filter.testing.TestClock;
import org.portcullis.model.TestDatabase;
import org.portcullis.model.UserAccount;
import org.portcullis.model.UserIdentity;
import org.portcullis.model.UserStatus;

/**
 * Anonymous users on a real database, on a clock the test moves: what {@link AnonymousAccounts#create} writes
 * (a handle row, a hashed secret, no e-mail row, no password), and the clean-up of idle ones: only anonymous
 * users idle longer than {@code anonymous.idle}, deleted with their secret and handle, in transactions of at
 * most {@link AnonymousCleanup#BATCH}, nothing twice after a restart, an upgraded user never.
 */
@Tag("database")
class AnonymousCleanupTest {

    private static final Duration IDLE = Duration.ofDays(30);
    private static final Instant START = Instant.parse("2026-12-04T12:00:00Z");

    private final TestDatabase db = TestDatabase.fresh();
    private final TestClock clock = new TestClock(START);
    private final AtomicInteger commits = new AtomicInteger();
    private TestCaches.TwoNodes nodes;
    private Database database;
    private AnonymousAccounts anonymous;
    private AnonymousCleanup cleanup;

    @BeforeEach
    void start() {
        nodes = TestCaches.TwoNodes.on(db, Set.of());
        database = nodes.here();
        database.onCommit((tenant, change) -> commits.incrementAndGet());
        AccountCreation creation = new AccountCreation(database, null, null, List.of("users"), new Identities(clock));
        anonymous = new AnonymousAccounts(List.of("anonymous"), creation, clock);
        cleanup = new AnonymousCleanup(database, clock, IDLE, Duration.ofHours(1));
    }

    @AfterEach
    void stop() throws Exception {
        cleanup.close();
        nodes.close();
    }

    @Test
    void createWhenCalledThenAHandleRowAHashedSecretAndNeitherPasswordNorEmailRow() {
        AnonymousAccounts.Made made = database.inTransaction(em -> anonymous.create(em));

        UserAccount user = find(made.user().getId());
        assertTrue(user.isAnonymous());
        assertNull(user.getPasswordHash(), "no password ever signs in");
        assertEquals(Credential.AnonymousSecret.hash(made.secret()), user.getSecretHash());
        assertFalse(user.getSecretHash().contains(made.secret()));
        assertTrue(user.getEmail().endsWith(AnonymousAccounts.EMAIL_DOMAIN), user.getEmail());
        List<UserIdentity> rows = database.read(em -> IdentityRows.of(em, user.getId()));
        assertEquals(1, rows.size(), rows.toString());
        assertEquals(UserIdentity.Type.ANONYMOUS, rows.get(0).getType());
        assertEquals(AnonymousAccounts.handleKey(made.handle()), rows.get(0).getValue());
        assertFalse(made.toString().contains(made.secret()), "toString hides the secret");
    }

    @Test
    void runOnceWhenAnonymousUsersAreIdleLongerThanTheLimitThenOnlyTheyAreDeleted() {
        String idle = newAnonymous();
        clock.advance(Duration.ofDays(10));
        String recent = newAnonymous();
        String upgraded = newAnonymous();
        database.inTransaction(em -> anonymous.upgrade(em, upgraded, "cy@example.com", "$2a$hash"));
        clock.advance(IDLE.minusDays(5));

        assertEquals(1, cleanup.runOnce());

        UserAccount gone = find(idle);
        assertEquals(UserStatus.DELETED, gone.getStatus());
        assertTrue(gone.getDeletedAt().isPresent());
        assertNull(gone.getSecretHash(), "the secret dies");
        assertEquals(List.of(), database.read(em -> IdentityRows.of(em, idle)), "the handle goes");
        assertTrue(gone.getTokensValidAfter() != null, "its tokens are refused");
        assertEquals(UserStatus.ACTIVE, find(recent).getStatus(), "idle less than the limit");
        assertEquals(UserStatus.ACTIVE, find(upgraded).getStatus(), "an upgraded user is no anonymous one");
    }

    @Test
    void runOnceWhenMoreThanABatchIsDueThenOneTransactionPerHundredAndNothingTwiceAfterARestart() {
        List<String> due = new ArrayList<>();
        for (int i = 0; i < AnonymousCleanup.BATCH + 20; i++) {
            due.add(newAnonymous());
        }
        clock.advance(IDLE.plusSeconds(1));
        commits.set(0);

        assertEquals(due.size(), cleanup.runOnce());

        assertEquals(2, commits.get(), "100 + 20, each batch its own transaction");
        assertEquals(0, cleanup.runOnce(), "deleted users are not selected again");
        assertEquals(0, new AnonymousCleanup(database, clock, IDLE, Duration.ofHours(1)).runOnce(), "nor after a restart");
    }

    @Test
    void upgradeWhenTheUserIsNoLongerAnonymousThenNotAnonymous() {
        String id = newAnonymous();
        database.inTransaction(em -> anonymous.upgrade(em, id, "dee@example.com", "$2a$hash"));

        org.portcullis.filter.web.ApiError refused = org.junit.jupiter.api.Assertions.assertThrows(
                org.portcullis.filter.web.ApiError.class,
                () -> database.inTransaction(em -> anonymous.upgrade(em, id, "eve@example.com", "$2a$hash")));

        assertEquals("not_anonymous", refused.code());
        assertEquals("dee@example.com", find(id).getEmail(), "the first upgrade stands");
    }

    private String newAnonymous() {
        return database.inTransaction(em -> anonymous.create(em)).user().getId();
    }

    private UserAccount find(String id) {
        return database.read(em -> em.find(UserAccount.class, id));
    }
}
