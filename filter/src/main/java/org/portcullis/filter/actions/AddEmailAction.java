package org.portcullis.filter.actions;

import java.time.Duration;
import java.util.Map;
import org.portcullis.filter.accounts.Identities;
import org.portcullis.filter.authentication.Claim;
import org.portcullis.filter.authentication.Credential;
import org.portcullis.filter.authentication.SignIn;
import org.portcullis.filter.codes.OneTimeCodes;
import org.portcullis.filter.mail.Mail;
import org.portcullis.filter.persistence.Change;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.persistence.IdentityRows;
import org.portcullis.filter.web.ApiError;
import org.portcullis.model.UserAccount;
import org.portcullis.model.UserIdentity;

/**
 * {@code user_account/add_email} with {@code email} and {@code password} (signed in): the user proves
 * the password again, through {@link SignIn} and its throttle, and a 6-digit code
 * ({@link OneTimeCodes}, purpose {@code add_email}, {@code code.ttl}) is mailed to the new address;
 * {@link VerifyEmailAction} with that code adds it. Nothing is added before then, so nobody can hold
 * an address they cannot read. Refusals: 409 {@code email_taken} (another account's, primary or not),
 * 409 {@code email_exists} (already a verified e-mail of this account), 503 {@code mail_unavailable}
 * (no mail transport), before any password work. The mail is queued in the transaction that issues the
 * code ({@link Mail#enqueue}) and sent after it commits.
 */
public final class AddEmailAction implements Action {

    private final Database database;
    private final SignIn signIn;
    private final OneTimeCodes codes;
    private final Mail mail;
    private final Duration ttl;

    public AddEmailAction(Database database, SignIn signIn, OneTimeCodes codes, Mail mail, Duration ttl) {
        this.database = database;
        this.signIn = signIn;
        this.codes = codes;
        this.mail = mail;
        this.ttl = ttl;
    }

    @Override
    public String entity() {
        return "user_account";
    }

    @Override
    public String name() {
        return "add_email";
    }

    @Override
    public Reply perform(ActionRequest request) {
        String userId = request.signedIn();
        Attributes in = request.attributes();
        String email = UserAccount.normalizeEmail(in.email("email"));
        String password = in.raw("password");
        PasswordRules.requireFitsBcrypt(password);
        mail.require();
        SignInReplies.accountOrThrow(signIn.attempt(Claim.signedIn(request.identity()), new Credential.Password(password),
                request.clientAddress()), "Too many failed attempts; try again later.", "The password is wrong.");
        database.inTransaction(Change.nothing(), em -> {
            Identities.requireEmailFree(em, email, userId);
            boolean verified = IdentityRows.find(em, UserIdentity.Type.EMAIL, email).filter(UserIdentity::isVerified)
                    .isPresent();
            if (verified) {
                throw ApiError.conflict("email_exists", "This e-mail is already verified for your account.");
            }
            String code = codes.issue(em, OneTimeCodes.Purpose.ADD_EMAIL, email, userId, ttl);
            mail.enqueue(em, mail.templates().render("add_email", email, Map.of("email", email, "code", code,
                    "minutes", String.valueOf(Math.max(1, ttl.toMinutes())))));
            return null;
        });
        return Reply.ok().notify("success", "Code sent", "We mailed a code to " + email + "; enter it to add the address.");
    }
}
