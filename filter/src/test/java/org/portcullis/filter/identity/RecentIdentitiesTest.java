package org.portcullis.filter.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.portcullis.filter.tenancy.Tenant;

/**
 * The table of identities by value object: an identity is handed back only for the very same object,
 * with the same count of changes, before its rows' time and its token's expiry, and for the same way
 * of presenting it. Each test tries one way around one of these.
 */
class RecentIdentitiesTest {

    private static final long CHANGES = 7;
    private static final long UNTIL = 5_000;
    private static final Instant EXPIRES = Instant.ofEpochMilli(1_000_000);

    private final RecentIdentities recent = new RecentIdentities();
    /** A header value made at run time, so that no other string is the same object. */
    private final String header = new String("Bearer a.b.c".toCharArray());
    private final PresentedToken presented = bearer(header);
    private final Identity ada = Identity.user("u1", "ada@example.com", "Ada", AuthType.BEARER, "t1", EXPIRES);

    private static PresentedToken bearer(String header) {
        return PresentedToken.bearer(header, PresentedToken.bearerRange(header));
    }

    @Test
    void identityWhenTheSameObjectComesAgainThenWhatWasDecidedThen() {
        recent.remember(presented, ada, CHANGES, UNTIL, 0);

        assertSame(ada, recent.identity(bearer(header), Tenant.DEFAULT, CHANGES, UNTIL - 1, EXPIRES.toEpochMilli() - 1));
        assertEquals(PresentedToken.bearerRange(header), recent.bearerRange(header), "its token is where it was");
    }

    @Test
    void identityWhenAnEqualValueInAnotherObjectComesThenNothing() {
        recent.remember(presented, ada, CHANGES, UNTIL, 0);
        String equal = new String(header.toCharArray());

        assertNull(recent.identity(bearer(equal), Tenant.DEFAULT, CHANGES, 0, 0), "equal characters are checked in full, not trusted");
    }

    @Test
    void identityWhenAnythingChangedOnThisNodeSinceThenNothing() {
        recent.remember(presented, ada, CHANGES, UNTIL, 0);

        assertNull(recent.identity(presented, Tenant.DEFAULT, CHANGES + 1, 0, 0));
    }

    @Test
    void identityWhenTheRowsTimeHasPassedThenNothing() {
        recent.remember(presented, ada, CHANGES, UNTIL, 0);

        assertNull(recent.identity(presented, Tenant.DEFAULT, CHANGES, UNTIL, 0), "not at the moment the rows run out");
        assertNull(recent.identity(presented, Tenant.DEFAULT, CHANGES, UNTIL + 1, 0));
    }

    @Test
    void identityWhenTheTokenHasExpiredThenNothing() {
        recent.remember(presented, ada, CHANGES, UNTIL, 0);

        assertNull(recent.identity(presented, Tenant.DEFAULT, CHANGES, 0, EXPIRES.toEpochMilli()), "not at exp");
    }

    @Test
    void identityWhenTheSameObjectIsPresentedAnotherWayThenNothing() {
        recent.remember(presented, ada, CHANGES, UNTIL, 0);
        PresentedToken asCookie = new PresentedToken(header, AuthType.COOKIE);

        assertNull(recent.identity(asCookie, Tenant.DEFAULT, CHANGES, 0, 0));
    }

    @Test
    void identityWhenTheSameObjectComesInAnotherTenantThenNothing() {
        recent.remember(presented, ada, CHANGES, UNTIL, 0);

        assertNull(recent.identity(presented, new Tenant("other"), CHANGES, 0, 0),
                "what was decided for the default tenant is not another tenant's");
    }

    /** A value made at run time whose first slot is {@code value}'s: it must take the neighbour. */
    private static String sameSlotAs(String value) {
        String other;
        do {
            other = new String(value.toCharArray());
        } while ((System.identityHashCode(other) & (RecentIdentities.SLOTS - 1))
                != (System.identityHashCode(value) & (RecentIdentities.SLOTS - 1)));
        return other;
    }

    @Test
    void rememberWhenTwoValuesShareASlotThenBothAreRemembered() {
        String second = sameSlotAs(header);
        Identity bob = Identity.user("u2", "bob@example.com", "Bob", AuthType.BEARER, "t2", EXPIRES);

        recent.remember(presented, ada, CHANGES, UNTIL, 0);
        recent.remember(bearer(second), bob, CHANGES, UNTIL, 0);

        assertSame(ada, recent.identity(bearer(header), Tenant.DEFAULT, CHANGES, 0, 0));
        assertSame(bob, recent.identity(bearer(second), Tenant.DEFAULT, CHANGES, 0, 0));
    }

    @Test
    void rememberWhenBothSlotsAreHeldByOtherLiveValuesThenTheyKeepThem() {
        String second = sameSlotAs(header);
        String third = sameSlotAs(header);
        Identity bob = Identity.user("u2", "bob@example.com", "Bob", AuthType.BEARER, "t2", EXPIRES);
        Identity cy = Identity.user("u3", "cy@example.com", "Cy", AuthType.BEARER, "t3", EXPIRES);
        recent.remember(presented, ada, CHANGES, UNTIL, 0);
        recent.remember(bearer(second), bob, CHANGES, UNTIL, 0);

        recent.remember(bearer(third), cy, CHANGES, UNTIL, 0);
        assertNull(recent.identity(bearer(third), Tenant.DEFAULT, CHANGES, 0, 0));
        assertSame(ada, recent.identity(bearer(header), Tenant.DEFAULT, CHANGES, 0, 0));
        assertSame(bob, recent.identity(bearer(second), Tenant.DEFAULT, CHANGES, 0, 0));

        recent.remember(bearer(third), cy, CHANGES, 2 * UNTIL, UNTIL); // the others' rows have run out
        assertSame(cy, recent.identity(bearer(third), Tenant.DEFAULT, CHANGES, UNTIL, 0));
        assertNull(recent.identity(bearer(header), Tenant.DEFAULT, CHANGES, UNTIL, 0));
    }
}
