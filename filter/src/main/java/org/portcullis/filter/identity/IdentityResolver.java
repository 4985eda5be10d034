package org.portcullis.filter.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Optional;
import org.portcullis.filter.persistence.AccessCache;
import org.portcullis.filter.persistence.Fresh;
import org.portcullis.filter.tenancy.Tenant;

/**
 * Turns a request into an {@link Identity}: a token that is well formed, correctly signed, current,
 * not revoked, issued after its user last signed out everywhere (or changed their password) and
 * belongs to an active user makes the request that user's; anything else makes it a
 * guest's. Only a database that cannot answer is an error ({@code DatabaseUnavailableException}):
 * we cannot tell whether the token was revoked, so we neither accept nor reject it.
 *
 * <p>A token seen before is not verified again ({@link VerifiedTokens}), and its revocation and its
 * user's account come from {@link AccessCache}: a request with a cached token reaches neither the
 * signature code nor the database. A request that carries the very value object an earlier one did
 * (Jetty's keep-alive connections) gets the identity decided then, for as long as its rows would
 * have been used ({@link RecentIdentities}). A sign-out on this node counts at once; on another node
 * within {@code cache.ttl}.
 *
 * <p>An account whose {@code api_access} is off is still identified ({@link Identity#apiAccess()} is
 * {@code false}): Portcullis' own endpoints know it, and the filter makes it a guest on the host's routes.
 *
 * <p>A token whose {@code tid} names another tenant than the request's makes a guest of that request's
 * tenant, as a token of another site would. Today every request is the default tenant's.
 */
public final class IdentityResolver {

    private final VerifiedTokens tokens;
    private final AccessCache access;
    private final String cookieName;
    private final Clock clock;
    /** Null when caching is off: then every request is decided from the database. */
    private final RecentIdentities recent;

    public IdentityResolver(VerifiedTokens tokens, AccessCache access, String cookieName, Clock clock, boolean cached) {
        this.tokens = tokens;
        this.access = access;
        this.cookieName = cookieName;
        this.clock = clock;
        this.recent = cached ? new RecentIdentities() : null;
    }

    /** Who this request of the default tenant is. */
    public Identity resolve(HttpServletRequest request) {
        return resolve(request, Tenant.DEFAULT);
    }

    /** Who this request of {@code tenant} is: a user of that tenant, or its guest. */
    public Identity resolve(HttpServletRequest request, Tenant tenant) {
        Optional<PresentedToken> found = recent == null ? PresentedToken.of(request, cookieName)
                : PresentedToken.of(request, cookieName, recent::bearerRange);
        if (found.isEmpty()) {
            return Identity.guest(tenant);
        }
        PresentedToken presented = found.get();
        long changes = 0;
        if (recent != null) {
            changes = access.changesWithTokens(); // before any row is read
            Identity known = recent.identity(presented, tenant, changes, access.now(), clock.millis());
            if (known != null) {
                return known;
            }
        }
        Optional<TokenService.VerifiedToken> verified = tokens.verify(presented);
        if (verified.isEmpty() || !verified.get().tenant().equals(tenant)) {
            return Identity.guest(tenant);
        }
        TokenService.VerifiedToken token = verified.get();
        Fresh<Boolean> revoked = access.freshRevoked(token.tokenId());
        if (revoked.value()) {
            return Identity.guest(tenant);
        }
        Fresh<Optional<AccessCache.Account>> account = access.freshActiveAccount(token.userId());
        Optional<AccessCache.Account> user = account.value()
                // Signed out everywhere, or the password changed, after this token was issued.
                .filter(u -> !token.issuedAt().isBefore(u.tokensValidAfter()));
        if (user.isEmpty()) {
            return Identity.guest(tenant);
        }
        Identity identity = Identity.user(tenant, user.get().id(), user.get().email(), user.get().name(), presented.authType(),
                token.tokenId(), token.expiresAt());
        if (!user.get().apiAccess()) {
            identity = identity.withoutApiAccess();
        }
        if (recent != null && access.changesWithTokens() == changes) {
            recent.remember(presented, identity, changes, account.until(revoked.until()), access.now());
        }
        return identity;
    }
}
