package org.portcullis.filter.actions;

import java.time.Clock;
import org.portcullis.filter.identity.Identity;
import org.portcullis.filter.persistence.Change;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.persistence.Revocations;
import org.portcullis.filter.sessions.RefreshTokens;
import org.portcullis.filter.web.TokenCookie;

/**
 * {@code user_account/signout}: revokes the token the request carries (by its {@code jti}, so every
 * spelling of it dies), ends the refresh-token family that issued it (and the family of a
 * {@code refresh_token} given or in its cookie), and clears both cookies. A guest's sign-out just clears them.
 */
public final class SignoutAction implements Action {

    private final Database database;
    private final TokenCookie cookie;
    private final Clock clock;
    private final RefreshTokens families;

    public SignoutAction(Database database, TokenCookie cookie, Clock clock, RefreshTokens families) {
        this.database = database;
        this.cookie = cookie;
        this.families = families;
        this.clock = clock;
    }

    @Override
    public String entity() {
        return "user_account";
    }

    @Override
    public String name() {
        return "signout";
    }

    @Override
    public Reply perform(ActionRequest request) {
        Identity identity = request.identity();
        families.endFamilyOfToken(SignInReplies.presentedRefreshToken(request, cookie).orElse(null));
        if (!identity.isGuest()) {
            String tokenId = identity.tokenId().orElseThrow();
            database.inTransaction(Change.token(tokenId), em -> {
                Revocations.revoke(em, tokenId, identity.tokenExpiresAt().orElseThrow());
                Revocations.sweep(em, clock.instant());
                return null;
            });
            families.endFamilyOf(tokenId);
            families.sweep();
        }
        return signedOut(cookie, request, "Logged out", "/", 0);
    }

    /**
     * The reply of every action that ends this browser's session (sign-out, sign-out everywhere,
     * password change): the stored token and the cookie cleared, a notice, a redirect.
     */
    static Reply signedOut(TokenCookie cookie, ActionRequest request, String message, String location, int delay) {
        return Reply.ok()
                .cookieSet(cookie.name(), "")
                .notify("success", "Success", message)
                .redirect(request.link(location), delay)
                .setCookie(cookie.clear(request.contextPath(), request.secure()))
                .setCookie(cookie.refresh().clear(request.contextPath(), request.secure()));
    }
}
