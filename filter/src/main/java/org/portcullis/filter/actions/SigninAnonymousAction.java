package org.portcullis.filter.actions;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.portcullis.filter.accounts.AnonymousAccounts;
import org.portcullis.filter.authentication.AddressQuota;
import org.portcullis.filter.authentication.Claim;
import org.portcullis.filter.authentication.Credential;
import org.portcullis.filter.authentication.SignIn;
import org.portcullis.filter.identity.TokenService;
import org.portcullis.filter.sessions.RefreshTokens;
import org.portcullis.filter.persistence.Change;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.web.ApiError;
import org.portcullis.filter.web.TokenCookie;
import org.portcullis.model.UserAccount;

/**
 * {@code user_account/signin_anonymous} (CONTRACT §8), when {@code anonymous.enabled} (else 403
 * {@code anonymous_disabled}):
 * <ul>
 *   <li>without attributes, makes a new anonymous user ({@link AnonymousAccounts}) and signs it in: the
 *       reply's {@code client.store.set} items are {@code anonymous_handle} ({@code ANON_<uuid>}),
 *       {@code anonymous_secret} (shown this once; only its SHA-256 is kept) and the token, which is also
 *       the {@code HttpOnly} cookie, as {@code signin} sets it. At most {@code anonymous.per.address} new
 *       users per client address an hour; more is 429 {@code throttled} with {@code Retry-After};</li>
 *   <li>with {@code handle} and {@code secret}, signs that anonymous user in again, through the one
 *       sign-in path ({@link SignIn}: the same throttle and log). A handle without its secret, a wrong
 *       secret, an unknown handle and the handle of a user who is not (or no longer) anonymous are the
 *       same 401 {@code invalid_credentials}: the handle alone is never a credential.</li>
 * </ul>
 * Each sign-in sets the user's last sign-in, the clock of the idle clean-up ({@code anonymous.idle}).
 */
public final class SigninAnonymousAction implements Action {

    private final boolean enabled;
    private final Database database;
    private final AnonymousAccounts anonymous;
    private final AddressQuota quota;
    private final SignIn signIn;
    private final Supplier<TokenService> tokens;
    private final TokenCookie cookie;
    private final Duration ttl;
    private final RefreshTokens families;
    private final Clock clock;

    /**
     * @param enabled {@code anonymous.enabled}
     * @param quota   {@code anonymous.per.address} an hour
     * @param ttl     the token's lifetime ({@code jwt.ttl}), for the cookie
     */
    public SigninAnonymousAction(boolean enabled, Database database, AnonymousAccounts anonymous, AddressQuota quota,
                                 SignIn signIn, Supplier<TokenService> tokens, TokenCookie cookie, Duration ttl,
                                 Clock clock, RefreshTokens families) {
        this.enabled = enabled;
        this.database = database;
        this.anonymous = anonymous;
        this.quota = quota;
        this.signIn = signIn;
        this.tokens = tokens;
        this.cookie = cookie;
        this.ttl = ttl;
        this.families = families;
        this.clock = clock;
    }

    @Override
    public String entity() {
        return "user_account";
    }

    @Override
    public String name() {
        return "signin_anonymous";
    }

    @Override
    public Reply perform(ActionRequest request) {
        if (!enabled) {
            throw anonymousDisabled();
        }
        Attributes in = request.attributes();
        if (in.has("handle") || in.has("secret")) {
            return again(request, in);
        }
        Duration wait = quota.take(request.clientAddress());
        if (!wait.isZero()) {
            throw new ApiError(429, "throttled", "Too many new anonymous users from this address; try again later.")
                    .retryAfter(wait);
        }
        AnonymousAccounts.Made made;
        try {
            made = database.inTransaction(em -> anonymous.create(em), m -> Change.user(m.user().getId()));
        } catch (RuntimeException notMade) {
            quota.giveBack(request.clientAddress());
            throw notMade;
        }
        Reply first = Reply.ok()
                .storeSet("anonymous_handle", made.handle())
                .storeSet("anonymous_secret", made.secret());
        return SignInReplies.tokenReply(first, issue(made.user()), made.user().getId(), cookie, request, ttl, families);
    }

    private Reply again(ActionRequest request, Attributes in) {
        String handle = in.optionalText("handle", 64).orElse("");
        String secret = in.optionalText("secret", 64).orElse("");
        SignIn.Outcome outcome = handle.isEmpty() || secret.isEmpty()
                ? new SignIn.Refused(SignIn.Refusal.INVALID_CREDENTIALS) // a handle alone proves nothing
                : signIn.attempt(new Claim.Anonymous(handle), new Credential.AnonymousSecret(secret), request.clientAddress());
        UserAccount user = SignInReplies.accountOrThrow(outcome, "Too many failed sign-ins; try again later.",
                "Invalid handle or secret.");
        database.inTransaction(Change.user(user.getId()), em -> {
            em.createQuery("update UserAccount u set u.lastSigninAt = :now where u.id = :id")
                    .setParameter("now", clock.millis()).setParameter("id", user.getId()).executeUpdate();
            return null;
        });
        return SignInReplies.tokenReply(Reply.ok(), issue(user), user.getId(), cookie, request, ttl, families);
    }

    /** A token without an {@code email} claim: the reserved address is no one's. */
    private TokenService.IssuedToken issue(UserAccount user) {
        return tokens.get().issue(new TokenService.Holder(user.getId(), null, user.getName()));
    }

    static ApiError anonymousDisabled() {
        return ApiError.forbidden("anonymous_disabled", "Anonymous users are switched off.");
    }
}
