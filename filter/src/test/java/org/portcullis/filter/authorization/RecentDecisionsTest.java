package org.portcullis.filter.authorization;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portcullis.filter.tenancy.Tenant.DEFAULT;

import java.util.Optional;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;
import org.portcullis.filter.routing.Route;
import org.portcullis.filter.routing.RoutePattern;
import org.portcullis.filter.tenancy.Tenant;

/**
 * {@link RecentDecisions} lets through only exactly what it was told, and only while the count of
 * changes and the rows' time hold: every part of the key, the count and the moment are changed in turn.
 * {@code GuardTest} drives it through the guard on a real database.
 */
class RecentDecisionsTest {

    private static final Route NOTE = new Route(RoutePattern.parse("/notes/{id}"), "note", Optional.empty());
    private static final Route NOTES = new Route(RoutePattern.parse("/notes"), "note", Optional.empty());
    private static final long CHANGES = 7;
    private static final long UNTIL = 1_000;

    private final RecentDecisions decisions = new RecentDecisions();

    @Test
    void passesWhenExactlyWhatWasLetThroughComesAgainThenTrue() {
        decisions.remember(DEFAULT, "alice", NOTE, "1", "GET", CHANGES, UNTIL);

        assertTrue(decisions.passes(DEFAULT, "alice", NOTE, "1", "GET", CHANGES, UNTIL - 1));
        assertTrue(decisions.passes(DEFAULT, new String("alice"), NOTE, new String("1"), "GET", CHANGES, 0),
                "equal ids in other objects");
    }

    @Test
    void passesWhenTheSameRequestComesInAnotherTenantThenFalse() {
        decisions.remember(DEFAULT, "alice", NOTE, "1", "GET", CHANGES, UNTIL);
        decisions.remember(DEFAULT, null, NOTE, "2", "GET", CHANGES, UNTIL);

        assertFalse(decisions.passes(new Tenant("other"), "alice", NOTE, "1", "GET", CHANGES, 0), "another tenant's caller");
        assertFalse(decisions.passes(new Tenant("other"), null, NOTE, "2", "GET", CHANGES, 0),
                "another tenant's guest, and its instance 2");
        assertTrue(decisions.passes(DEFAULT, null, NOTE, "2", "GET", CHANGES, 0), "the control");
    }

    /** The first of {@code prefix + i} that falls on {@code slot}: another key meeting the remembered one. */
    private static String meeting(int slot, String prefix, ToIntFunction<String> slotOf) {
        for (int i = 0; ; i++) {
            if (slotOf.applyAsInt(prefix + i) == slot) {
                return prefix + i;
            }
        }
    }

    @Test
    void passesWhenAnyPartOfTheRequestDiffersThenFalse() {
        decisions.remember(DEFAULT, "alice", NOTE, "1", "GET", CHANGES, UNTIL);

        assertFalse(decisions.passes(DEFAULT, "bob", NOTE, "1", "GET", CHANGES, 0), "another caller");
        assertFalse(decisions.passes(DEFAULT, null, NOTE, "1", "GET", CHANGES, 0), "a guest");
        assertFalse(decisions.passes(DEFAULT, "alice", NOTE, "2", "GET", CHANGES, 0), "another instance");
        assertFalse(decisions.passes(DEFAULT, "alice", NOTE, null, "GET", CHANGES, 0), "the collection");
        assertFalse(decisions.passes(DEFAULT, "alice", NOTES, "1", "GET", CHANGES, 0), "another route");
        assertFalse(decisions.passes(DEFAULT, "alice", new Route(RoutePattern.parse("/notes/{id}"), "note", Optional.empty()),
                "1", "GET", CHANGES, 0), "an equal route that is not the table's: not trusted");
        assertFalse(decisions.passes(DEFAULT, "alice", NOTE, "1", "PUT", CHANGES, 0), "another method");
        assertFalse(decisions.passes(DEFAULT, "alice", NOTE, "1", "get", CHANGES, 0), "another spelling of the method");
    }

