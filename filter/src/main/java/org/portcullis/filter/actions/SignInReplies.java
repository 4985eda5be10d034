package org.portcullis.filter.actions;

import org.portcullis.filter.authentication.SignIn;
import org.portcullis.filter.identity.TokenService;
import org.portcullis.filter.sessions.RefreshTokens;
import org.portcullis.filter.web.ApiError;
import org.portcullis.filter.web.TokenCookie;
import org.portcullis.model.UserAccount;

/**
 * How a {@link SignIn.Outcome} becomes a reply, for every action that proves a credential: only
 * {@link SignIn.SignedIn} goes on; a throttled attempt is 429 {@code throttled} with
 * {@code Retry-After}, a full bcrypt pool 503 {@code busy}, a wrong credential 401
 * {@code invalid_credentials}, and the right credential of an account that is not active 403 with
 * its status' code ({@code account_inactive}, {@code pending_approval}, {@code pending_verification}).
 * Each action keeps its own wording of the 429 and 401 messages.
 */
final class SignInReplies {

    private SignInReplies() {
    }

    /**
     * @param throttled the message of a 429
     * @param refused the message of a 401
     * @return the account the credential proved
     * @throws ApiError unless the outcome is {@link SignIn.SignedIn}
     */
    static UserAccount accountOrThrow(SignIn.Outcome outcome, String throttled, String refused) {
        if (outcome instanceof SignIn.SignedIn signedIn) {
            return signedIn.account();
        }
        if (outcome instanceof SignIn.Throttled wait) {
            throw new ApiError(429, "throttled", throttled).retryAfter(wait.retryAfter());
        }
        if (outcome instanceof SignIn.Unavailable) {
            throw ApiError.busy();
        }
        // A refusal, and (failing closed) any outcome this method does not know yet.
        SignIn.Refusal reason = outcome instanceof SignIn.Refused refusal ? refusal.reason()
                : SignIn.Refusal.INVALID_CREDENTIALS;
        if (reason == SignIn.Refusal.INVALID_CREDENTIALS) {
            throw new ApiError(401, reason.code(), refused);
        }
        throw new ApiError(reason.status(), reason.code(), reason.message());
    }

    /**
     * The reply of a sign-in that proved its credential: the token in {@code client.store.set} and
     * {@code client.cookie.set}, and as an {@code HttpOnly} cookie; while refresh tokens are on, a new family's
     * first refresh token too ({@code client.store.set} {@code refresh_token} and its cookie, scoped to the
     * refresh action); then a redirect to the application. {@code before} adds the items that go first (an
     * anonymous user's handle and secret).
     */
    static Reply tokenReply(Reply before, TokenService.IssuedToken issued, String userId, TokenCookie cookie,
                            ActionRequest request, java.time.Duration ttl, RefreshTokens families) {
        RefreshTokens.Issued refresh = families.enabled() ? families.start(userId, issued) : null;
        return tokens(before, issued, refresh, cookie, request, ttl, families)
                .notify("success", "Success", "Logged in")
                .redirect(request.link("/"), 2000);
    }

    /** The refresh token a request presents: its {@code refresh_token} attribute, else the refresh cookie. */
    static java.util.Optional<String> presentedRefreshToken(ActionRequest request, TokenCookie cookie) {
        Attributes in = request.attributes();
        return in.has("refresh_token") ? java.util.Optional.of(in.text("refresh_token", 64))
                : request.cookie(cookie.refresh().name());
    }

    /**
     * Adds the session's tokens to {@code reply}: the access token in {@code client.store.set},
     * {@code client.cookie.set} and its cookie; the refresh token, unless {@code refresh} is null, in
     * {@code client.store.set} {@code refresh_token} and its cookie, alive until its family ends. Sign-in and
     * refresh both answer with it.
     */
    static Reply tokens(Reply reply, TokenService.IssuedToken access, RefreshTokens.Issued refresh, TokenCookie cookie,
                        ActionRequest request, java.time.Duration ttl, RefreshTokens families) {
        reply.storeSet(cookie.name(), access.token())
                .cookieSet(cookie.name(), access.token() + "; SameSite=Strict")
                .setCookie(cookie.set(access.token(), request.contextPath(), ttl, request.secure()));
        if (refresh != null) {
            reply.storeSet("refresh_token", refresh.token())
                    .setCookie(cookie.refresh().set(refresh.token(), request.contextPath(), families.remaining(refresh),
                            request.secure()));
        }
        return reply;
    }
}
