package org.portcullis.filter.actions;

import java.time.Clock;
import org.portcullis.filter.authentication.BcryptPool;
import org.portcullis.filter.codes.OneTimeCodes;
import org.portcullis.filter.codes.OneTimeCodes.Purpose;
import org.portcullis.filter.identity.CommonPasswords;
import org.portcullis.filter.identity.Passwords;
import org.portcullis.filter.persistence.AccountRows;
import org.portcullis.model.UserAccount;
import org.portcullis.model.UserStatus;
import org.portcullis.filter.web.ApiError;

/**
 * {@code user_account/reset_password}: {@code email} and {@code code}, or the {@code token} of the mailed
 * link, with {@code password} and {@code passwordConfirm} (the sign-up rules). In the one transaction that
 * consumes the code: the new password, every earlier token of the account refused from the next request on,
 * and every other code and link of the account dead. It verifies nothing (only {@code verify_email} does:
 * a reset of a {@code pending_verification} account leaves it pending). A wrong, used, expired or exhausted code or
 * link, and an address without a pending reset, are one refusal, 400 {@code invalid_code}; five tries kill a
 * code.
 *
 * <pre>{@code
 * POST /action/user_account/reset_password
 *   {"attributes":{"email":"ada@example.com","code":"042917","password":"…","passwordConfirm":"…"}}
 * POST /action/user_account/reset_password   {"attributes":{"token":"<from the link>","password":"…","passwordConfirm":"…"}}
 * }</pre>
 */
public final class ResetPasswordAction implements Action {

    private final OneTimeCodes codes;
    private final Passwords passwords;
    private final PasswordRules rules;
    private final BcryptPool pool;
    private final Clock clock;

    public ResetPasswordAction(OneTimeCodes codes, Passwords passwords, CommonPasswords common, BcryptPool pool,
                               Clock clock) {
        this.codes = codes;
        this.passwords = passwords;
        this.rules = new PasswordRules(common);
        this.pool = pool;
        this.clock = clock;
    }

    @Override
    public String entity() {
        return "user_account";
    }

    @Override
    public String name() {
        return "reset_password";
    }

    @Override
    public Reply perform(ActionRequest request) {
        Attributes in = request.attributes();
        String password = in.raw("password");
        PasswordRules.requireConfirmed(password, in.raw("passwordConfirm"));
        rules.check(password);
        if (in.has("token")) {
            String token = in.text("token", 64);
            codes.redeemLink(Purpose.RESET_PASSWORD, token, OneTimeCodes.Issued::change,
                    (em, issued) -> reset(em, issued, password));
        } else {
            String email = UserAccount.normalizeEmail(in.email("email"));
            String code = in.text("code", 16);
            codes.redeem(Purpose.RESET_PASSWORD, email, code, OneTimeCodes.Issued::change,
                    (em, issued) -> reset(em, issued, password));
        }
        return Reply.ok()
                .notify("success", "Password changed", "Your password is changed. Sign in with the new one.")
                .redirect(request.link("/auth/signin"), 2000);
    }

    private Object reset(jakarta.persistence.EntityManager em, OneTimeCodes.Issued issued, String password) {
        UserAccount user = AccountRows.userById(em, issued.userId())
                .filter(u -> u.getStatus() != UserStatus.DELETED)
                .orElseThrow(OneTimeCodes::invalidCode);
        // On the bounded pool; a full pool rolls the whole reset back, and the code stays usable.
        user.setPasswordHash(pool.tryRun(() -> passwords.hash(password)).orElseThrow(ApiError::busy));
        user.invalidateTokensIssuedBefore(clock.instant());
        OneTimeCodes.killAll(em, user.getId());
        return null;
    }
}
