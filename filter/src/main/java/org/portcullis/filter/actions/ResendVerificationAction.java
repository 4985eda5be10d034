package org.portcullis.filter.actions;

import org.portcullis.filter.codes.OneTimeCodes.Purpose;
import org.portcullis.filter.onboarding.AccountMails;
import org.portcullis.filter.persistence.AccountRows;
import org.portcullis.filter.persistence.Change;
import org.portcullis.filter.persistence.Database;
import org.portcullis.model.UserAccount;
import org.portcullis.model.UserStatus;

/**
 * {@code user_account/resend_verification} with {@code email}: a new code (and link) for a sign-up that
 * waits for its e-mail to be proved; the earlier code dies. The reply is the same whatever the address
 * (known, unknown, verified already), and one address gets at most one such mail a minute
 * ({@link AccountMails#COOLDOWN}, counted in the database, so across nodes).
 *
 * <pre>{@code
 * POST /action/user_account/resend_verification   {"attributes":{"email":"ada@example.com"}}
 * }</pre>
 */
public final class ResendVerificationAction implements Action {

    private final Database database;
    private final AccountMails mails;

    public ResendVerificationAction(Database database, AccountMails mails) {
        this.database = database;
        this.mails = mails;
    }

    @Override
    public String entity() {
        return "user_account";
    }

    @Override
    public String name() {
        return "resend_verification";
    }

    @Override
    public Reply perform(ActionRequest request) {
        String email = UserAccount.normalizeEmail(request.attributes().email("email"));
        mails.require();
        if (!mails.coolingDown(Purpose.VERIFY_EMAIL, email)) {
            database.inTransaction(Change.nothing(), em -> {
                AccountRows.userByEmail(em, email).filter(u -> u.getStatus() == UserStatus.PENDING_VERIFICATION)
                        .ifPresent(user -> mails.verification(em, user));
                return null;
            });
        }
        return Reply.ok().notify("success", "Check your mail", "If " + email + " is waiting to be verified, a new code"
                + " is on its way. One mail a minute at most.");
    }
}
