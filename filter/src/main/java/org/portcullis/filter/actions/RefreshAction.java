package org.portcullis.filter.actions;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.portcullis.filter.identity.TokenService;
import org.portcullis.filter.sessions.RefreshTokens;
import org.portcullis.filter.web.ApiError;
import org.portcullis.filter.web.RefreshCookie;
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
    private final RefreshCookie refreshCookie;
    private final Duration ttl;
    private final Clock clock;

    public RefreshAction(RefreshTokens families, Supplier<TokenService> tokens, TokenCookie cookie, Duration ttl,
                         Clock clock) {
        this.families = families;
        this.tokens = tokens;
        this.cookie = cookie;
        this.refreshCookie = cookie.refresh();
        this.ttl = ttl;
        this.clock = clock;
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
        Attributes in = request.attributes();
        String presented = in.has("refresh_token") ? in.text("refresh_token", 64)
                : request.cookie(refreshCookie.name()).orElseThrow(() -> new ApiError(401, "invalid_refresh_token",
                        "Give 'refresh_token', or send the refresh_token cookie."));
        RefreshTokens.Rotation next = families.rotate(presented, user -> tokens.get().issue(user));
        String access = next.access().token();
        return Reply.ok()
                .storeSet(cookie.name(), access)
                .cookieSet(cookie.name(), access + "; SameSite=Strict")
                .storeSet("refresh_token", next.refresh().token())
                .setCookie(cookie.set(access, request.contextPath(), ttl, request.secure()))
                .setCookie(refreshCookie.set(next.refresh().token(), request.contextPath(),
                        Duration.between(clock.instant(), next.refresh().familyExpiresAt()), request.secure()));
    }
}
