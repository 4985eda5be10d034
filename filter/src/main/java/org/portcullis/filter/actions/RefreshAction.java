package org.portcullis.filter.actions;

import java.time.Duration;
import java.util.function.Supplier;
import org.portcullis.filter.identity.TokenService;
import org.portcullis.filter.sessions.RefreshTokens;
import org.portcullis.filter.web.ApiError;
import org.portcullis.filter.web.TokenCookie;

/**
 * {@code user_account/refresh} with {@code refresh_token} (or the {@code refresh_token} cookie, which only this
 * action receives): a new access token and the next refresh token, by {@link RefreshTokens#rotate}'s rules. The
 * reply carries both as sign-in's does: {@code client.store.set} {@code token} and {@code refresh_token}, the
 * token cookie and the refresh cookie. Every refusal is 401 {@code invalid_refresh_token}. With refresh tokens
 * off ({@code refresh.absolute=PT0S}) the action is not registered: 404 {@code unknown_action}.
 *
 * <pre>{@code
 * POST /action/user_account/refresh   {"attributes":{"refresh_token":"<43 characters>"}}
 * }</pre>
 */
public final class RefreshAction implements Action {

    private final RefreshTokens families;
    private final Supplier<TokenService> tokens;
    private final TokenCookie cookie;
    private final Duration ttl;

    public RefreshAction(RefreshTokens families, Supplier<TokenService> tokens, TokenCookie cookie, Duration ttl) {
        this.families = families;
        this.tokens = tokens;
        this.cookie = cookie;
        this.ttl = ttl;
    }

    @Override
    public String entity() {
        return "user_account";
    }

    @Override
    public String name() {
        return "refresh";
    }

    @Override
    public Reply perform(ActionRequest request) {
        String presented = SignInReplies.presentedRefreshToken(request, cookie).orElseThrow(() -> new ApiError(401,
                "invalid_refresh_token", "Give 'refresh_token', or send the refresh_token cookie."));
        RefreshTokens.Rotation next = families.rotate(presented, user -> tokens.get().issue(user));
        return SignInReplies.tokens(Reply.ok(), next.access(), next.refresh(), cookie, request, ttl, families);
    }
}
