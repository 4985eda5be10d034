package org.portcullis.filter.authentication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.portcullis.filter.testing.TestClock;

class SigninThrottleTest {

    private static final String VICTIM = "victim@example.com";
    private final TestClock ticker = new TestClock();

    private SigninThrottle throttle(int freeFailures, Duration maxBackoff, int addressFailures) {
        return SigninThrottle.inMemory(new SigninThrottle.Limits(freeFailures, maxBackoff, addressFailures,
                Duration.ofMinutes(5)), ticker);
    }

    /** Fails {@code times} admitted attempts (each counts as a failure unless succeeded). */
    private static void fail(SigninThrottle throttle, String account, String address, int times) {
        for (int i = 0; i < times; i++) {
            assertEquals(Duration.ZERO, throttle.admit(account, address), "attempt " + (i + 1));
        }
    }

    @Test
    void admitWhenFreeFailuresAreUsedThenEachNextAttemptWaitsTwiceAsLongUpToTheCap() {
        SigninThrottle throttle = throttle(5, Duration.ofMinutes(1), 1000);
        fail(throttle, VICTIM, "10.0.0.1", 5);

        assertEquals(Duration.ofSeconds(1), throttle.admit(VICTIM, "10.0.0.1"));
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            Duration wait = throttle.admit(VICTIM, "10.0.0.1");
            waits.add(wait.toSeconds());
            ticker.advance(wait);
            assertEquals(Duration.ZERO, throttle.admit(VICTIM, "10.0.0.1"), "admitted once the wait is over");
        }
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L), waits);
    }

    @Test
    void admitWhenRefusedThenTheRefusalIsNotCountedAndDoesNotProlongTheWait() {
        SigninThrottle throttle = throttle(2, Duration.ofMinutes(1), 1000);
        fail(throttle, VICTIM, "10.0.0.1", 2);
        for (int i = 0; i < 50; i++) {
            assertEquals(Duration.ofSeconds(1), throttle.admit(VICTIM, "10.0.0.1"));
        }
        ticker.advance(Duration.ofSeconds(1));
        assertEquals(Duration.ZERO, throttle.admit(VICTIM, "10.0.0.1"));
        assertEquals(Duration.ofSeconds(2), throttle.admit(VICTIM, "10.0.0.1"), "the third failure, not the 53rd");
    }

    @Test
    void succeededWhenRightPasswordThenTheStreakIsReset() {
        SigninThrottle throttle = throttle(3, Duration.ofMinutes(1), 1000);
        fail(throttle, VICTIM, "10.0.0.1", 3);
        ticker.advance(Duration.ofSeconds(1));
        assertEquals(Duration.ZERO, throttle.admit(VICTIM, "10.0.0.1"));
        throttle.succeeded(VICTIM, "10.0.0.1");

        fail(throttle, VICTIM, "10.0.0.1", 3);
    }

    @Test
    void admitWhenAnotherAccountIsThrottledThenThisOneIsNot() {
        SigninThrottle throttle = throttle(3, Duration.ofMinutes(1), 1000);
        fail(throttle, VICTIM, "10.0.0.1", 3);
        assertTrue(throttle.admit(VICTIM, "10.0.0.1").toMillis() > 0);

        fail(throttle, "other@example.com", "10.0.0.1", 3);
    }

    @Test
    void admitWhenAttackerElsewhereKeepsTheAccountBackingOffThenTheOwnersKnownAddressStillGetsIn() {
        SigninThrottle throttle = throttle(5, Duration.ofMinutes(5), 1000);
        assertEquals(Duration.ZERO, throttle.admit(VICTIM, "192.0.2.10"));
        throttle.succeeded(VICTIM, "192.0.2.10"); // the owner, last week

        fail(throttle, VICTIM, "198.51.100.66", 5);
        assertTrue(throttle.admit(VICTIM, "198.51.100.66").toSeconds() >= 1, "the attacker backs off");
        assertTrue(throttle.admit(VICTIM, "203.0.113.7").toSeconds() >= 1, "so does any new address");

        assertEquals(Duration.ZERO, throttle.admit(VICTIM, "192.0.2.10"), "the owner's address is not locked out");
    }

    @Test
    void admitWhenOneAddressAlternatesAccountsThenTheAddressLimitStopsIt() {
        SigninThrottle throttle = throttle(5, Duration.ofMinutes(5), 20);
        for (int i = 0; i < 20; i++) {
            assertEquals(Duration.ZERO, throttle.admit("user" + i + "@example.com", "198.51.100.66"));
        }

        Duration wait = throttle.admit("fresh@example.com", "198.51.100.66");
        assertTrue(wait.compareTo(Duration.ZERO) > 0 && wait.compareTo(Duration.ofMinutes(5)) <= 0, wait.toString());
        assertEquals(Duration.ZERO, throttle.admit("fresh@example.com", "192.0.2.10"), "other addresses go on");
        ticker.advance(wait);
        assertEquals(Duration.ZERO, throttle.admit("fresh@example.com", "198.51.100.66"), "a new window opens");
    }

    @Test
    void succeededWhenAttackerSignsInToOwnAccountBetweenGuessesThenNeitherCounterIsWipedOut() {
        SigninThrottle throttle = throttle(5, Duration.ofMinutes(5), 10);
        int admittedGuesses = 0;
        for (int i = 0; i < 40; i++) {
            if (throttle.admit("user" + i + "@example.com", "198.51.100.66").isZero()) {
                admittedGuesses++;
            }
            if (throttle.admit("attacker@example.com", "198.51.100.66").isZero()) {
                throttle.succeeded("attacker@example.com", "198.51.100.66");
            }
        }
        assertEquals(10, admittedGuesses, "a success takes back only its own attempt");
    }

    @Test
    void admitWhenAttackerFailsAsFastAsAllowedForAnHourThenAtMost100FailuresWhateverTheSettings() {
        // The loosest settings allowed: 20 free failures, a 1-minute cap, no address limit to speak of.
        SigninThrottle throttle = throttle(20, Duration.ofMinutes(1), 1_000_000);
        assertEquals(Duration.ZERO, throttle.admit(VICTIM, "192.0.2.1"));
        throttle.succeeded(VICTIM, "192.0.2.1");
        assertEquals(Duration.ZERO, throttle.admit(VICTIM, "192.0.2.2"));
        throttle.succeeded(VICTIM, "192.0.2.2"); // two known addresses, each with a back-off of its own

        int failures = 0;
        Duration elapsed = Duration.ZERO;
        while (elapsed.compareTo(Duration.ofHours(1)) < 0) {
            boolean admitted = false;
            for (String address : new String[] {"198.51.100.1", "192.0.2.1", "192.0.2.2"}) {
                if (throttle.admit(VICTIM, address).isZero()) {
                    failures++;
                    admitted = true;
                }
            }
            if (!admitted) {
                ticker.advance(Duration.ofMillis(500));
                elapsed = elapsed.plusMillis(500);
            }
        }
        assertEquals(SigninThrottle.ACCOUNT_FAILURES_PER_HOUR, failures);
    }

    @Test
    void admitWhenOnlyUnknownAddressesAttackThenTheHourlyCeilingIsNeverReachedSoKnownAddressesStayOpen() {
        SigninThrottle throttle = throttle(20, Duration.ofMinutes(1), 1_000_000);
        int failures = 0;
        for (int step = 0; step < 7200; step++) {
            if (throttle.admit(VICTIM, "198.51.100." + (step % 250)).isZero()) {
                failures++;
            }
            ticker.advance(Duration.ofMillis(500));
        }
        assertTrue(failures < SigninThrottle.ACCOUNT_FAILURES_PER_HOUR, failures + " failures in an hour");
    }

    @Test
    void admitWhenManyGuessesArriveAtOnceThenOnlyTheFreeOnesAreAdmitted() throws Exception {
        SigninThrottle throttle = throttle(5, Duration.ofMinutes(5), 1000);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Callable<Boolean>> guesses = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                guesses.add(() -> {
                    start.await();
                    return throttle.admit(VICTIM, "198.51.100.66").isZero();
                });
            }
            List<Future<Boolean>> results = new ArrayList<>();
            for (Callable<Boolean> guess : guesses) {
                results.add(pool.submit(guess));
            }
            start.countDown();
            int admitted = 0;
            for (Future<Boolean> result : results) {
                admitted += result.get() ? 1 : 0;
            }
            assertEquals(5, admitted);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void abandonedWhenThePasswordWasNeverCheckedThenTheAttemptDoesNotCount() {
        SigninThrottle throttle = throttle(2, Duration.ofMinutes(1), 2);
        for (int i = 0; i < 10; i++) {
            assertEquals(Duration.ZERO, throttle.admit(VICTIM, "10.0.0.1"));
            throttle.abandoned(VICTIM, "10.0.0.1");
        }
        fail(throttle, VICTIM, "10.0.0.1", 2);
    }

    @Test
    void admitWhenAnHourPassesWithoutAttemptsThenTheStreakIsForgotten() {
        SigninThrottle throttle = throttle(3, Duration.ofMinutes(5), 1000);
        fail(throttle, VICTIM, "10.0.0.1", 3);
        ticker.advance(Backoff.MEMORY);

        fail(throttle, VICTIM, "10.0.0.1", 3);
    }
}
