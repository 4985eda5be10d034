package org.portcullis.filter.identity;

import java.lang.ref.WeakReference;
import org.portcullis.filter.tenancy.Tenant;

/**
 * The identities resolved for the last header and cookie values, remembered by the very
 * {@code String} object the container handed over. Jetty keeps the fields of a keep-alive connection
 * and hands the same {@code Authorization} value object to each of its requests; when a request
 * carries that object again, it carries the same characters (strings never change), so its token need
 * neither be scanned nor hashed nor looked up again. Only what the rows it was decided from still
 * stand for is taken on trust, and only as the caches would: no change to a token, account,
 * membership or permission committed on this node since ({@code AccessCache.changesWithTokens}), not
 * past {@code cache.ttl} from the oldest row read (the token's revocation, its account), and not at or
 * past the token's {@code exp}. The identity found is used only for a request of its own tenant: the
 * same characters presented to another tenant are decided afresh.
 *
 * <p>A container that makes a new string for every request (Tomcat) simply never finds one. Values are
 * held by weak references, so no token is kept alive here; the table has a fixed number of slots, each value
 * may take one of two neighbouring ones, and a slot held by a value still in use by another connection
 * is left to it.
 */
final class RecentIdentities {

    /** Slots in the table; a power of two. */
    static final int SLOTS = 1024;

    /**
     * One value: where its token stands in it, the identity decided for it, and what that decision
     * must still match: the count of changes when its rows were read, and until when (ticker nanos)
     * those rows stand for the database.
     */
    private record Remembered(WeakReference<String> value, long range, Identity identity, long changes, long until,
                              long expiresAtMillis) {
    }

    private final Remembered[] slots = new Remembered[SLOTS];

    /** The first of the two slots a value may take: the other is this one's neighbour ({@code slot ^ 1}). */
    private static int slot(String value) {
        return System.identityHashCode(value) & (SLOTS - 1);
    }

    /** What is remembered for this very object, or null. */
    private Remembered of(String value) {
        int at = slot(value);
        Remembered known = slots[at]; // a record's fields are final: safe to read unsynchronised
        if (known != null && known.value().get() == value) {
            return known;
        }
        known = slots[at ^ 1];
        return known != null && known.value().get() == value ? known : null;
    }

    /**
     * Where the token stands in this {@code Authorization} value, packed as {@code start << 32 | end},
     * or -1 when there is none; see {@link PresentedToken#bearerRange}.
     */
    long bearerRange(String header) {
        Remembered known = of(header);
        return known != null && known.identity().authType().orElse(null) == AuthType.BEARER
                ? known.range() : PresentedToken.bearerRange(header);
    }

    /**
     * The identity decided for this very token object, if that decision still holds.
     *
     * @param tenant the request's tenant
     * @param changes {@code AccessCache.changesWithTokens()} now
     * @param now the cache ticker's reading now
     * @param nowMillis the wall clock now, for the token's expiry
     */
    Identity identity(PresentedToken presented, Tenant tenant, long changes, long now, long nowMillis) {
        Remembered known = of(presented.source());
        if (known == null || !known.identity().tenant().equals(tenant) || known.changes() != changes || now - known.until() >= 0
                || nowMillis >= known.expiresAtMillis() || known.identity().authType().orElse(null) != presented.authType()) {
            return null;
        }
        return known.identity();
    }

    /**
     * Remembers the user {@code identity} decided for {@code presented}, unless its slot is held by
     * another value still in use and still good.
     */
    void remember(PresentedToken presented, Identity identity, long changes, long until, long now) {
        String value = presented.source();
        int at = slot(value);
        if (heldByAnother(slots[at], value, changes, now)) {
            at ^= 1; // two connections whose values share a slot both stay remembered
            if (heldByAnother(slots[at], value, changes, now)) {
                return;
            }
        }
        long range = (long) presented.start() << 32 | presented.end();
        slots[at] = new Remembered(new WeakReference<>(value), range, identity, changes, until,
                identity.tokenExpiresAt().orElseThrow().toEpochMilli());
    }

    /** Whether {@code held} is another value's, still in use and still good: then it keeps its slot. */
    private static boolean heldByAnother(Remembered held, String value, long changes, long now) {
        if (held == null) {
            return false;
        }
        String other = held.value().get();
        return other != null && other != value && held.changes() == changes && now - held.until() < 0;
    }
}