    @Test
    void passesWhenAnotherRequestFallsOnTheSameSlotThenFalse() {
        decisions.remember(DEFAULT, "alice", NOTE, "1", "GET", CHANGES, UNTIL);
        int slot = RecentDecisions.slot(DEFAULT, "alice", NOTE, "1", "GET");

        String user = meeting(slot, "user", u -> RecentDecisions.slot(DEFAULT, u, NOTE, "1", "GET"));
        String instance = meeting(slot, "n", i -> RecentDecisions.slot(DEFAULT, "alice", NOTE, i, "GET"));
        String method = meeting(slot, "M", m -> RecentDecisions.slot(DEFAULT, "alice", NOTE, "1", m));
        assertFalse(decisions.passes(DEFAULT, user, NOTE, "1", "GET", CHANGES, 0), "another caller on the slot");
        assertFalse(decisions.passes(DEFAULT, "alice", NOTE, instance, "GET", CHANGES, 0), "another instance on the slot");
        assertFalse(decisions.passes(DEFAULT, "alice", NOTE, "1", method, CHANGES, 0), "another method on the slot");
        assertTrue(decisions.passes(DEFAULT, "alice", NOTE, "1", "GET", CHANGES, 0), "still alice's");

        decisions.remember(DEFAULT, user, NOTE, "1", "GET", CHANGES, UNTIL);
        assertTrue(decisions.passes(DEFAULT, user, NOTE, "1", "GET", CHANGES, 0));
        assertFalse(decisions.passes(DEFAULT, "alice", NOTE, "1", "GET", CHANGES, 0), "replaced: decided anew");
    }

    @Test
    void passesWhenSomethingChangedOrTheRowsAreTooOldThenFalse() {
        decisions.remember(DEFAULT, "alice", NOTE, "1", "GET", CHANGES, UNTIL);

        assertFalse(decisions.passes(DEFAULT, "alice", NOTE, "1", "GET", CHANGES + 1, 0), "a change committed on this node");
        assertFalse(decisions.passes(DEFAULT, "alice", NOTE, "1", "GET", CHANGES, UNTIL), "the oldest row's cache.ttl is up");
        assertFalse(decisions.passes(DEFAULT, "alice", NOTE, "1", "GET", CHANGES, UNTIL + 1));
    }

    @Test
    void passesWhenTheTickerWrapsThenStillMeasuredByDifference() {
        long until = Long.MIN_VALUE + 10; // ten nanoseconds after Long.MAX_VALUE on a wrapping ticker
        decisions.remember(DEFAULT, "alice", NOTE, "1", "GET", CHANGES, until);

        assertTrue(decisions.passes(DEFAULT, "alice", NOTE, "1", "GET", CHANGES, Long.MAX_VALUE));
        assertFalse(decisions.passes(DEFAULT, "alice", NOTE, "1", "GET", CHANGES, until));
    }

    @Test
    void rememberWhenTheMethodNameIsLongThenNotKept() {
        String invented = "X".repeat(RecentDecisions.LONGEST_METHOD + 1); // a route naming its permission takes any method
        decisions.remember(DEFAULT, "alice", NOTE, "1", invented, CHANGES, UNTIL);
        decisions.remember(DEFAULT, "alice", NOTE, "1", "PROPPATCH", CHANGES, UNTIL);

        assertFalse(decisions.passes(DEFAULT, "alice", NOTE, "1", invented, CHANGES, 0));
        assertTrue(decisions.passes(DEFAULT, "alice", NOTE, "1", "PROPPATCH", CHANGES, 0));
    }

    @Test
    void passesWhenAGuestWasLetThroughThenOnlyGuests() {
        decisions.remember(DEFAULT, null, NOTES, null, "GET", CHANGES, UNTIL);

        assertTrue(decisions.passes(DEFAULT, null, NOTES, null, "GET", CHANGES, 0));
        assertFalse(decisions.passes(DEFAULT, "alice", NOTES, null, "GET", CHANGES, 0));
    }

    @Test
    void passesWhenManyDecisionsShareTheTableThenNoneIsTakenForAnother() {
        for (int i = 0; i < 4 * RecentDecisions.SLOTS; i++) {
            decisions.remember(DEFAULT, "user" + i, NOTE, "1", "GET", CHANGES, UNTIL);
        }
        int remembered = 0;
        for (int i = 0; i < 4 * RecentDecisions.SLOTS; i++) {
            remembered += decisions.passes(DEFAULT, "user" + i, NOTE, "1", "GET", CHANGES, 0) ? 1 : 0;
            assertFalse(decisions.passes(DEFAULT, "user" + i, NOTE, "2", "GET", CHANGES, 0));
            assertFalse(decisions.passes(DEFAULT, "other" + i, NOTE, "1", "GET", CHANGES, 0));
        }
        assertTrue(remembered > 0 && remembered <= RecentDecisions.SLOTS, "bounded: " + remembered);
    }
}
