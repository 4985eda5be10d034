package org.portcullis.filter.actions;

import org.portcullis.filter.codes.OneTimeCodes.Purpose;
import org.portcullis.filter.onboarding.AccountMails;
import org.portcullis.filter.persistence.Change;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.persistence.IdentityRows;
import org.portcullis.model.UserAccount;
import org.portcullis.model.UserStatus;

/**
 * {@code user_account/forgot_password} with {@code email}: mails a code, and a link when {@code public.url}
 * is set, to the address, when it is the primary or a verified e-mail of an account that is not deleted
 * ({@link AccountMails#reset}); {@link ResetPasswordAction} takes either. The reply is the same whatever the
 * address, and one address gets at most one such mail a minute ({@link AccountMails#COOLDOWN}, across nodes).
 * Without a mail transport it is 503 {@code mail_unavailable}, before the address is looked at.
 *
 * <pre>{@code
 * POST /action/user_account/forgot_password   {"attributes":{"email":"ada@example.com"}}
 * }</pre>
 */
public final class ForgotPasswordAction implements Action {

    private final Database database;
    private final AccountMails mails;

    public ForgotPasswordAction(Database database, AccountMails mails) {
        this.database = database;
        this.mails = mails;
    }

    @Override
    public String entity() {
        return "user_account";
    }

    @Override
    public String name() {
        return "forgot_password";
    }

    @Override
    public Reply perform(ActionRequest request) {
        String email = UserAccount.normalizeEmail(request.attributes().email("email"));
        mails.require();
        if (!mails.coolingDown(Purpose.RESET_PASSWORD, email)) {
            database.inTransaction(Change.nothing(), em -> {
                // The owner of the address as a sign-in would find it: the primary, or a verified further e-mail.
                IdentityRows.userByLogin(em, email, false)
                        .filter(user -> user.getStatus() != UserStatus.DELETED)
                        .ifPresent(user -> mails.reset(em, user, email));
                return null;
            });
        }
        return Reply.ok()
                .notify("success", "Check your mail", "If " + email + " belongs to an account, a code to reset its"
                        + " password is on its way. One mail a minute at most.")
                .redirect(request.link("/auth/reset", email), 2000);
    }
}
