package org.portcullis.filter.actions;

import org.portcullis.filter.accounts.AccountCreation;
import org.portcullis.filter.accounts.AnonymousAccounts;
import org.portcullis.filter.accounts.Identities;
import org.portcullis.filter.identity.CommonPasswords;
import org.portcullis.filter.onboarding.AccountMails;
import org.portcullis.filter.persistence.AccountRows;
import org.portcullis.filter.persistence.Change;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.persistence.DatabaseUnavailableException;
import org.portcullis.filter.persistence.IdentityRows;
import org.portcullis.filter.web.ApiError;
import org.portcullis.model.UserAccount;

/**
 * {@code user_account/upgrade_anonymous} with {@code email}, {@code password} and {@code passwordConfirm}
 * (and optionally {@code name}), signed in as an anonymous user: the account becomes a full one with the
 * <b>same id</b>, so it keeps everything it owns and every group it is in, and joins {@code default.groups};
 * its handle and secret stop working, and it signs in with the e-mail and password from now on. The
 * password rules are the sign-up's. Refusals: a guest 401 {@code not_signed_in}; a user who is not anonymous
 * 409 {@code not_anonymous} (also the loser of two racing upgrades of one anonymous user); an e-mail another
 * account has 409 {@code email_taken}, never a merge (also the loser of two racing upgrades to one e-mail,
 * whose transaction the unique key refuses); {@code anonymous.enabled=false} 403 {@code anonymous_disabled};
 * {@code signup.enabled=false} 403 {@code signup_disabled} and {@code signup.invitation.required} 403
 * {@code invitation_required} (once an administrator exists, as for a sign-up), since an upgrade is a sign-up.
 *
 * <p>With {@code signup.verification} {@code code} or {@code link} the account stays {@code active} and
 * usable (its token goes on working), but its e-mail is <em>not verified</em>: a code is mailed to it in the
 * same transaction, and {@code user_account/verify_email} with {@code email} and {@code code}, signed in,
 * verifies it. Without verification the e-mail is unverified too, as a sign-up's is.
 */
public final class UpgradeAnonymousAction implements Action {

    private final boolean enabled;
    private final boolean signupEnabled;
    private final boolean invitationRequired;
    private final boolean verifies;
    private final Database database;
    private final AccountCreation creation;
    private final AnonymousAccounts anonymous;
    private final PasswordRules rules;
    private final AccountMails mails;

    /**
     * @param enabled            {@code anonymous.enabled}
     * @param signupEnabled      {@code signup.enabled}
     * @param invitationRequired {@code signup.invitation.required}
     * @param verifies           {@code signup.verification} is {@code code} or {@code link}
     */
    public UpgradeAnonymousAction(boolean enabled, boolean signupEnabled, boolean invitationRequired, boolean verifies,
                                  Database database, AccountCreation creation, AnonymousAccounts anonymous,
                                  CommonPasswords common, AccountMails mails) {
        this.enabled = enabled;
        this.signupEnabled = signupEnabled;
        this.invitationRequired = invitationRequired;
        this.verifies = verifies;
        this.database = database;
        this.creation = creation;
        this.anonymous = anonymous;
        this.rules = new PasswordRules(common);
        this.mails = mails;
    }

    @Override
    public String entity() {
        return "user_account";
    }

    @Override
    public String name() {
        return "upgrade_anonymous";
    }

    @Override
    public Reply perform(ActionRequest request) {
        if (!enabled) {
            throw SigninAnonymousAction.anonymousDisabled();
        }
        String userId = request.signedIn();
        if (!signupEnabled) {
            throw ApiError.forbidden("signup_disabled", "Sign-up is switched off.");
        }
        if (invitationRequired && database.read(AccountCreation::administratorExists)) {
            throw ApiError.forbidden("invitation_required", "Sign-up needs an invitation.");
        }
        Attributes in = request.attributes();
        String email = UserAccount.normalizeEmail(in.email("email"));
        if (AnonymousAccounts.reserved(email)) {
            throw ApiError.badRequest("invalid_email", "'email' must be an address that can receive mail.");
        }
        String name = in.optionalText("name", Attributes.MAX_NAME_LENGTH).orElse(null);
        String password = in.raw("password");
        PasswordRules.requireConfirmed(password, in.raw("passwordConfirm"));
        rules.check(password);
        // Before the bcrypt work: a full user costs nothing.
        if (!database.read(em -> AccountRows.userById(em, userId).map(UserAccount::isAnonymous).orElse(false))) {
            throw AnonymousAccounts.notAnonymous();
        }
        String hash = creation.hash(password);
        try {
            database.inTransaction(Change.user(userId), em -> {
                UserAccount user = anonymous.upgrade(em, userId, email, hash);
                if (name != null) {
                    user.setName(name);
                }
                if (verifies) {
                    mails.addressOf(em, user);
                }
                return null;
            });
        } catch (DatabaseUnavailableException e) {
            // A racing upgrade to the same e-mail (or a sign-up of it) won the unique key: a conflict, not an outage.
            if (database.read(em -> IdentityRows.ownerOfEmail(em, email)).filter(owner -> !owner.equals(userId))
                    .isPresent()) {
                throw Identities.emailTaken();
            }
            if (!database.read(em -> AccountRows.userById(em, userId).map(UserAccount::isAnonymous).orElse(false))) {
                throw AnonymousAccounts.notAnonymous();
            }
            throw e;
        }
        return Reply.ok().notify("success", "Account saved", verifies
                ? "Your account now signs in with " + email + ". We mailed a code to it: enter it to verify the address."
                : "Your account now signs in with " + email + ".");
    }
}
