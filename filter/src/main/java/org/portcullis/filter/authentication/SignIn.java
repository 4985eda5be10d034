package org.portcullis.filter.authentication;

import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;
import org.portcullis.filter.identity.Passwords;
import org.portcullis.filter.persistence.AccountRows;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.persistence.IdentityRows;
import org.portcullis.model.UserAccount;

/**
 * The one path by which a {@link Credential} proves a {@link Claim}: sign-in, and every time a
 * signed-in user proves a password again (the current password of {@code change_password}). Every
 * attempt, of every kind, takes the same steps:
 * <ol>
 *   <li>the {@link SigninThrottle} admits it, per account and per client address, and counts it as a
 *       failure until it succeeds; a refused attempt reads and checks nothing and is
 *       {@link Throttled};</li>
 *   <li>the account is read, and the credential checked on the {@link BcryptPool}: against the
 *       account's hash, or, when the account is unknown or has no password, against a dummy hash of
 *       the same cost, so that an unknown account takes the time of a wrong password; a full pool is
 *       {@link Unavailable}, and the attempt does not count;</li>
 *   <li>a wrong credential, an unknown account and an account that may not sign in (disabled) are
 *       the same {@link Refused}, after the same work;</li>
 *   <li>one log line (below); then the outcome, which the caller turns into its reply.</li>
 * </ol>
 *
 * <pre>{@code
 * SignIn.Outcome outcome = signIn.attempt(new Claim.Login(email), new Credential.Password(password), address);
 * if (outcome instanceof SignIn.SignedIn signedIn) {
 *     issueTokenFor(signedIn.account());
 * }
 * }</pre>
 *
 * <p>Logging, on this class' logger: a refusal at {@code INFO}, naming the account only when it exists
 * (an unknown "e-mail" is often a password typed into the wrong field) and the client address; a
 * throttled attempt and a success at {@code FINE}. Every logged value goes through {@link #loggable};
 * no credential, hash or token is ever logged.
 *
 * <p>A database that cannot answer is thrown ({@code DatabaseUnavailableException}), as every read
 * does, and the attempt does not count.
 */
public final class SignIn {

    private static final Logger LOG = Logger.getLogger(SignIn.class.getName());

    /** What became of an attempt: exactly one of the four records below. */
    public sealed interface Outcome permits SignedIn, Refused, Throttled, Unavailable {
    }

    /** The credential proved the claim; the account, read for this attempt, may sign in. */
    public record SignedIn(UserAccount account) implements Outcome {

        public SignedIn {
            Objects.requireNonNull(account, "account");
        }
    }

    /** The claim was not proved; the reason is all the client may learn. */
    public record Refused(Refusal reason) implements Outcome {
    }

    /** The throttle refused the attempt before anything was checked: try again after {@code retryAfter}. */
    public record Throttled(Duration retryAfter) implements Outcome {
    }

    /** The bcrypt pool was full (or stopped): nothing was checked, and the attempt does not count. */
    public record Unavailable() implements Outcome {
    }

    /** Why a claim was refused, with the code of the reply. */
    public enum Refusal {
        /** A wrong credential, an unknown account or an account that may not sign in: alike on purpose. */
        INVALID_CREDENTIALS("invalid_credentials");

        private final String code;

        Refusal(String code) {
            this.code = code;
        }

        /** The {@code code} of the error reply. */
        public String code() {
            return code;
        }
    }

    private final Database database;
    private final Passwords passwords;
    private final BcryptPool pool;
    private final SigninThrottle throttle;

    public SignIn(Database database, Passwords passwords, BcryptPool pool, SigninThrottle throttle) {
        this.database = database;
        this.passwords = passwords;
        this.pool = pool;
        this.throttle = throttle;
    }

    /**
     * One attempt to prove {@code claim} with {@code credential}.
     *
     * @param address the client's address as the container sees it ({@code getRemoteAddr()})
     * @throws org.portcullis.filter.persistence.DatabaseUnavailableException when the account cannot be read
     */
    public Outcome attempt(Claim claim, Credential credential, String address) {
        String account = claim.account();
        Duration wait = throttle.admit(account, address);
        if (!wait.isZero()) {
            LOG.fine(() -> attemptName(claim) + " throttled for " + loggable(account) + " from " + loggable(address));
            return new Throttled(wait);
        }
        Optional<UserAccount> found;
        Optional<Boolean> checked;
        try {
            found = database.read(em -> find(em, claim));
            checked = check(credential, found);
        } catch (RuntimeException notChecked) {
            throttle.abandoned(account, address);
            throw notChecked;
        }
        if (checked.isEmpty()) {
            throttle.abandoned(account, address);
            return new Unavailable();
        }
        if (!checked.get() || !found.get().isActive()) {
            LOG.info(() -> attemptName(claim) + " failed for " + (found.isPresent() ? loggable(account)
                    : "an unknown account") + " from " + loggable(address));
            return new Refused(Refusal.INVALID_CREDENTIALS);
        }
        throttle.succeeded(account, address);
        LOG.fine(() -> (claim instanceof Claim.Login ? "signed in: " : "re-authenticated: ") + loggable(account)
                + " from " + loggable(address));
        return new SignedIn(found.get());
    }

    private static Optional<UserAccount> find(EntityManager em, Claim claim) {
        if (claim instanceof Claim.SignedIn signedIn) {
            return AccountRows.userById(em, signedIn.userId());
        }
        Claim.Login login = (Claim.Login) claim;
        return IdentityRows.userByLogin(em, login.account(), login.byUsername());
    }

    /**
     * Whether the credential matches the account (unknown: {@code null}), worked out on the pool.
     *
     * @return empty when the pool turned the work away
     */
    private Optional<Boolean> check(Credential credential, Optional<UserAccount> found) {
        if (credential instanceof Credential.Password password) {
            String hash = found.map(UserAccount::getPasswordHash).orElse(null);
            return pool.tryRun(() -> passwords.matches(password.text(), hash));
        }
        throw new IllegalArgumentException("no check for " + credential.getClass().getSimpleName());
    }

    private static String attemptName(Claim claim) {
        return claim instanceof Claim.Login ? "sign-in" : "re-authentication";
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
