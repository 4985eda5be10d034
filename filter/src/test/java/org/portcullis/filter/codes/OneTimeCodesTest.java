package org.portcullis.filter.codes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.portcullis.filter.codes.OneTimeCodes.Purpose;
import org.portcullis.filter.config.ParameterSource;
import org.portcullis.filter.config.PortcullisConfig;
import org.portcullis.filter.persistence.Bootstrap;
import org.portcullis.filter.persistence.Change;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.web.ApiError;
import org.portcullis.model.OneTimeCode;
import org.portcullis.model.TestDatabase;

/**
 * The one code store against a real database (H2, and PostgreSQL and MariaDB with {@code -Dgroups=database}):
 * only an HMAC is stored, five tries kill a code (also when they come at once), a right code is consumed
 * once whatever the number of parallel redemptions, a new code kills the old, a code lives {@code ttl},
 * and the six digits are uniform, leading zeros included.
 */
@Tag("database")
class OneTimeCodesTest {

    private static final String HANDLE = "ada@example.org";
    private static final String USER = "0a000000-0000-4000-8000-00000000000a";

    private final TestDatabase db = TestDatabase.fresh();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-03T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };
    private Database database;
    private OneTimeCodes codes;

    @BeforeEach
    void start() {
        PortcullisConfig config = PortcullisConfig.from(ParameterSource.of(Map.of("jdbc.url", db.url(), "jdbc.user",
                db.user(), "table.prefix", db.prefix())), "test");
        database = new Database(config, new Bootstrap(config, java.util.Set.of())::run, Clock.systemUTC());
        database.start();
        codes = new OneTimeCodes(database, clock);
    }

    @AfterEach
    void stop() throws SQLException {
        database.close();
        db.dropTables();
    }

    private String issue() {
        return database.inTransaction(Change.nothing(),
                em -> codes.issue(em, Purpose.ADD_EMAIL, HANDLE, USER, Duration.ofMinutes(10)));
    }

    private boolean redeem(String code) {
        try {
            return codes.redeem(Purpose.ADD_EMAIL, HANDLE, code, Change.nothing(), (em, issued) -> true);
        } catch (ApiError refused) {
            assertEquals("invalid_code", refused.code());
            assertEquals(400, refused.status());
            return false;
        }
    }

    private OneTimeCode row() {
        return database.read(em -> em.createQuery("select c from OneTimeCode c where c.handle = :h", OneTimeCode.class)
                .setParameter("h", HANDLE).getSingleResult());
    }

    private static String wrong(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }

    @Test
    void issueWhenStoredThenTheRowHoldsAnHmacOfSixtyFourHexDigitsAndNeverTheCode() {
        String code = issue();

        OneTimeCode row = row();
        assertTrue(code.matches("[0-9]{6}"), code);
        assertTrue(row.getCodeHmac().matches("[0-9a-f]{64}"), row.getCodeHmac());
        assertFalse(row.getCodeHmac().contains(code), "the stored value holds the code");
        assertEquals(USER, row.getUserId());
        assertEquals(now.get().plus(Duration.ofMinutes(10)), row.getExpiresAt());
    }

    @Test
    void redeemWhenTheRightCodeThenItsEffectRunsOnceAndAgainItIsInvalid() {
        String code = issue();

        assertTrue(redeem(code));
        assertFalse(redeem(code), "a used code");
        assertTrue(row().isUsed());
    }

    @Test
    void redeemWhenFiveWrongTriesThenTheRightOneFails() {
        String code = issue();
        for (int i = 0; i < OneTimeCodes.MAX_ATTEMPTS; i++) {
            assertFalse(redeem(wrong(code)));
        }

        assertFalse(redeem(code), "the sixth try, right as it is, finds the code dead");
        assertEquals(OneTimeCodes.MAX_ATTEMPTS, row().getAttempts());
        assertFalse(row().isUsed());
    }

    @Test
    void redeemWhenFourWrongTriesThenTheRightFifthStillWorks() {
        String code = issue();
        for (int i = 0; i < OneTimeCodes.MAX_ATTEMPTS - 1; i++) {
            assertFalse(redeem(wrong(code)));
        }

        assertTrue(redeem(code));
    }

    @Test
    void redeemWhenPastItsTimeToLiveThenInvalid() {
        String code = issue();
        now.set(now.get().plus(Duration.ofMinutes(10)));

        assertFalse(redeem(code));
    }

    @Test
    void issueWhenANewCodeForTheSameHandleThenTheOldOneDies() {
        String first = issue();
        String second = issue();
        if (first.equals(second)) { // one chance in a million: draw again
            second = issue();
        }

        assertFalse(redeem(first), "the first code");
        assertTrue(redeem(second));
        assertEquals(1L, (long) database.read(em -> em.createQuery("select count(c) from OneTimeCode c", Long.class)
                .getSingleResult()), "one live code per purpose and handle");
    }

    @Test
    void redeemWhenTwentyParallelRedemptionsOfOneValidCodeThenExactlyOneSucceeds() throws Exception {
        String code = issue();
        AtomicInteger effects = new AtomicInteger();

        List<Boolean> results = inParallel(20, i -> {
            try {
                return codes.redeem(Purpose.ADD_EMAIL, HANDLE, code, Change.nothing(), (em, issued) -> {
                    effects.incrementAndGet();
                    return true;
                });
            } catch (ApiError refused) {
                return false;
            }
        });

        assertEquals(1, results.stream().filter(b -> b).count(), results.toString());
        assertEquals(1, effects.get(), "the effect ran once");
    }

    private OneTimeCodes.Secrets issueWithLink() {
        return database.inTransaction(Change.nothing(),
                em -> codes.issueWithLink(em, Purpose.RESET_PASSWORD, HANDLE, USER, Duration.ofMinutes(10), true));
    }

    private boolean redeemLink(Purpose purpose, String token) {
        try {
            return codes.redeemLink(purpose, token, issued -> Change.nothing(), (em, issued) -> USER.equals(issued.userId())
                    && HANDLE.equals(issued.handle()));
        } catch (ApiError refused) {
            assertEquals("invalid_code", refused.code());
            return false;
        }
    }

    @Test
    void issueWithLinkWhenStoredThenTheRowHoldsTheTokensSha256AndTheLinkIs256RandomBits() {
        OneTimeCodes.Secrets secrets = issueWithLink();

        String token = secrets.link().orElseThrow();
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), token);
        assertEquals(32, java.util.Base64.getUrlDecoder().decode(token).length);
        OneTimeCode row = database.read(em -> em.createQuery("select c from OneTimeCode c", OneTimeCode.class)
                .getSingleResult());
        assertEquals(org.portcullis.filter.identity.OpaqueToken.hash(token), row.getLinkHash());
        assertFalse(row.getLinkHash().contains(token));
        assertFalse(secrets.toString().contains(token) || secrets.toString().contains(secrets.code()));
        assertNotEquals(token, issueWithLink().link().orElseThrow(), "a new link each time");
    }

    @Test
    void linkPurposeWhenLookedUpAnyNumberOfTimesThenNothingIsConsumedOrCounted() {
        String token = issueWithLink().link().orElseThrow();

        for (int i = 0; i < 20; i++) {
            assertEquals(java.util.Optional.of(Purpose.RESET_PASSWORD), codes.linkPurpose(token));
        }

        OneTimeCode row = database.read(em -> em.createQuery("select c from OneTimeCode c", OneTimeCode.class)
                .getSingleResult());
        assertFalse(row.isUsed());
        assertEquals(0, row.getAttempts());
        assertTrue(redeemLink(Purpose.RESET_PASSWORD, token), "still redeemable");
        assertEquals(java.util.Optional.empty(), codes.linkPurpose(token), "a used link has no purpose");
    }

    @Test
    void redeemLinkWhenOfAnotherPurposeExpiredUsedOrMadeUpThenInvalid() {
        OneTimeCodes.Secrets secrets = issueWithLink();
        String token = secrets.link().orElseThrow();

        assertFalse(redeemLink(Purpose.VERIFY_EMAIL, token), "a reset link does not verify");
        assertFalse(redeemLink(Purpose.RESET_PASSWORD, "A".repeat(43)), "made up");
        assertFalse(redeemLink(Purpose.RESET_PASSWORD, token + "x"), "not a token's shape");
        assertFalse(redeemLink(Purpose.RESET_PASSWORD, null));
        now.set(now.get().plus(Duration.ofMinutes(10)));
        assertFalse(redeemLink(Purpose.RESET_PASSWORD, token), "expired");
        assertEquals(java.util.Optional.empty(), codes.linkPurpose(token));
    }

    @Test
    void redeemLinkWhenTheCodeOfTheSameMailWasUsedThenTheLinkIsDeadAndTheOtherWayRound() {
        OneTimeCodes.Secrets first = issueWithLink();
        Boolean redeemed = codes.redeem(Purpose.RESET_PASSWORD, HANDLE, first.code(), Change.nothing(),
                (em, issued) -> Boolean.TRUE);
        assertTrue(redeemed);

        assertFalse(redeemLink(Purpose.RESET_PASSWORD, first.link().orElseThrow()));
        OneTimeCodes.Secrets second = issueWithLink();
        assertTrue(redeemLink(Purpose.RESET_PASSWORD, second.link().orElseThrow()));
        try {
            codes.redeem(Purpose.RESET_PASSWORD, HANDLE, second.code(), Change.nothing(), (em, issued) -> Boolean.TRUE);
            throw new AssertionError("the code of a used link worked");
        } catch (ApiError refused) {
            assertEquals("invalid_code", refused.code());
        }
    }

    @Test
    void redeemLinkWhenTwentyParallelRedemptionsThenExactlyOneSucceeds() throws Exception {
        String token = issueWithLink().link().orElseThrow();
        AtomicInteger effects = new AtomicInteger();

        List<Boolean> results = inParallel(20, i -> {
            try {
                return codes.redeemLink(Purpose.RESET_PASSWORD, token, issued -> Change.nothing(), (em, issued) -> {
                    effects.incrementAndGet();
                    return true;
                });
            } catch (ApiError refused) {
                return false;
            }
        });

        assertEquals(1, results.stream().filter(b -> b).count(), results.toString());
        assertEquals(1, effects.get());
    }

    @Test
    void killWhenAskedThenOnlyThatUsersCodesOfThosePurposesDie() {
        issue(); // ADD_EMAIL
        issueWithLink(); // RESET_PASSWORD

        database.inTransaction(Change.nothing(), em -> {
            OneTimeCodes.kill(em, USER, Purpose.RESET_PASSWORD);
            return null;
        });

        assertEquals(java.util.List.of("add_email"), database.read(em -> em.createQuery("select c.purpose from"
                + " OneTimeCode c", String.class).getResultList()));
    }

    @Test
    void redeemWhenFiftyParallelWrongGuessesThenAtMostFiveAreEvaluated() throws Exception {
        String code = issue();

        List<Boolean> results = inParallel(50, i -> redeem(String.format("%06d",
                (Integer.parseInt(code) + 1 + i) % 1_000_000)));

        assertTrue(results.stream().noneMatch(b -> b));
        assertEquals(OneTimeCodes.MAX_ATTEMPTS, row().getAttempts(), "tries counted, each before its compare");
        assertFalse(redeem(code), "and the right code after them is refused");
    }

    @Test
    void redeemWhenNotSixDigitsThenInvalidWithoutCountingATry() {
        issue();

        assertFalse(redeem("12345"));
        assertFalse(redeem("1234567"));
        assertFalse(redeem("12a456"));
        assertEquals(0, row().getAttempts());
    }

    @Test
    void hmacWhenPurposeOrHandleDiffersThenTheStoredValueDiffers() {
        String a = codes.hmac(Purpose.ADD_EMAIL, "a@example.org", "123456");

        assertNotEquals(a, codes.hmac(Purpose.ADD_EMAIL, "b@example.org", "123456"));
        assertNotEquals(a, codes.hmac(Purpose.ADD_EMAIL, "a@example.org", "123457"));
        assertEquals(a, codes.hmac(Purpose.ADD_EMAIL, "a@example.org", "123456"));
    }

    @Test
    void drawWhenAHundredThousandCodesThenEachDigitIsUniformInEachPlaceAndLeadingZerosAppear() {
        OneTimeCodes drawn = new OneTimeCodes(database, clock, new Random(20));
        int n = 100_000;
        int[][] counts = new int[6][10];
        int leadingZero = 0;
        for (int i = 0; i < n; i++) {
            String code = drawn.draw();
            assertEquals(6, code.length(), code);
            leadingZero += code.charAt(0) == '0' ? 1 : 0;
            for (int place = 0; place < 6; place++) {
                counts[place][code.charAt(place) - '0']++;
            }
        }
        for (int place = 0; place < 6; place++) {
            double chiSquare = 0;
            for (int digit = 0; digit < 10; digit++) {
                double expected = n / 10.0;
                chiSquare += Math.pow(counts[place][digit] - expected, 2) / expected;
            }
            assertTrue(chiSquare < 27.88, "place " + place + ": chi-square " + chiSquare + " (9 degrees, p = 0.001)");
        }
        assertTrue(leadingZero > 9_000 && leadingZero < 11_000, "codes starting with 0: " + leadingZero);
        assertEquals("000042", new OneTimeCodes(database, clock, new FixedDraw(42)).draw());
    }

    @Test
    void codesWhenMadeForProductionThenDrawnFromSecureRandom() throws Exception {
        java.lang.reflect.Field random = OneTimeCodes.class.getDeclaredField("random");
        random.setAccessible(true);

        assertEquals(java.security.SecureRandom.class, random.get(codes).getClass());
    }

    /** A generator whose {@code nextInt(bound)} is always {@code value}. */
    private static final class FixedDraw implements java.util.random.RandomGenerator {
        private final int value;

        FixedDraw(int value) {
            this.value = value;
        }

        @Override
        public long nextLong() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int nextInt(int bound) {
            return value;
        }
    }

    private static List<Boolean> inParallel(int threads, java.util.function.IntFunction<Boolean> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    return task.apply(n);
                }));
            }
            go.countDown();
            List<Boolean> out = new ArrayList<>();
            for (Future<Boolean> future : futures) {
                out.add(future.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
