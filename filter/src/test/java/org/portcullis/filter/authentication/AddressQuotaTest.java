package org.portcullis.filter.authentication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.portcullis.filter.testing.TestClock;

/** {@code anonymous.per.address}: so many per address in the window, then a wait; other addresses unaffected. */
class AddressQuotaTest {

    private final TestClock clock = new TestClock();
    private final AddressQuota quota = AddressQuota.inMemory(2, Duration.ofHours(1), clock);

    @Test
    void takeWhenTheLimitIsReachedThenTheNextWaitsUntilTheWindowCloses() {
        assertEquals(Duration.ZERO, quota.take("192.0.2.1"));
        assertEquals(Duration.ZERO, quota.take("192.0.2.1"));

        Duration wait = quota.take("192.0.2.1");

        assertTrue(wait.compareTo(Duration.ofMinutes(59)) > 0 && wait.compareTo(Duration.ofHours(1)) <= 0, wait.toString());
        assertEquals(Duration.ZERO, quota.take("192.0.2.2"), "another address has its own count");
        clock.advance(Duration.ofHours(1));
        assertEquals(Duration.ZERO, quota.take("192.0.2.1"), "a new window");
    }

    @Test
    void giveBackWhenNothingWasMadeThenTheCountIsReturned() {
        quota.take("192.0.2.9");
        quota.take("192.0.2.9");
        quota.giveBack("192.0.2.9");

        assertEquals(Duration.ZERO, quota.take("192.0.2.9"));
        assertTrue(quota.take("192.0.2.9").compareTo(Duration.ZERO) > 0);
    }
}
