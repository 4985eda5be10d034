package org.portcullis.filter.actions;

import java.time.Clock;
import org.portcullis.filter.authentication.BcryptPool;
import org.portcullis.filter.authentication.Claim;
import org.portcullis.filter.authentication.Credential;
import org.portcullis.filter.authentication.SignIn;
import org.portcullis.filter.codes.OneTimeCodes;
import org.portcullis.filter.identity.CommonPasswords;
import org.portcullis.filter.identity.Identity;
import org.portcullis.filter.identity.Passwords;
import org.portcullis.filter.persistence.AccountRows;
import org.portcullis.filter.persistence.Change;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.web.ApiError;
import org.portcullis.filter.web.TokenCookie;
import org.portcullis.model.UserAccount;

/**
 * {@code user_account/change_password} with {@code password} (the current one), {@code newPassword}
 * and {@code newPasswordConfirm}: a signed-in user proves the current password and sets a new one
 * that follows the sign-up rules. Every token of the user issued until now is then refused, as
 * after {@link SignoutEverywhereAction}, so a stolen token dies with the old password, and every code and
 * link mailed to the user (a password reset's among them) dies too. The current
 * password is proved through {@link SignIn}, the sign-in path itself: under the account's sign-in
 * throttle and on the bcrypt pool, so a stolen token cannot be used to guess it faster than the
 * sign-in form allows.
 */
public final class ChangePasswordAction implements Action {

    private final Database database;
    private final Passwords passwords;
    private final PasswordRules rules;
    private final BcryptPool pool;
    private final SignIn signIn;
    private final TokenCookie cookie;
    private final Clock clock;

    public ChangePasswordAction(Database database, Passwords passwords, CommonPasswords common, BcryptPool pool,
                                SignIn signIn, TokenCookie cookie, Clock clock) {
        this.database = database;
        this.passwords = passwords;
        this.rules = new PasswordRules(common);
        this.pool = pool;
        this.signIn = signIn;
        this.cookie = cookie;
        this.clock = clock;
    }

    @Override
    public String entity() {
        return "user_account";
    }

    @Override
    public String name() {
        return "change_password";
    }

    @Override
    public Reply perform(ActionRequest request) {
        String userId = request.signedIn();
        Identity identity = request.identity();
        Attributes in = request.attributes();
        String current = in.raw("password");
        String fresh = in.raw("newPassword");
        PasswordRules.requireConfirmed(fresh, in.raw("newPasswordConfirm"));
        PasswordRules.requireFitsBcrypt(current);
        rules.check(fresh);
        SignInReplies.accountOrThrow(
                signIn.attempt(Claim.signedIn(identity), new Credential.Password(current), request.clientAddress()),
                "Too many failed attempts; try again later.", "The current password is wrong.");
        String newHash = pool.tryRun(() -> passwords.hash(fresh)).orElseThrow(ApiError::busy);
        database.inTransaction(Change.user(userId), em -> {
            // Deleted since the password was proved: refused as a guest is.
            UserAccount user = AccountRows.userById(em, userId).orElseThrow(ApiError::notSignedIn);
            user.setPasswordHash(newHash);
            user.invalidateTokensIssuedBefore(clock.instant());
            OneTimeCodes.killAll(em, userId); // a reset link mailed before is no way back in
            return null;
        });
        return SignoutAction.signedOut(cookie, request, "Password changed; sign in again", "/auth/signin", 2000);
    }
}
