package org.portcullis.filter.authentication;

import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;
import org.portcullis.filter.identity.Passwords;
import org.portcullis.filter.persistence.AccountRows;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.tenancy.Tenant;
import org.portcullis.filter.persistence.IdentityRows;
import org.portcullis.model.UserAccount;
import org.portcullis.model.UserIdentity;
import org.portcullis.model.UserStatus;

/**
 * The one path by which a {@link Credential} proves a {@link Claim}: sign-in, and every time a
 * signed-in user proves a password again (the current password of {@code change_password}). Every
 * attempt, of every kind, takes the same steps:
 * <ol>
 *   <li>the {@link SigninThrottle} admits it, per login and per client address, and counts it as a
 *       failure until it succeeds; a refused attempt reads and checks nothing and is
 *       {@link Throttled}. A login that is another name of the account it finds (its username, a
 *       further verified e-mail) is admitted under the account's own key too, so the failures through
 *       all its names count together; refused there, the attempt is {@link Throttled} before any bcrypt
 *       work;</li>
 *   <li>the account is read, and the credential checked on the {@link BcryptPool}: against the
 *       account's hash, or, when the account is unknown or has no password, against a dummy hash of
 *       the same cost, so that an unknown account takes the time of a wrong password; a full pool is
 *       {@link Unavailable}, and the attempt does not count;</li>
 *   <li>a wrong credential, an unknown account and a {@code deleted} account are the same
 *       {@link Refused} ({@link Refusal#INVALID_CREDENTIALS}), after the same work; the <b>right</b>
 *       credential of an account that is neither active nor deleted is refused with its status'
 *       reason ({@link Refusal#ACCOUNT_INACTIVE}, {@link Refusal#PENDING_APPROVAL},
 *       {@link Refusal#PENDING_VERIFICATION}): only who knows the password learns the status. Either
 *       refusal counts as a failure in the throttle, so the status answer cannot be used to test
 *       passwords faster than a wrong password allows;</li>
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
 * <p>Logging, on this class' logger: a refusal at {@code INFO} ({@code failed}, or {@code refused
 * (<code>)} for an account that is not active), naming the account only when it exists
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

    /** Why a claim was refused, with the code and HTTP status of the reply. */
    public enum Refusal {
        /** A wrong credential, an unknown account or a deleted account: alike on purpose (401). */
        INVALID_CREDENTIALS("invalid_credentials", 401, "Invalid email or password."),
        /** The right credential of an {@code inactive} account (403). */
        ACCOUNT_INACTIVE("account_inactive", 403, "This account is not active; ask an administrator."),
        /** The right credential of an account that waits for an administrator's approval (403). */
        PENDING_APPROVAL("pending_approval", 403, "This account waits for an administrator's approval."),
        /** The right credential of an account whose e-mail is not verified yet (403). */
        PENDING_VERIFICATION("pending_verification", 403, "This account's e-mail address is not verified yet.");

        private final String code;
        private final int status;
        private final String message;

        Refusal(String code, int status, String message) {
            this.code = code;
            this.status = status;
            this.message = message;
        }

        /** The {@code code} of the error reply. */
        public String code() {
            return code;
        }

        /** The HTTP status of the error reply: 401, or 403 for a status shown after the right credential. */
        public int status() {
            return status;
        }

        /** The reply's message for the user. */
        public String message() {
            return message;
        }

        /**
         * Why the right credential of an account in {@code status} does not sign in; empty for an active
         * account. A deleted account is {@link #INVALID_CREDENTIALS}: as if it did not exist.
         */
        public static Optional<Refusal> ofStatus(UserStatus status) {
            return switch (status) {
                case ACTIVE -> Optional.empty();
                case INACTIVE -> Optional.of(ACCOUNT_INACTIVE);
                case PENDING_APPROVAL -> Optional.of(PENDING_APPROVAL);
                case PENDING_VERIFICATION -> Optional.of(PENDING_VERIFICATION);
                case DELETED -> Optional.of(INVALID_CREDENTIALS);
            };
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
        String counted = counted(account);
        Duration wait = throttle.admit(counted, address);
        if (!wait.isZero()) {
            LOG.fine(() -> attemptName(claim) + " throttled for " + loggable(account) + " from " + loggable(address));
            return new Throttled(wait);
        }
        Optional<UserAccount> found;
        try {
            found = database.read(em -> find(em, claim));
        } catch (RuntimeException notRead) {
            throttle.abandoned(counted, address);
            throw notRead;
        }
        // A username or a further e-mail is another name of the account: its guesses count there too.
        String also = found.map(user -> UserAccount.normalizeEmail(user.getEmail()))
                .filter(own -> !own.equals(account)).orElse(null);
        String alsoCounted = also == null ? null : counted(also);
        if (also != null) {
            Duration alsoWait = throttle.admitAlso(alsoCounted, address);
            if (!alsoWait.isZero()) {
                throttle.abandoned(counted, address);
                LOG.fine(() -> attemptName(claim) + " throttled for " + loggable(account) + " from "
                        + loggable(address));
                return new Throttled(alsoWait);
            }
        }
        Optional<Boolean> checked;
        try {
            checked = check(credential, found);
        } catch (RuntimeException notChecked) {
            abandon(counted, alsoCounted, address);
            throw notChecked;
        }
        if (checked.isEmpty()) {
            abandon(counted, alsoCounted, address);
            return new Unavailable();
        }
        Optional<Refusal> refusal = checked.get() ? Refusal.ofStatus(found.get().getStatus())
                : Optional.of(Refusal.INVALID_CREDENTIALS);
        if (refusal.isPresent()) {
            // Not succeeded(): the attempt stays counted as a failure, whatever the reason.
            String why = refusal.get() == Refusal.INVALID_CREDENTIALS ? " failed for " : " refused ("
                    + refusal.get().code() + ") for ";
            LOG.info(() -> attemptName(claim) + why + (found.isPresent() ? loggable(account) : "an unknown account")
                    + " from " + loggable(address));
            return new Refused(refusal.get());
        }
        throttle.succeeded(counted, address);
        if (also != null) {
            throttle.succeededAlso(alsoCounted, address);
        }
        LOG.fine(() -> (claim instanceof Claim.SignedIn ? "re-authenticated: " : "signed in: ") + loggable(account)
                + " from " + loggable(address));
        return new SignedIn(found.get());
    }

    /**
     * The name an account's failures are counted under: its tenant's, since the same e-mail is another account
     * in another tenant (the default tenant's names stay as they were). A client address is counted across
     * tenants: one address spraying several tenants is one address.
     */
    private String counted(String account) {
        Tenant tenant = database.tenants().current();
        return tenant.equals(Tenant.DEFAULT) ? account : tenant.code() + '\u0000' + account;
    }

    private void abandon(String account, String also, String address) {
        throttle.abandoned(account, address);
        if (also != null) {
            throttle.abandonedAlso(also, address);
        }
    }

    private static Optional<UserAccount> find(EntityManager em, Claim claim) {
        if (claim instanceof Claim.SignedIn signedIn) {
            return AccountRows.userById(em, signedIn.userId());
        }
        if (claim instanceof Claim.Anonymous anonymous) {
            return IdentityRows.find(em, UserIdentity.Type.ANONYMOUS, anonymous.account())
                    .flatMap(row -> AccountRows.userById(em, row.getUserId()))
                    .filter(UserAccount::isAnonymous);
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
        if (credential instanceof Credential.AnonymousSecret secret) {
            // No bcrypt: 256 random bits cannot be guessed; an unknown handle compares against nothing alike.
            return Optional.of(secret.matches(found.filter(UserAccount::isAnonymous).map(UserAccount::getSecretHash)
                    .orElse(null)));
        }
        throw new IllegalArgumentException("no check for " + credential.getClass().getSimpleName());
    }

    private static String attemptName(Claim claim) {
        return claim instanceof Claim.Login ? "sign-in" : claim instanceof Claim.Anonymous ? "anonymous sign-in"
                : "re-authentication";
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
