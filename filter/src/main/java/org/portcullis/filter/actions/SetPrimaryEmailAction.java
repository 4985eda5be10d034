package org.portcullis.filter.actions;

import org.portcullis.filter.accounts.Identities;
import org.portcullis.filter.codes.OneTimeCodes;
import org.portcullis.filter.persistence.AccountRows;
import org.portcullis.filter.persistence.Change;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.web.ApiError;
import org.portcullis.model.UserAccount;

/**
 * {@code user_account/set_primary_email} with {@code email} (signed in): a verified e-mail of the
 * account becomes its primary one; {@code user_account.email}, the {@code email} of tokens issued from
 * now on and {@code getRemoteUser()} follow (at once on this node, within {@code cache.ttl} on others).
 * 404 {@code not_found} for an address that is not the account's, 409 {@code email_not_verified} for
 * one never verified.
 */
public final class SetPrimaryEmailAction implements Action {

    private final Database database;
    private final Identities identities;

    public SetPrimaryEmailAction(Database database, Identities identities) {
        this.database = database;
        this.identities = identities;
    }

    @Override
    public String entity() {
        return "user_account";
    }

    @Override
    public String name() {
        return "set_primary_email";
    }

    @Override
    public Reply perform(ActionRequest request) {
        String userId = request.signedIn();
        String email = UserAccount.normalizeEmail(request.attributes().email("email"));
        database.inTransaction(Change.user(userId), em -> {
            UserAccount user = AccountRows.userById(em, userId).orElseThrow(ApiError::notSignedIn);
            identities.setPrimaryEmail(em, user, email);
            // A reset mailed to an address before the change is no way in after it.
            OneTimeCodes.kill(em, userId, OneTimeCodes.Purpose.RESET_PASSWORD, OneTimeCodes.Purpose.VERIFY_EMAIL);
            return null;
        });
        return Reply.ok().notify("success", "Primary e-mail", email + " is now your primary e-mail.");
    }
}
