package org.portcullis.filter.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.portcullis.filter.web.ApiError;
import org.portcullis.model.UserAccount;
import org.portcullis.model.UserStatus;

/** The parts of {@link AccountLifecycle} that need no database: the status names and the retention's edge. */
class AccountLifecycleTest {

    private static final Instant DELETED_AT = Instant.parse("2026-12-03T12:00:00Z");
    private final AccountLifecycle lifecycle = new AccountLifecycle(Duration.ofDays(30));

    @Test
    void parseStatusWhenEveryStateNameOrTheWaveOneAliasThenThatStatus() {
        assertEquals(UserStatus.ACTIVE, AccountLifecycle.parseStatus("active"));
        assertEquals(UserStatus.INACTIVE, AccountLifecycle.parseStatus("inactive"));
        assertEquals(UserStatus.INACTIVE, AccountLifecycle.parseStatus("disabled"), "wave 1's name");
        assertEquals(UserStatus.PENDING_APPROVAL, AccountLifecycle.parseStatus("pending_approval"));
        assertEquals(UserStatus.PENDING_VERIFICATION, AccountLifecycle.parseStatus("pending_verification"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"deleted", "DELETED", "Active", "banned", "", "0", "active "})
    void parseStatusWhenDeletedOrNoStateNameThen400BadStatus(String code) {
        ApiError refused = assertThrows(ApiError.class, () -> AccountLifecycle.parseStatus(code));

        assertEquals(400, refused.status());
        assertEquals("bad_status", refused.code());
    }

    @Test
    void restorableWhenWithinTheRetentionThenTrueAndFromItsLastInstantOnFalse() {
        UserAccount user = new UserAccount("ada@example.com", "Ada", null);
        user.setStatus(UserStatus.DELETED);
        user.setDeletedAt(DELETED_AT);

        assertTrue(lifecycle.restorable(user, DELETED_AT));
        assertTrue(lifecycle.restorable(user, DELETED_AT.plus(Duration.ofDays(30)).minusMillis(1)));
        assertFalse(lifecycle.restorable(user, DELETED_AT.plus(Duration.ofDays(30))));
    }

    @Test
    void restorableWhenNotDeletedOrWithoutADeletionTimeThenFalse() {
        UserAccount active = new UserAccount("ada@example.com", "Ada", null);
        UserAccount noTime = new UserAccount("bob@example.com", "Bob", null);
        noTime.setStatus(UserStatus.DELETED);

        assertFalse(lifecycle.restorable(active, DELETED_AT));
        assertFalse(lifecycle.restorable(noTime, DELETED_AT), "a deleted account of unknown age is not restored");
    }
}
