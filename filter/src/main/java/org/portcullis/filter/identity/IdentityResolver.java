package org.portcullis.filter.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.function.Supplier;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.persistence.Revocations;
import org.portcullis.model.UserAccount;

/**
 * Turns a request into an {@link Identity}: a token that is well formed, correctly signed, current,
 * not revoked and belongs to an active user makes the request that user's; anything else makes it a
 * guest's. Only a database that cannot answer is an error ({@code DatabaseUnavailableException}):
 * we cannot tell whether the token was revoked, so we neither accept nor reject it.
 */
public final class IdentityResolver {

    private final Supplier<TokenService> tokens;
    private final Database database;
    private final String cookieName;

    public IdentityResolver(Supplier<TokenService> tokens, Database database, String cookieName) {
        this.tokens = tokens;
        this.database = database;
        this.cookieName = cookieName;
    }

    public Identity resolve(HttpServletRequest request) {
        Optional<PresentedToken> presented = PresentedToken.of(request, cookieName);
        if (presented.isEmpty()) {
            return Identity.guest();
        }
        Optional<TokenService.VerifiedToken> verified = tokens.get().verify(presented.get().token());
        if (verified.isEmpty()) {
            return Identity.guest();
        }
        TokenService.VerifiedToken token = verified.get();
        AuthType authType = presented.get().authType();
        return database.read(em -> {
            if (Revocations.isRevoked(em, token.tokenId())) {
                return Identity.guest();
            }
            UserAccount user = em.find(UserAccount.class, token.userId());
            if (user == null || !user.isActive()) {
                return Identity.guest();
            }
            return Identity.user(user.getId(), user.getEmail(), user.getName(), authType, token.tokenId(),
                    token.expiresAt());
        });
    }
}
