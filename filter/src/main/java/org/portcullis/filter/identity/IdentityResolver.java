package org.portcullis.filter.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.portcullis.filter.persistence.AccessCache;

/**
 * Turns a request into an {@link Identity}: a token that is well formed, correctly signed, current,
 * not revoked, issued after its user last signed out everywhere (or changed their password) and
 * belongs to an active user makes the request that user's; anything else makes it a
 * guest's. Only a database that cannot answer is an error ({@code DatabaseUnavailableException}):
 * we cannot tell whether the token was revoked, so we neither accept nor reject it.
 *
 * <p>A token seen before is not verified again ({@link VerifiedTokens}), and its revocation and its
 * user's account come from {@link AccessCache}: a request with a cached token reaches neither the
 * signature code nor the database. A sign-out on this node counts at once; on another node within
 * {@code cache.ttl}.
 */
public final class IdentityResolver {

    private final VerifiedTokens tokens;
    private final AccessCache access;
    private final String cookieName;

    public IdentityResolver(VerifiedTokens tokens, AccessCache access, String cookieName) {
        this.tokens = tokens;
        this.access = access;
        this.cookieName = cookieName;
    }

    public Identity resolve(HttpServletRequest request) {
        Optional<PresentedToken> presented = PresentedToken.of(request, cookieName);
        if (presented.isEmpty()) {
            return Identity.guest();
        }
        Optional<TokenService.VerifiedToken> verified = tokens.verify(presented.get().token());
        if (verified.isEmpty()) {
            return Identity.guest();
        }
        TokenService.VerifiedToken token = verified.get();
        if (access.isRevoked(token.tokenId())) {
            return Identity.guest();
        }
        return access.activeAccount(token.userId())
                // Signed out everywhere, or the password changed, after this token was issued.
                .filter(user -> !token.issuedAt().isBefore(user.tokensValidAfter()))
                .map(user -> Identity.user(user.id(), user.email(), user.name(), presented.get().authType(),
                        token.tokenId(), token.expiresAt()))
                .orElse(Identity.guest());
    }
}
