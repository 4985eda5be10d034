package org.portcullis.filter.actions;

import org.portcullis.filter.identity.CommonPasswords;
import org.portcullis.filter.identity.Passwords;
import org.portcullis.filter.web.ApiError;

/**
 * What a new password must be, wherever one is chosen (sign-up, password change): at least
 * {@value Passwords#MIN_LENGTH} characters, at most {@value Passwords#MAX_BYTES} bytes in UTF-8 (all
 * bcrypt reads), and not one of the {@link CommonPasswords}. Public for the accounts an administrator
 * makes ({@code POST /api/user_account}), which follow the sign-up rules.
 *
 * <pre>{@code
 * new PasswordRules(common).check("password");   // 400 password_too_common
 * }</pre>
 */
public final class PasswordRules {

    private final CommonPasswords common;

    public PasswordRules(CommonPasswords common) {
        this.common = common;
    }

    /** @throws ApiError 400 {@code password_too_short}, {@code password_too_long} or {@code password_too_common} */
    public void check(String password) {
        if (password.codePointCount(0, password.length()) < Passwords.MIN_LENGTH) {
            throw ApiError.badRequest("password_too_short",
                    "The password must be at least " + Passwords.MIN_LENGTH + " characters.");
        }
        requireFitsBcrypt(password);
        if (common.contains(password)) {
            throw ApiError.badRequest("password_too_common",
                    "This password is among the most used ones and easy to guess; choose another.");
        }
    }

    /**
     * For any password given, new or to be checked: bcrypt would silently read only its first
     * {@value Passwords#MAX_BYTES} bytes, so a longer one is refused rather than cut.
     *
     * @throws ApiError 400 {@code password_too_long}
     */
    static void requireFitsBcrypt(String password) {
        if (!Passwords.fitsBcrypt(password)) {
            throw ApiError.badRequest("password_too_long",
                    "The password must be at most " + Passwords.MAX_BYTES + " bytes in UTF-8.");
        }
    }

    /** @throws ApiError 400 {@code password_mismatch} unless the two are equal */
    static void requireConfirmed(String password, String confirm) {
        if (!password.equals(confirm)) {
            throw ApiError.badRequest("password_mismatch", "The passwords do not match.");
        }
    }
}
