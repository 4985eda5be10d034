package org.portcullis.filter.actions;

import jakarta.persistence.LockModeType;
import org.portcullis.filter.persistence.AccountRows;
import org.portcullis.filter.persistence.Change;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.web.ApiError;
import org.portcullis.model.UserAccount;
import org.portcullis.model.UserGroup;

/**
 * {@code world/become_an_administrator}: the first signed-in user to ask joins
 * {@code administrators}; once the group has a member, nobody else can. The group row is locked
 * while the check and the insert run, so two callers racing for it cannot both win.
 */
public final class BecomeAdministratorAction implements Action {

    private final Database database;

    public BecomeAdministratorAction(Database database) {
        this.database = database;
    }

    @Override
    public String entity() {
        return "world";
    }

    @Override
    public String name() {
        return "become_an_administrator";
    }

    @Override
    public Reply perform(ActionRequest request) {
        String userId = request.signedIn();
        database.inTransaction(Change.user(userId), em -> {
            UserGroup admins = AccountRows.groupByName(em, UserGroup.ADMINISTRATORS)
                    .orElseThrow(() -> new IllegalStateException("the administrators group is missing"));
            em.find(UserGroup.class, admins.getId(), LockModeType.PESSIMISTIC_WRITE);
            if (AccountRows.memberCount(em, admins.getId()) > 0) {
                throw ApiError.forbidden("administrator_exists", "An administrator already exists.");
            }
            UserAccount user = em.find(UserAccount.class, userId);
            AccountRows.addMember(em, user, admins);
            return null;
        });
        return Reply.ok()
                .notify("success", "Success", "You are now an administrator")
                .redirect(request.link("/"), 2000);
    }
}
