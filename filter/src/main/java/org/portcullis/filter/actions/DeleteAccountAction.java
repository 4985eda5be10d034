package org.portcullis.filter.actions;

import java.time.Clock;
import org.portcullis.filter.accounts.AccountLifecycle;
import org.portcullis.filter.authentication.Claim;
import org.portcullis.filter.authentication.Credential;
import org.portcullis.filter.authentication.SignIn;
import org.portcullis.filter.identity.Identity;
import org.portcullis.filter.persistence.AccountRows;
import org.portcullis.filter.persistence.Change;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.web.ApiError;
import org.portcullis.filter.web.TokenCookie;
import org.portcullis.model.UserAccount;

/**
 * {@code user_account/delete_account} with {@code password}: a signed-in user proves their password
 * (through {@link SignIn}, under the sign-in throttle, as {@code change_password} does) and deletes
 * their own account ({@link AccountLifecycle#delete}): status {@code deleted}, {@code deleted_at} now,
 * every token refused from the next request on. A locked account may delete itself. An administrator
 * may restore it within {@code account.deleted.retention}; after it its personal data is erased.
 * The reply signs this browser out as {@code signout} does, with the notice "Account deleted".
 */
public final class DeleteAccountAction implements Action {

    private final Database database;
    private final SignIn signIn;
    private final AccountLifecycle lifecycle;
    private final TokenCookie cookie;
    private final Clock clock;

    public DeleteAccountAction(Database database, SignIn signIn, AccountLifecycle lifecycle, TokenCookie cookie,
                               Clock clock) {
        this.database = database;
        this.signIn = signIn;
        this.lifecycle = lifecycle;
        this.cookie = cookie;
        this.clock = clock;
    }

    @Override
    public String entity() {
        return "user_account";
    }

    @Override
    public String name() {
        return "delete_account";
    }

    @Override
    public Reply perform(ActionRequest request) {
        Identity identity = request.identity();
        if (identity.isGuest()) {
            throw ApiError.notSignedIn();
        }
        String password = request.attributes().raw("password");
        PasswordRules.requireFitsBcrypt(password);
        SignInReplies.accountOrThrow(
                signIn.attempt(Claim.signedIn(identity), new Credential.Password(password), request.clientAddress()),
                "Too many failed attempts; try again later.", "The password is wrong.");
        String userId = identity.userId().orElseThrow();
        database.inTransaction(Change.user(userId), em -> {
            UserAccount user = AccountRows.userById(em, userId)
                    .orElseThrow(() -> new ApiError(401, "not_signed_in", "Sign in first."));
            lifecycle.delete(em, userId, user, clock.instant());
            return null;
        });
        return SignoutAction.signedOut(cookie, request, "Account deleted", "/", 2000);
    }
}
