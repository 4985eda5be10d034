package org.portcullis.model;

import java.util.Locale;
import java.util.Optional;

/**
 * Where an account is in its life (Appspanel's 0–3, SOAJS' {@code pendingJoin}). Only {@link #ACTIVE}
 * accounts sign in and keep their tokens. On the wire a status is its {@link #code()}: {@code active},
 * {@code inactive}, {@code pending_approval}, {@code pending_verification}, {@code deleted}.
 */
public enum UserStatus {
    /** Signs in; its tokens are honoured. */
    ACTIVE,
    /** Switched off by an administrator (wave 1 called it {@code disabled}). */
    INACTIVE,
    /** Signed up where {@code signup.approval=true}; waits for an administrator. */
    PENDING_APPROVAL,
    /** Signed up where verification is on; waits for its e-mail to be verified. */
    PENDING_VERIFICATION,
    /** Deleted: kept for restoring until the retention ends, then its personal data is erased. */
    DELETED;

    /** The wire spelling: the name in lower case. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status whose {@link #code()} is {@code code}; empty for anything else. */
    public static Optional<UserStatus> ofCode(String code) {
        for (UserStatus status : values()) {
            if (status.code().equals(code)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
