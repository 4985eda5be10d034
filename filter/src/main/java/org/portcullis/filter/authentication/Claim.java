package org.portcullis.filter.authentication;

import java.util.Objects;
import org.portcullis.filter.identity.Identity;
import org.portcullis.model.UserAccount;

/**
 * Whom an attempt claims to be: how {@link SignIn} finds the account, and the key its throttle
 * counts the attempt under. Both kinds share one key space, so an account's failures count alike
 * whether they come through the sign-in form or from a signed-in user re-entering the password.
 *
 * <pre>{@code
 * signIn.attempt(new Claim.Login(email), credential, address);          // user_account/signin
 * signIn.attempt(Claim.signedIn(identity), credential, address);        // user_account/change_password
 * }</pre>
 */
public sealed interface Claim {

    /** The key the throttle counts this claim's attempts under, whether or not such an account exists. */
    String account();

    /**
     * A login typed into a sign-in form: an e-mail address, or a username (which never holds an
     * {@code @}). An e-mail login finds the account whose primary e-mail it is, or which verified it.
     *
     * @param account the login; kept as the account lookup sees it (trimmed, lower case), so that no
     *     spelling of a login escapes its counter
     * @param byUsername whether the login is looked up as a username
     */
    record Login(String account, boolean byUsername) implements Claim {

        public Login {
            account = UserAccount.normalizeEmail(account);
        }

        /** An e-mail login. */
        public Login(String account) {
            this(account, false);
        }

        /**
         * The login as typed: a username when usernames are on and it has no {@code @}, else an e-mail
         * (so with usernames off, {@code ada} finds nobody, after the same work as a wrong password).
         */
        public static Login typed(String login, boolean usernames) {
            return new Login(login, usernames && login.indexOf('@') < 0);
        }
    }

    /**
     * An anonymous user's handle ({@code ANON_<uuid>}): found only among anonymous users, by their
     * {@code anonymous} identity row, so the handle of any other account finds nobody.
     *
     * @param account the handle in lower case, as the identity row keeps it; also the throttle's key
     */
    record Anonymous(String account) implements Claim {

        public Anonymous {
            account = account.strip().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A signed-in user proving a credential again, found by reference id.
     *
     * @param userId the user's reference id
     * @param account the throttle's key: the user's e-mail as a sign-in would spell it, so that a
     *     stolen token cannot guess the password faster than the sign-in form allows
     */
    record SignedIn(String userId, String account) implements Claim {

        public SignedIn {
            Objects.requireNonNull(userId, "userId");
            account = UserAccount.normalizeEmail(account);
        }
    }

    /**
     * The claim of the request's signed-in user. A user without an e-mail address is counted under
     * the reference id.
     *
     * @throws IllegalArgumentException for a guest, who claims no account
     */
    static SignedIn signedIn(Identity identity) {
        String userId = identity.userId().orElseThrow(() -> new IllegalArgumentException("a guest claims no account"));
        return new SignedIn(userId, identity.email().orElse(userId));
    }
}
