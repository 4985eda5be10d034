package org.portcullis.filter.authentication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.portcullis.filter.identity.AuthType;
import org.portcullis.filter.identity.Identity;
import org.portcullis.filter.identity.Passwords;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.persistence.TestCaches;
import org.portcullis.filter.testing.LogCapture;
import org.portcullis.filter.testing.Medians;
import org.portcullis.filter.testing.TestClock;
import org.portcullis.model.TestDatabase;
import org.portcullis.model.UserAccount;
import org.portcullis.model.UserIdentity;
import org.portcullis.model.UserStatus;

/**
 * The one sign-in path on a real database: what each kind of claim and credential comes to, that a
 * sign-in and a signed-in user's password check share one throttle, that an unknown or deleted
 * account is refused exactly like a wrong password (and a non-active one with its right password by its status) and after the same bcrypt work, and what is logged.
 */
@Tag("database")
class SignInTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String WRONG = "wrong horse battery";
    private static final String ADDRESS = "10.0.0.1";
    private static final int FREE_FAILURES = 3;
    private static final SignIn.Refused INVALID = new SignIn.Refused(SignIn.Refusal.INVALID_CREDENTIALS);

    private final TestDatabase db = TestDatabase.fresh();
    private final TestClock ticker = new TestClock();
    private TestCaches.TwoNodes nodes;
    private Database database;
    private Passwords passwords;
    private BcryptPool pool;
    private SigninThrottle throttle;
    private SignIn signIn;

    @BeforeEach
    void start() {
        nodes = TestCaches.TwoNodes.on(db, Set.of());
        database = nodes.here();
        pool = new BcryptPool(2, 16);
        throttle = SigninThrottle.inMemory(new SigninThrottle.Limits(FREE_FAILURES, Duration.ofMinutes(5), 100_000,
                Duration.ofMinutes(5)), ticker);
        passwords = new Passwords(4);
        signIn = new SignIn(database, passwords, pool, throttle);
    }

    @AfterEach
    void stop() throws Exception {
        pool.close();
        nodes.close();
    }

    private UserAccount newUser(UserStatus status) {
        String hash = passwords.hash(PASSWORD);
        return database.inTransaction(em -> {
            UserAccount user = new UserAccount("user-" + UUID.randomUUID() + "@example.com", "Test", hash);
            user.setStatus(status);
            em.persist(user);
            return user;
        });
    }

    private static Identity signedIn(UserAccount user) {
        return Identity.user(user.getId(), user.getEmail(), user.getName(), AuthType.BEARER,
                UUID.randomUUID().toString(), Instant.now().plusSeconds(600));
    }

    private SignIn.Outcome signin(String login, String password) {
        return signIn.attempt(new Claim.Login(login), new Credential.Password(password), ADDRESS);
    }

    private SignIn.Outcome recheck(UserAccount user, String password) {
        return signIn.attempt(Claim.signedIn(signedIn(user)), new Credential.Password(password), ADDRESS);
    }

    private static String unknownEmail() {
        return "nobody-" + UUID.randomUUID() + "@example.com";
    }

    // ---- outcomes ------------------------------------------------------------------------------

    @Test
    void attemptWhenThePasswordIsRightThenSignedInWithThatAccount() {
        UserAccount ada = newUser(UserStatus.ACTIVE);

        SignIn.Outcome byLogin = signin(ada.getEmail(), PASSWORD);
        SignIn.Outcome bySignedInUser = recheck(ada, PASSWORD);

        assertEquals(ada.getId(), assertInstanceOf(SignIn.SignedIn.class, byLogin).account().getId());
        assertEquals(ada.getId(), assertInstanceOf(SignIn.SignedIn.class, bySignedInUser).account().getId());
    }

    @Test
    void attemptWhenThePasswordIsWrongThenRefusedInvalidCredentials() {
        UserAccount ada = newUser(UserStatus.ACTIVE);

        assertEquals(INVALID, signin(ada.getEmail(), WRONG));
        assertEquals(INVALID, recheck(ada, WRONG));
        assertEquals("invalid_credentials", SignIn.Refusal.INVALID_CREDENTIALS.code());
    }

    @Test
    void attemptWhenTheAccountIsUnknownThenRefusedExactlyAsAWrongPassword() {
        assertEquals(INVALID, signin(unknownEmail(), PASSWORD));
    }

    @ParameterizedTest
    @CsvSource({"INACTIVE, ACCOUNT_INACTIVE, account_inactive", "PENDING_APPROVAL, PENDING_APPROVAL, pending_approval",
            "PENDING_VERIFICATION, PENDING_VERIFICATION, pending_verification"})
    void attemptWhenTheAccountIsNotActiveAndThePasswordRightThenRefusedWithItsStatus(UserStatus status,
                                                                                      SignIn.Refusal reason, String code) {
        UserAccount waiting = newUser(status);

        assertEquals(new SignIn.Refused(reason), signin(waiting.getEmail(), PASSWORD));
        assertEquals(new SignIn.Refused(reason), recheck(waiting, PASSWORD));
        assertEquals(code, reason.code());
        assertEquals(403, reason.status());
    }

    @ParameterizedTest
    @EnumSource(value = UserStatus.class, names = {"INACTIVE", "PENDING_APPROVAL", "PENDING_VERIFICATION", "DELETED"})
    void attemptWhenTheAccountIsNotActiveAndThePasswordWrongThenRefusedExactlyAsAWrongPassword(UserStatus status) {
        UserAccount waiting = newUser(status);

        assertEquals(INVALID, signin(waiting.getEmail(), WRONG), "the status is shown after the right password only");
        assertEquals(INVALID, recheck(waiting, WRONG));
    }

    @Test
    void attemptWhenTheAccountIsDeletedThenRefusedExactlyAsAWrongPasswordEvenWithTheRightOne() {
        UserAccount deleted = newUser(UserStatus.DELETED);

        assertEquals(INVALID, signin(deleted.getEmail(), PASSWORD));
        assertEquals(INVALID, recheck(deleted, PASSWORD), "a token still cached elsewhere proves nothing either");
        assertEquals(401, SignIn.Refusal.INVALID_CREDENTIALS.status());
    }

    @ParameterizedTest
    @EnumSource(value = UserStatus.class, names = {"INACTIVE", "PENDING_APPROVAL", "DELETED"})
    void attemptWhenANonActiveAccountsRightPasswordIsTriedAgainThenItCountsAsAFailureAndIsThrottled(UserStatus status) {
        UserAccount waiting = newUser(status);
        for (int i = 0; i < FREE_FAILURES; i++) {
            assertInstanceOf(SignIn.Refused.class, signin(waiting.getEmail(), PASSWORD), "attempt " + (i + 1));
        }

        assertInstanceOf(SignIn.Throttled.class, signin(waiting.getEmail(), PASSWORD));
    }

    @Test
    void attemptWhenTheLoginIsRespelledThenTheSameAccountAndTheSameCounter() {
        UserAccount ada = newUser(UserStatus.ACTIVE);
        String email = ada.getEmail();

        assertInstanceOf(SignIn.SignedIn.class, signin("  " + email.toUpperCase() + " ", PASSWORD));
        for (int i = 0; i < FREE_FAILURES; i++) {
            signin(i % 2 == 0 ? email.toUpperCase() : " " + email, WRONG);
        }
        assertInstanceOf(SignIn.Throttled.class, signin(email, PASSWORD));
    }

    /** Attack: several names of one account must not each buy a free run of guesses. */
    @Test
    void attemptWhenFailuresAreSpreadOverTheAccountsNamesThenTheyCountTogetherAndEveryNameIsThrottled() {
        UserAccount ada = newUser(UserStatus.ACTIVE);
        String username = "ada-" + UUID.randomUUID().toString().substring(0, 8);
        String second = "second-" + UUID.randomUUID() + "@example.com";
        database.inTransaction(em -> {
            UserAccount user = em.find(UserAccount.class, ada.getId());
            user.setUsername(username);
            em.persist(new UserIdentity(ada.getId(), UserIdentity.Type.USERNAME, username, Instant.now(), false));
            em.persist(new UserIdentity(ada.getId(), UserIdentity.Type.EMAIL, second, Instant.now(), false));
            return null;
        });
        List<Claim.Login> names = List.of(new Claim.Login(ada.getEmail()), new Claim.Login(username, true),
                new Claim.Login(second));
        for (Claim.Login name : names) {
            assertInstanceOf(SignIn.SignedIn.class, signIn.attempt(name, new Credential.Password(PASSWORD), ADDRESS),
                    "control: " + name + " signs in");
        }
        for (int i = 0; i < FREE_FAILURES; i++) {
            assertEquals(INVALID, signIn.attempt(names.get(1 + i % 2), new Credential.Password(WRONG), ADDRESS));
        }
        for (Claim.Login name : names) {
            assertInstanceOf(SignIn.Throttled.class, signIn.attempt(name, new Credential.Password(PASSWORD), ADDRESS),
                    name + " after failures through the other names");
        }
        assertInstanceOf(SignIn.Throttled.class, recheck(ada, PASSWORD), "the signed-in user's check too");
        ticker.advance(Duration.ofMinutes(10));
        assertInstanceOf(SignIn.SignedIn.class, signIn.attempt(names.get(1), new Credential.Password(PASSWORD),
                ADDRESS), "once the wait is over");
        assertInstanceOf(SignIn.SignedIn.class, signin(ada.getEmail(), PASSWORD), "and the streak ended for all");
    }

    @Test
    void attemptWhenAnUnknownLoginFailsThenNoAccountIsThrottledByIt() {
        UserAccount ada = newUser(UserStatus.ACTIVE);
        String unknown = unknownEmail();
        for (int i = 0; i < FREE_FAILURES + 2; i++) {
            signin(unknown, WRONG);
        }
        assertInstanceOf(SignIn.Throttled.class, signin(unknown, WRONG), "the unknown login has its own counter");
        assertInstanceOf(SignIn.SignedIn.class, signin(ada.getEmail(), PASSWORD));
    }

    // ---- one throttle for sign-in and the signed-in user's check --------------------------------

    @Test
    void attemptWhenSigninFailuresReachTheBackoffThenTheSignedInUsersPasswordCheckIsThrottledAlike() {
        UserAccount ada = newUser(UserStatus.ACTIVE);
        for (int i = 0; i < FREE_FAILURES; i++) {
            assertEquals(INVALID, signin(ada.getEmail(), WRONG));
        }

        SignIn.Outcome signinNow = signin(ada.getEmail(), PASSWORD);
        SignIn.Outcome recheckNow = recheck(ada, PASSWORD);

        assertEquals(new SignIn.Throttled(Duration.ofSeconds(1)), signinNow);
        assertEquals(signinNow, recheckNow, "the right password is not checked through either door");
    }

    @Test
    void attemptWhenTheSignedInUsersPasswordChecksFailThenSigninIsThrottledAlike() {
        UserAccount ada = newUser(UserStatus.ACTIVE);
        for (int i = 0; i < FREE_FAILURES; i++) {
            assertEquals(INVALID, recheck(ada, WRONG));
        }

        assertEquals(new SignIn.Throttled(Duration.ofSeconds(1)), signin(ada.getEmail(), PASSWORD));
        ticker.advance(Duration.ofSeconds(1));
        assertInstanceOf(SignIn.SignedIn.class, recheck(ada, PASSWORD), "once the wait is over");
        assertInstanceOf(SignIn.SignedIn.class, signin(ada.getEmail(), PASSWORD), "and the streak is over");
    }

    // ---- the pool ------------------------------------------------------------------------------

    @Test
    void attemptWhenThePoolTurnsTheWorkAwayThenUnavailableAndTheAttemptDoesNotCount() {
        UserAccount ada = newUser(UserStatus.ACTIVE);
        BcryptPool stopped = new BcryptPool(1, 1);
        stopped.close();
        SignIn overStoppedPool = new SignIn(database, passwords, stopped, throttle);

        for (int i = 0; i < 3 * FREE_FAILURES; i++) {
            assertEquals(new SignIn.Unavailable(), overStoppedPool.attempt(new Claim.Login(ada.getEmail()),
                    new Credential.Password(WRONG), ADDRESS), "attempt " + (i + 1));
        }

        assertInstanceOf(SignIn.SignedIn.class, signin(ada.getEmail(), PASSWORD), "nothing was counted");
    }

    // ---- timing --------------------------------------------------------------------------------

    /**
     * Enumeration by timing (ASVS 6.3.8) on the one path itself, as {@code SigninTimingTest} checks it
     * over HTTP: an unknown account and a deleted one (with its right password) cost what a wrong password costs, with the same
     * tolerance (medians of interleaved attempts within 10% in one of three tries, for each of the two).
     */
    @Test
    void attemptWhenTheAccountIsUnknownOrDeletedThenItTakesAsLongAsAWrongPassword() {
        passwords = new Passwords(10);
        // No back-off: every attempt must reach bcrypt (each account stays below the hourly ceiling).
        signIn = new SignIn(database, passwords, pool, SigninThrottle.inMemory(new SigninThrottle.Limits(1_000_000,
                Duration.ofMinutes(5), 100_000, Duration.ofMinutes(5)), ticker));
        int warmUp = 5;
        int rounds = 25;
        String failures = "";
        boolean unknownWithin = false;
        boolean deletedWithin = false;
        for (int attempt = 1; attempt <= 3; attempt++) {
            UserAccount known = newUser(UserStatus.ACTIVE);
            UserAccount deleted = newUser(UserStatus.DELETED);
            List<Long> wrong = new ArrayList<>();
            List<Long> unknown = new ArrayList<>();
            List<Long> off = new ArrayList<>();
            for (int i = 0; i < warmUp + rounds; i++) {
                // Rotated order, so that no kind always runs first (or last) in a round.
                List<Runnable> round = new ArrayList<>(List.of(
                        () -> wrong.add(timeRefusal(known.getEmail(), WRONG)),
                        () -> unknown.add(timeRefusal(unknownEmail(), WRONG)),
                        () -> off.add(timeRefusal(deleted.getEmail(), PASSWORD))));
                Collections.rotate(round, i);
                round.forEach(Runnable::run);
            }
            double unknownGap = Medians.gap(unknown.subList(warmUp, unknown.size()), wrong.subList(warmUp, wrong.size()));
            double deletedGap = Medians.gap(off.subList(warmUp, off.size()), wrong.subList(warmUp, wrong.size()));
            unknownWithin |= unknownGap <= 0.10;
            deletedWithin |= deletedGap <= 0.10;
            if (unknownWithin && deletedWithin) {
                return;
            }
            failures += String.format(" try %d: unknown %.0f%%, deleted %.0f%% apart;", attempt, unknownGap * 100,
                    deletedGap * 100);
        }
        fail("an unknown or a deleted account's median stayed more than 10% from a wrong password's in every try:"
                + failures);
    }

    private long timeRefusal(String login, String password) {
        long start = System.nanoTime();
        SignIn.Outcome outcome = signIn.attempt(new Claim.Login(login), new Credential.Password(password), ADDRESS);
        long elapsed = System.nanoTime() - start;
        assertEquals(INVALID, outcome, "a refusal, not a throttle or a busy pool");
        return elapsed;
    }

    // ---- logging -------------------------------------------------------------------------------

    @Test
    void attemptWhenLoggedThenOneLinePerAttemptNamingOnlyKnownAccountsAndNoSecret() {
        UserAccount ada = newUser(UserStatus.ACTIVE);
        String nobody = unknownEmail();
        List<LogRecord> records = capture(() -> {
            signin(ada.getEmail(), WRONG);
            signin(nobody, WRONG);
            signin(ada.getEmail(), PASSWORD);
            recheck(ada, WRONG);
            recheck(ada, PASSWORD);
            for (int i = 0; i < FREE_FAILURES; i++) {
                recheck(ada, WRONG);
            }
        });
        List<String> lines = records.stream().map(r -> r.getLevel() + " " + r.getMessage()).toList();

        String from = " from " + ADDRESS;
        assertEquals(List.of(
                "INFO sign-in failed for " + ada.getEmail() + from,
                "INFO sign-in failed for an unknown account" + from,
                "FINE signed in: " + ada.getEmail() + from,
                "INFO re-authentication failed for " + ada.getEmail() + from,
                "FINE re-authenticated: " + ada.getEmail() + from,
                "INFO re-authentication failed for " + ada.getEmail() + from,
                "INFO re-authentication failed for " + ada.getEmail() + from,
                "INFO re-authentication failed for " + ada.getEmail() + from), lines);
        for (String line : lines) {
            assertFalse(line.contains(PASSWORD) || line.contains(WRONG) || line.contains("$2a$")
                    || line.contains(nobody), line);
        }
        List<String> throttled = capture(() -> recheck(ada, PASSWORD)).stream().map(LogRecord::getMessage).toList();
        assertEquals(List.of("re-authentication throttled for " + ada.getEmail() + from), throttled);
    }

    private static List<LogRecord> capture(Runnable work) {
        try (LogCapture log = LogCapture.of(SignIn.class)) {
            work.run();
            return log.records();
        }
    }
}
