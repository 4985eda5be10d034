package org.portcullis.filter.actions;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.portcullis.filter.accounts.AccountCreation;
import org.portcullis.filter.accounts.ProfileFields;
import org.portcullis.filter.accounts.Username;
import org.portcullis.filter.authentication.BcryptPool;
import org.portcullis.filter.codes.OneTimeCodes;
import org.portcullis.filter.identity.CommonPasswords;
import org.portcullis.filter.identity.TokenService;
import org.portcullis.filter.sessions.RefreshTokens;
import org.portcullis.filter.onboarding.AccountMails;
import org.portcullis.filter.onboarding.Invitations;
import org.portcullis.filter.persistence.Change;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.web.ApiError;
import org.portcullis.filter.web.TokenCookie;
import org.portcullis.model.UserAccount;
import org.portcullis.model.UserStatus;

/**
 * {@code user_account/signup}: a user, a group of their own, and membership of that group and of
 * every default group, all in one transaction ({@link AccountCreation}, shared with the accounts an
 * administrator makes). Besides {@code name}, {@code email}, {@code password} and {@code passwordConfirm}
 * it takes {@code username}, {@code first_name} and {@code last_name} (optional, trimmed, at most 100
 * characters) and {@code profile} (the declared {@link ProfileFields}; an {@code admin} field is 403).
 * Every other attribute, {@code status}, {@code locked}, {@code api_access}, {@code groups} and the like
 * included, is ignored: a new account is active (or pending approval), unlocked, with API access and
 * without console access, in its own group and the default groups. Two sign-ups of one e-mail at the same moment make
 * one account; the other gets 409 ({@code email_taken}, or {@code username_taken} for a taken optional
 * {@code username}; an e-mail is taken when any account has it, as its primary or as a further
 * verified address). The password must be 8 characters to 72 UTF-8 bytes and not one
 * of the {@link CommonPasswords}; hashing it runs on the {@link BcryptPool} (503 when it is full).
 *
 * <p>With {@code signup.verification} {@code code} or {@code link} the account is
 * {@code pending_verification} and its code (and link) is mailed in the same transaction
 * ({@link AccountMails#verification}); the reply sends the browser to {@code /auth/verify}. An e-mail that
 * has an account then gets the <em>same</em> reply, after the same bcrypt work, and its owner is mailed
 * instead ({@link AccountMails#accountExists}): the sign-up tells nobody whether the address is known. A
 * sign-up on an e-mail that an unfinished sign-up holds replaces that claim ({@link AccountCreation}).
 *
 * <p>With {@code invitation_code} (and the invited {@code email}) or {@code invitation_token} it redeems an
 * invitation ({@link InvitedSignup}): an active, verified account that keeps who invited it and the
 * metadata, and is signed in at once (the reply of {@code signin}: the token in {@code client.store.set} and
 * the cookie), since the code proved the address and the password was chosen just now. {@code signup.invitation.required} makes a sign-up without either 403 {@code invitation_required}
 * (before anything else is read) once an administrator exists: until then nobody could invite, and the first
 * sign-up is let in so that it can become the administrator ({@code world/become_an_administrator}). A plain
 * sign-up of an invited address never touches the invitation.
 */
public final class SignupAction implements Action {

    private final AccountCreation creation;
    private final ProfileFields profile;
    private final PasswordRules rules;
    private final boolean enabled;
    private final boolean approval;
    private final boolean usernames;
    private final boolean verifies;
    private final AccountMails mails;
    private final Database database;
    private final InvitedSignup invited;
    private final boolean invitationRequired;
    private final Supplier<TokenService> tokens;
    private final TokenCookie cookie;
    private final Duration ttl;
    private final RefreshTokens families;

