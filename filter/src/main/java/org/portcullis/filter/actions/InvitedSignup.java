package org.portcullis.filter.actions;

import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.function.BiFunction;
import org.portcullis.filter.accounts.AccountCreation;
import org.portcullis.filter.codes.OneTimeCodes;
import org.portcullis.filter.onboarding.Invitations;
import org.portcullis.filter.persistence.Change;
import org.portcullis.filter.persistence.DatabaseUnavailableException;
import org.portcullis.model.Invitation;
import org.portcullis.model.UserAccount;

/**
 * {@code user_account/signup} with an invitation: {@code invitation_code} and the invited {@code email}, or
 * {@code invitation_token} (the mailed link's, from the page {@code /auth/link/<token>}; an {@code email},
 * when given, must be the invited one). The code's redemption, the account and the invitation's acceptance
 * are one transaction ({@link OneTimeCodes#redeem}), so of racing redemptions one makes an account, and a
 * refused creation (a taken e-mail, 409) consumes nothing. The account is {@code active} with its e-mail
 * verified whatever {@code signup.verification} and {@code signup.approval} say (the code proved the
 * address), and keeps {@code invited_by} and the invitation's metadata. A code of another address, a wrong,
 * used, expired, exhausted or cancelled one are all 400 {@code invalid_code}.
 */
final class InvitedSignup {

    static final String CODE = "invitation_code";
    static final String TOKEN = "invitation_token";
    /** Stands in for the e-mail while a link's sign-up is checked; the link's row names the real one. */
    private static final String FROM_THE_LINK = "invited@invitation.invalid";

    private final boolean enabled;
    private final OneTimeCodes codes;
    private final Invitations invitations;
    private final AccountCreation creation;
    private final Clock clock;

    /** @param enabled {@code invitations.enabled} */
    InvitedSignup(boolean enabled, OneTimeCodes codes, Invitations invitations, AccountCreation creation, Clock clock) {
        this.enabled = enabled;
        this.codes = codes;
        this.invitations = invitations;
        this.creation = creation;
        this.clock = clock;
    }

    /** @throws org.portcullis.filter.web.ApiError 403 {@code invitations_disabled} with {@code invitations.enabled=false} */
    void requireEnabled() {
        if (!enabled) {
            throw InviteAction.invitationsDisabled();
        }
    }

    /** Whether a sign-up presents an invitation. */
    static boolean presented(Attributes in) {
        return in.has(CODE) || in.has(TOKEN);
    }

    /**
     * @param accountOf the sign-up's attributes read into an account of the given e-mail (names, username,
     *     profile), by the sign-up's own rules
     * @param password  the password, checked by the sign-up's rules
     */
    UserAccount signup(Attributes in, BiFunction<Attributes, String, AccountCreation.NewAccount> accountOf,
                       String password) {
        requireEnabled();
        if (in.has(TOKEN)) {
            String token = in.text(TOKEN, 64);
            String given = in.has("email") ? UserAccount.normalizeEmail(in.email("email")) : null;
            AccountCreation.NewAccount draft = accountOf.apply(in, given == null ? FROM_THE_LINK : given);
            String hash = creation.hash(password);
            try {
                return codes.redeemLink(OneTimeCodes.Purpose.INVITATION, token, issued -> Change.Region.USERS,
                        (em, issued) -> {
                            if (given != null && !given.equals(issued.handle())) {
                                throw OneTimeCodes.invalidCode();
                            }
                            return make(em, withEmail(draft, issued.handle()), hash);
                        });
            } catch (DatabaseUnavailableException e) {
                throw creation.conflictOr(draft, e);
            }
        }
        String email = UserAccount.normalizeEmail(in.email("email"));
        String code = in.text(CODE, 16);
        AccountCreation.NewAccount account = accountOf.apply(in, email);
        String hash = creation.hash(password);
        try {
            return codes.redeem(OneTimeCodes.Purpose.INVITATION, email, code, Change.Region.USERS,
                    (em, issued) -> make(em, account, hash));
        } catch (DatabaseUnavailableException e) {
            throw creation.conflictOr(account, e);
        }
    }

    private UserAccount make(EntityManager em, AccountCreation.NewAccount account, String hash) {
        Invitation invitation = invitations.live(em, account.email());
        UserAccount user = creation.persistProved(em, account, hash, clock.instant());
        user.setInvitation(invitation.getInviterId(), invitation.getMetadata());
        invitation.accept(user.getId());
        return user;
    }

    private static AccountCreation.NewAccount withEmail(AccountCreation.NewAccount a, String email) {
        return new AccountCreation.NewAccount(email, a.name(), a.username(), a.firstName(), a.lastName(), a.profile(),
                false, false);
    }
}
