package org.portcullis.filter.onboarding;

import jakarta.persistence.EntityManager;
import java.time.Clock;
import org.portcullis.filter.accounts.AccountCreation;
import org.portcullis.filter.codes.OneTimeCodes;
import org.portcullis.filter.persistence.AccountRows;
import org.portcullis.filter.persistence.IdentityRows;
import org.portcullis.model.UserAccount;
import org.portcullis.model.UserIdentity;
import org.portcullis.model.UserStatus;

/**
 * What a redeemed sign-up code or link does, inside the transaction that consumes it: the account's
 * e-mail becomes verified and the account leaves {@code pending_verification}, for {@code active}, or
 * {@code pending_approval} when {@code signup.approval} is on and an administrator exists to approve it.
 * A code whose account is no longer pending, or no longer holds the address, is refused as a wrong one.
 */
public final class SignupProof {

    private final boolean approval;
    private final Clock clock;

    /** @param approval {@code signup.approval} */
    public SignupProof(boolean approval, Clock clock) {
        this.approval = approval;
        this.clock = clock;
    }

    /**
     * @return the account's status now
     * @throws org.portcullis.filter.web.ApiError 400 {@code invalid_code} when the code's account is not
     *     waiting for this address
     */
    public UserStatus complete(EntityManager em, OneTimeCodes.Issued issued) {
        UserAccount user = AccountRows.userById(em, issued.userId())
                .filter(u -> u.getStatus() == UserStatus.PENDING_VERIFICATION && u.getEmail().equals(issued.handle()))
                .orElseThrow(OneTimeCodes::invalidCode);
        IdentityRows.find(em, UserIdentity.Type.EMAIL, issued.handle())
                .filter(row -> row.getUserId().equals(user.getId()))
                .ifPresent(row -> row.markVerified(clock.instant()));
        user.setStatus(approval && AccountCreation.administratorExists(em) ? UserStatus.PENDING_APPROVAL
                : UserStatus.ACTIVE);
        return user.getStatus();
    }
}
