package org.portcullis.filter.authorization;

import java.util.Objects;
import org.portcullis.filter.routing.Route;
import org.portcullis.filter.tenancy.Tenant;

/**
 * The last "let it through" decisions of the guard's before-checks, so that a caller asking the same
 * route for the same instance with the same method again is let through without the subject, the
 * {@code world} row and the instance row being looked up and the rule being applied again.
 *
 * <p>Only a decision that let the request straight through to the host is kept: never a refusal, and
 * never a request whose after-checks act on the reply (a create, a delete, a collection read). It is
 * reused only while it would have been decided the same way from the caches: the same tenant and
 * caller (user id, or guest: a guest of another tenant is another caller, and so is its instance), route, instance id and method; no change to an account, membership, {@code world} row or
 * instance row (their group links and named-user entries included: each is a {@code Change} of its row)
 * committed on this node since its rows were read ({@code AccessCache.changes()}, counted
 * before they were read); and not past the moment the oldest of those rows stops standing for the
 * database ({@code cache.ttl}), so that a change made on another node counts within the time-to-live as
 * it does for every check. Who the caller is was decided for this request already: a revoked token or a
 * disabled account makes a guest before the guard is asked.
 *
 * <p>A fixed number of slots, each holding one decision and replaced by the next that falls on it: no
 * growth, and nothing but user ids, routes and instance ids held.
 */
final class RecentDecisions {

    /** Slots in the table; a power of two. */
    static final int SLOTS = 1024;
    /** Longest method name remembered ({@code PROPPATCH} and its kin fit). */
    static final int LONGEST_METHOD = 16;

    /**
     * One decision and what it must still match: the count of changes before its rows were read, and
     * until when (the cache's ticker) those rows stand for the database.
     */
    private record Passed(Tenant tenant, String userId, Route route, String instanceId, String method, long changes, long until) {
    }

    private final Passed[] slots = new Passed[SLOTS];

    /** The slot of a decision; package-private so that tests can make two decisions meet on one. */
    static int slot(Tenant tenant, String userId, Route route, String instanceId, String method) {
        int hash = System.identityHashCode(route);
        hash = 31 * hash + tenant.code().hashCode();
        hash = 31 * hash + (userId == null ? 0 : userId.hashCode());
        hash = 31 * hash + (instanceId == null ? 0 : instanceId.hashCode());
        hash = 31 * hash + method.hashCode();
        return (hash ^ hash >>> 16) & (SLOTS - 1);
    }

    /**
     * Whether the guard let exactly this request through before, and that decision still holds.
     *
     * @param tenant the request's tenant
     * @param userId the caller, null for a guest
     * @param instanceId the instance the path names, null for a collection or prefix route
     * @param changes {@code AccessCache.changes()} now
     * @param now the cache ticker's reading now
     */
    boolean passes(Tenant tenant, String userId, Route route, String instanceId, String method, long changes,
                   long now) {
        Passed known = slots[slot(tenant, userId, route, instanceId, method)]; // a record's fields are final: safe to read unsynchronised
        return known != null && known.route() == route && known.changes() == changes && now - known.until() < 0
                && known.tenant().equals(tenant) && Objects.equals(known.userId(), userId)
                && Objects.equals(known.instanceId(), instanceId) && known.method().equals(method);
    }

    /**
     * Remembers that the guard let this request through.
     *
     * @param changes {@code AccessCache.changes()} read before any of the deciding rows was read
     * @param until the earliest moment any of those rows stops standing for the database
     */
    void remember(Tenant tenant, String userId, Route route, String instanceId, String method, long changes,
                  long until) {
        if (method.length() > LONGEST_METHOD) {
            return; // a route that names its permission takes any method: keep the table's memory small
        }
        slots[slot(tenant, userId, route, instanceId, method)] = new Passed(tenant, userId, route, instanceId, method, changes, until);
    }
}
