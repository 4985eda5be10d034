package org.portcullis.filter.actions;

import java.time.Clock;
import org.portcullis.filter.accounts.Identities;
import org.portcullis.filter.codes.OneTimeCodes;
import org.portcullis.filter.onboarding.SignupProof;
import org.portcullis.filter.persistence.AccountRows;
import org.portcullis.filter.persistence.Change;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.persistence.DatabaseUnavailableException;
import org.portcullis.filter.persistence.IdentityRows;
import org.portcullis.model.UserAccount;
import org.portcullis.model.UserIdentity;
import org.portcullis.model.UserStatus;

/**
 * {@code user_account/verify_email} with {@code email} and {@code code} (signed in): redeems the code
 * {@link AddEmailAction} mailed, and the address becomes a verified e-mail of the account (it signs
 * in from now on), or, for the account's own primary e-mail, is marked verified. A code of another
 * user, a wrong, expired, used or exhausted one are all 400 {@code invalid_code}; an address another
 * account took meanwhile is 409 {@code email_taken}.
 *
 * <p>From a guest, {@code email} and {@code code} (or the {@code token} of a mailed link, from the
 * confirm page {@code /auth/link/<token>}) finish a sign-up made with {@code signup.verification}: the
 * account's e-mail is verified and it becomes {@code active} (or {@code pending_approval},
 * {@link SignupProof}). Wrong, used, expired and exhausted codes and links are one refusal, 400
 * {@code invalid_code}, and so is a code for an address that has no pending sign-up.
 */
public final class VerifyEmailAction implements Action {

    private final Database database;
    private final OneTimeCodes codes;
    private final Clock clock;
    private final SignupProof proof;

    public VerifyEmailAction(Database database, OneTimeCodes codes, Clock clock, SignupProof proof) {
        this.database = database;
        this.codes = codes;
        this.clock = clock;
        this.proof = proof;
    }

    @Override
    public String entity() {
        return "user_account";
    }

    @Override
    public String name() {
        return "verify_email";
    }

    @Override
    public Reply perform(ActionRequest request) {
        Attributes in = request.attributes();
        if (in.has("token")) {
            String token = in.text("token", 64);
            return proved(request, codes.redeemLink(OneTimeCodes.Purpose.VERIFY_EMAIL, token, OneTimeCodes.Issued::change,
                    (em, issued) -> proof.complete(em, issued)));
        }
        if (request.identity().userId().isEmpty()) {
            String email = UserAccount.normalizeEmail(in.email("email"));
            String code = in.text("code", 16);
            return proved(request, codes.redeem(OneTimeCodes.Purpose.VERIFY_EMAIL, email, code, OneTimeCodes.Issued::change,
                    (em, issued) -> proof.complete(em, issued)));
        }
        return addedEmail(request, in);
    }

    private static Reply proved(ActionRequest request, UserStatus status) {
        return Reply.ok()
                .notify("success", "E-mail verified", status == UserStatus.PENDING_APPROVAL
                        ? "Your e-mail is verified. An administrator must approve the account before you can sign in"
                        : "Your e-mail is verified. Redirecting to sign in")
                .redirect(request.link("/auth/signin"), 2000);
    }

    private Reply addedEmail(ActionRequest request, Attributes in) {
        String userId = request.signedIn();
        String email = UserAccount.normalizeEmail(in.email("email"));
        String code = in.text("code", 16);
        try {
            codes.redeem(OneTimeCodes.Purpose.ADD_EMAIL, email, code, Change.user(userId), (em, issued) -> {
                if (!userId.equals(issued.userId())) {
                    throw OneTimeCodes.invalidCode();
                }
                Identities.requireEmailFree(em, email, userId);
                UserIdentity row = IdentityRows.find(em, UserIdentity.Type.EMAIL, email).orElse(null);
                if (row == null) {
                    AccountRows.userById(em, userId).orElseThrow(OneTimeCodes::invalidCode);
                    em.persist(new UserIdentity(userId, UserIdentity.Type.EMAIL, email, clock.instant(), false));
                } else {
                    row.markVerified(clock.instant());
                }
                return null;
            });
        } catch (DatabaseUnavailableException e) {
            // Another account verified the same address at the same moment: the unique key refused ours.
            if (database.read(em -> IdentityRows.ownerOfEmail(em, email)).filter(owner -> !owner.equals(userId))
                    .isPresent()) {
                throw Identities.emailTaken();
            }
            throw e;
        }
        return Reply.ok().notify("success", "E-mail verified", email + " now signs in to your account.");
    }
}
