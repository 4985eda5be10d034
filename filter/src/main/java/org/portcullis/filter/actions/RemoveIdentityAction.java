package org.portcullis.filter.actions;

import org.portcullis.filter.accounts.Identities;
import org.portcullis.filter.persistence.AccountRows;
import org.portcullis.filter.persistence.Change;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.web.ApiError;
import org.portcullis.model.UserAccount;

/**
 * {@code user_account/remove_identity} with {@code id} (signed in): removes one of the caller's
 * identities (a further e-mail, the username), never the primary e-mail (409 {@code primary_identity})
 * and never the last way to sign in (409 {@code last_identity}); another user's identity is 404
 * {@code not_found}, as if it did not exist.
 */
public final class RemoveIdentityAction implements Action {

    private final Database database;
    private final Identities identities;

    public RemoveIdentityAction(Database database, Identities identities) {
        this.database = database;
        this.identities = identities;
    }

    @Override
    public String entity() {
        return "user_account";
    }

    @Override
    public String name() {
        return "remove_identity";
    }

    @Override
    public Reply perform(ActionRequest request) {
        String userId = request.signedIn();
        String id = request.attributes().text("id", 36);
        database.inTransaction(Change.user(userId), em -> {
            UserAccount user = AccountRows.userById(em, userId).orElseThrow(ApiError::notSignedIn);
            identities.remove(em, user, id);
            return null;
        });
        return Reply.ok().notify("success", "Identity removed", "It no longer signs in to your account.");
    }
}