    /**
     * @param approval {@code signup.approval}: new accounts are {@code pending_approval}, and sign in only
     *     once an administrator has set them {@code active}; the reply keeps its shape and says so. While no
     *     administrator exists, a new account is active all the same: nobody could approve it
     * @param usernames {@code usernames.enabled}: the optional {@code username} attribute is taken (else
     *     refused, 400 {@code usernames_disabled})
     * @param verifies {@code signup.verification} is {@code code} or {@code link}
     * @param invitationsEnabled {@code invitations.enabled}: {@code invitation_code} is taken
     * @param invitationRequired {@code signup.invitation.required}
     * @param ttl the token's lifetime ({@code jwt.ttl}), for the cookie of an invited sign-up, which signs in
     */
    public SignupAction(AccountCreation creation, ProfileFields profile, CommonPasswords common, boolean enabled,
                        boolean approval, boolean usernames, boolean verifies, AccountMails mails, Database database,
                        boolean invitationsEnabled, boolean invitationRequired, OneTimeCodes codes,
                        Invitations invitations, Clock clock, Supplier<TokenService> tokens, TokenCookie cookie,
                        Duration ttl, RefreshTokens families) {
        this.creation = creation;
        this.profile = profile;
        this.rules = new PasswordRules(common);
        this.enabled = enabled;
        this.approval = approval;
        this.usernames = usernames;
        this.verifies = verifies;
        this.mails = mails;
        this.database = database;
        this.invited = new InvitedSignup(invitationsEnabled, codes, invitations, creation, clock);
        this.invitationRequired = invitationRequired;
        this.tokens = tokens;
        this.cookie = cookie;
        this.ttl = ttl;
        this.families = families;
    }

    @Override
    public String entity() {
        return "user_account";
    }

    @Override
    public String name() {
        return "signup";
    }

    @Override
    public Reply perform(ActionRequest request) {
        if (!enabled) {
            throw ApiError.forbidden("signup_disabled", "Sign-up is switched off.");
        }
        Attributes in = request.attributes();
        if (InvitedSignup.presented(in)) {
            invited.requireEnabled(); // before any other attribute is read or a password hashed
            String password = password(in);
            UserAccount made = invited.signup(in, (attributes, email) -> account(attributes, email, false, false), password);
            // The code proved the address and the password was set just now: signed in, as a sign-in would.
            return SignInReplies.tokenReply(Reply.ok(), tokens.get().issue(made), made.getId(), cookie, request, ttl, families);
        }
        if (invitationRequired && database.read(AccountCreation::administratorExists)) {
            throw ApiError.forbidden("invitation_required", "Sign-up needs an invitation: give the invitation_code"
                    + " you were mailed, with the invited email.");
        }
        String email = UserAccount.normalizeEmail(in.email("email"));
        AccountCreation.NewAccount account = account(in, email, approval, verifies);
        String password = password(in);
        if (verifies) {
            return signupToVerify(request, account, password);
        }
        UserAccount made = creation.create(account, password);
        return signedUp(request, made.getStatus());
    }

    private static Reply signedUp(ActionRequest request, UserStatus status) {
        return Reply.ok()
                .notify("success", "Success", status == UserStatus.PENDING_APPROVAL
                        ? "Sign-up successful. An administrator must approve the account before you can sign in"
                        : "Sign-up successful. Redirecting to sign in")
                .redirect(request.link("/auth/signin"), 2000);
    }

    /** The account the attributes describe, checked by the sign-up's rules (but the password). */
    private AccountCreation.NewAccount account(Attributes in, String email, boolean awaitsApproval, boolean proves) {
        String name = in.text("name", Attributes.MAX_NAME_LENGTH);
        Optional<Username> username = in.username(usernames);
        String firstName = in.optionalText("first_name", Attributes.MAX_PERSON_NAME_LENGTH).orElse(null);
        String lastName = in.optionalText("last_name", Attributes.MAX_PERSON_NAME_LENGTH).orElse(null);
        // A guest writes no admin field; every required field must be given.
        String storedProfile = profile.merge(null, in.optional("profile").orElse(null), false, true);
        return new AccountCreation.NewAccount(email, name, username, firstName, lastName, storedProfile, awaitsApproval,
                proves);
    }

    /** The password, confirmed and by the rules. */
    private String password(Attributes in) {
        String password = in.raw("password");
        PasswordRules.requireConfirmed(password, in.raw("passwordConfirm"));
        rules.check(password);
        return password;
    }

    private Reply signupToVerify(ActionRequest request, AccountCreation.NewAccount account, String password) {
        try {
            creation.create(account, password, mails::verification);
        } catch (ApiError e) {
            if (!"email_taken".equals(e.code())) {
                throw e;
            }
            // The bcrypt work was done before the refusal; the owner hears of it, the caller does not.
            database.inTransaction(Change.nothing(), em -> {
                mails.accountExists(em, account.email());
                return null;
            });
        }
        return Reply.ok()
                .notify("success", "Check your mail", "We mailed a code to " + account.email()
                        + ". Enter it to finish signing up.")
                .redirect(request.link("/auth/verify", account.email()), 2000);
    }
}
