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
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.portcullis.filter.testing.TestClock;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.persistence.TestCaches;
import org.portcullis.model.TestDatabase;
import org.portcullis.filter.persistence.IdentityRows;
import org.portcullis.model.UserAccount;
import org.portcullis.model.UserIdentity;
import org.portcullis.model.UserStatus;

/**
 * The erasure of deleted accounts' personal data on a real database, on a clock the test moves: only
 * accounts deleted longer than the retention, every personal column, the id kept, in transactions of at
 * most {@link DeletedAccountErasure#BATCH}, and nothing twice when it runs again or after a restart.
 */
@Tag("database")
class DeletedAccountErasureTest {

    private static final Duration RETENTION = Duration.ofSeconds(1);
    private static final Instant START = Instant.parse("2026-12-03T12:00:00Z");

    private final TestDatabase db = TestDatabase.fresh();
    private final TestClock clock = new TestClock(START);
    private final AtomicInteger commits = new AtomicInteger();
    private TestCaches.TwoNodes nodes;
    private Database database;
    private DeletedAccountErasure erasure;

    @BeforeEach
    void start() {
        nodes = TestCaches.TwoNodes.on(db, Set.of());
        database = nodes.here();
        database.onCommit((tenant, change) -> commits.incrementAndGet());
        erasure = new DeletedAccountErasure(database, clock, RETENTION, Duration.ofHours(1));
    }

    @AfterEach
    void stop() throws Exception {
        erasure.close();
        nodes.close();
    }

    @Test
    void runOnceWhenAccountsWereDeletedLongerThanTheRetentionThenTheirPersonalDataIsErasedAndTheIdStays() {
        String gone = newUser(UserStatus.DELETED, START);
        String recent = newUser(UserStatus.DELETED, START.plus(RETENTION));
        String inactive = newUser(UserStatus.INACTIVE, null);
        clock.set(START.plus(RETENTION).plusMillis(1));

        assertEquals(1, erasure.runOnce());

        UserAccount erased = find(gone);
        assertEquals(DeletedAccountErasure.erasedEmail(gone), erased.getEmail());
        assertEquals("deleted-" + gone + "@invalid", erased.getEmail());
        assertEquals("", erased.getName());
        assertNull(erased.getFirstName());
        assertNull(erased.getLastName());
        assertNull(erased.getProfile());
        assertNull(erased.getPasswordHash());
        assertNull(erased.getUsername());
        assertEquals(List.of(), database.read(em -> IdentityRows.of(em, gone)), "every identity row goes too");
        assertEquals(3, database.read(em -> IdentityRows.of(em, recent)).size(), "within the retention: kept");
        assertEquals(UserStatus.DELETED, erased.getStatus(), "still deleted, under the same id");
        assertTrue(find(recent).getEmail().endsWith("@example.com"), "deleted within the retention: not yet");
        assertTrue(find(inactive).getEmail().endsWith("@example.com"), "never deleted: never erased");
        assertEquals("Ada", find(recent).getFirstName());
    }

    @Test
    void runOnceWhenMoreThanABatchIsDueThenOneTransactionPerHundredAccounts() {
        List<String> due = new ArrayList<>();
        for (int i = 0; i < 2 * DeletedAccountErasure.BATCH + 30; i++) {
            due.add(newUser(UserStatus.DELETED, START));
        }
        clock.set(START.plus(RETENTION).plusSeconds(1));
        commits.set(0);

        assertEquals(due.size(), erasure.runOnce());

        assertEquals(3, commits.get(), "100 + 100 + 30, each batch its own transaction");
        due.forEach(id -> assertEquals(DeletedAccountErasure.erasedEmail(id), find(id).getEmail()));
    }

    @Test
    void runOnceWhenRunAgainOrAfterARestartThenNothingIsErasedTwice() {
        newUser(UserStatus.DELETED, START);
        clock.set(START.plus(RETENTION).plusSeconds(1));
        assertEquals(1, erasure.runOnce());

        assertEquals(0, erasure.runOnce(), "erased accounts are told apart by their placeholder e-mail");
        assertEquals(0, new DeletedAccountErasure(database, clock, RETENTION, Duration.ofHours(1)).runOnce(),
                "a new node, or this one restarted, finds nothing left either");
    }

    @Test
    void runOnceWhenAUserSignedUpWithAPlaceholderLikeAddressThenTheyAreErasedAllTheSame() {
        String id = newUser(UserStatus.DELETED, START);
        database.inTransaction(em -> {
            em.find(UserAccount.class, id).eraseEmail("deleted-someone-else@invalid");
            return null;
        });
        clock.set(START.plus(RETENTION).plusSeconds(1));

        assertEquals(1, erasure.runOnce(), "only the account's own placeholder marks it erased");
    }

    @Test
    void startWhenClosedThenItsThreadEnds() throws Exception {
        DeletedAccountErasure running = new DeletedAccountErasure(database, clock, RETENTION, Duration.ofSeconds(1));
        running.start();
        assertTrue(threadAlive(), "one thread of its own");

        running.close();

        assertFalse(threadAlive(), "ended by close, as the filter's destroy calls it");
        running.close(); // a second close does nothing
    }

    private static boolean threadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().equals("portcullis-account-erasure"));
    }

    private String newUser(UserStatus status, Instant deletedAt) {
        return database.inTransaction(em -> {
            UserAccount user = new UserAccount("user-" + UUID.randomUUID() + "@example.com", "Ada Lovelace", "$2a$hash");
            user.setStatus(status);
            user.setDeletedAt(deletedAt);
            user.setFirstName("Ada");
            user.setLastName("Lovelace");
            user.setProfile("{\"team\":\"engines\"}");
            user.setUsername("u" + UUID.randomUUID().toString().substring(0, 8));
            em.persist(user);
            em.persist(new UserIdentity(user.getId(), UserIdentity.Type.EMAIL, user.getEmail(), null, true));
            em.persist(new UserIdentity(user.getId(), UserIdentity.Type.USERNAME, user.getUsername(), null, false));
            em.persist(new UserIdentity(user.getId(), UserIdentity.Type.EMAIL, "second-" + user.getEmail(), START, false));
            return user.getId();
        });
    }

    private UserAccount find(String id) {
        return database.read(em -> em.find(UserAccount.class, id));
    }
}
