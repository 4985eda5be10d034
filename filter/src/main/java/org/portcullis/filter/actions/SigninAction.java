package org.portcullis.filter.actions;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.portcullis.filter.authentication.BcryptPool;
import org.portcullis.filter.authentication.SigninThrottle;
import org.portcullis.filter.identity.Passwords;
import org.portcullis.filter.identity.TokenService;
import org.portcullis.filter.persistence.Accounts;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.web.ApiError;
import org.portcullis.filter.web.TokenCookie;
import org.portcullis.model.UserAccount;

/**
 * {@code user_account/signin}: checks the password and issues a token, in the reply body (Daptin's
 * {@code client.store.set}) and as an {@code HttpOnly} cookie. An unknown e-mail, a wrong password
 * and a disabled account get the same reply after the same bcrypt work. Attempts pass the
 * {@link SigninThrottle} first (429 with {@code Retry-After} when it says wait) and the bcrypt work
 * runs on the {@link BcryptPool} (503 when it is full).
 */
public final class SigninAction implements Action {

    private static final Logger LOG = Logger.getLogger(SigninAction.class.getName());

    private final Database database;
    private final Passwords passwords;
    private final Supplier<TokenService> tokens;
    private final TokenCookie cookie;
    private final Duration ttl;
    private final SigninThrottle throttle;
    private final BcryptPool pool;

    public SigninAction(Database database, Passwords passwords, Supplier<TokenService> tokens, TokenCookie cookie,
                        Duration ttl, SigninThrottle throttle, BcryptPool pool) {
        this.database = database;
        this.passwords = passwords;
        this.tokens = tokens;
        this.cookie = cookie;
        this.ttl = ttl;
        this.throttle = throttle;
        this.pool = pool;
    }

    @Override
    public String entity() {
        return "user_account";
    }

    @Override
    public String name() {
        return "signin";
    }

    @Override
    public Reply perform(ActionRequest request) {
        Attributes in = request.attributes();
        String login = in.has("email") ? in.text("email", Attributes.MAX_EMAIL_LENGTH)
                : in.text("username", Attributes.MAX_EMAIL_LENGTH);
        String password = in.raw("password");
        PasswordRules.requireFitsBcrypt(password);
        // The throttle's key is the lookup's key, so no spelling of a login escapes its counter.
        String account = UserAccount.normalizeEmail(login);
        String address = request.clientAddress();
        Duration wait = throttle.admit(account, address);
        if (!wait.isZero()) {
            LOG.fine(() -> "sign-in throttled for " + loggable(account) + " from " + loggable(address));
            throw new ApiError(429, "throttled", "Too many failed sign-ins; try again later.").retryAfter(wait);
        }
        Optional<UserAccount> found;
        boolean matches;
        try {
            found = database.read(em -> Accounts.userByEmail(em, account));
            String hash = found.map(UserAccount::getPasswordHash).orElse(null);
            matches = pool.tryRun(() -> passwords.matches(password, hash)).orElseThrow(ApiError::busy);
        } catch (RuntimeException notChecked) {
            throttle.abandoned(account, address);
            throw notChecked;
        }
        if (!matches || !found.get().isActive()) {
            // Only a known account is named: an unknown "login" is often a password typed in the wrong field.
            LOG.info(() -> "sign-in failed for " + (found.isPresent() ? loggable(account) : "an unknown account")
                    + " from " + loggable(address));
            throw new ApiError(401, "invalid_credentials", "Invalid email or password.");
        }
        throttle.succeeded(account, address);
        LOG.fine(() -> "signed in: " + loggable(account) + " from " + loggable(address));
        TokenService.IssuedToken issued = tokens.get().issue(found.get());
        return Reply.ok()
                .storeSet(cookie.name(), issued.token())
                .cookieSet(cookie.name(), issued.token() + "; SameSite=Strict")
                .notify("success", "Success", "Logged in")
                .redirect(request.link("/"), 2000)
                .setCookie(cookie.set(issued.token(), request.contextPath(), ttl, request.secure()));
    }

    /**
     * {@code text} made safe for one log line: control characters, line and paragraph separators and
     * invisible formatting characters (bidi overrides) become {@code \\uXXXX}, and a backslash is
     * doubled so that no escape can be faked.
     */
    static String loggable(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        text.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (c == '\\') {
                out.append("\\\\");
            } else if (Character.isISOControl(c) || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.FORMAT) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
