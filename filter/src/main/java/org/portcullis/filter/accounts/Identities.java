package org.portcullis.filter.accounts;

import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.portcullis.filter.persistence.IdentityRows;
import org.portcullis.filter.web.ApiError;
import org.portcullis.model.UserAccount;
import org.portcullis.model.UserIdentity;

/**
 * The rules that keep a user's identity rows and the account's own {@code email} and {@code username}
 * in step, each run inside the caller's transaction: a new account's rows, uniqueness of e-mails across
 * every identity and of usernames, a changed username, a new primary e-mail, a removal that never
 * leaves an account without a way to sign in. Every write of an e-mail or a username goes through here.
 *
 * <pre>{@code
 * database.inTransaction(Change.user(id), em -> {
 *     UserAccount user = AccountRows.userById(em, id).orElseThrow();
 *     identities.changeUsername(em, user, Optional.of(Username.parse("ada")));   // 409 username_taken
 *     return user;
 * });
 * }</pre>
 */
public final class Identities {

    private final Clock clock;

    public Identities(Clock clock) {
        this.clock = clock;
    }

    /**
     * The rows of an account just persisted: its primary e-mail, not verified (sign-up proves no
     * address), and its username, if it has one. Call after {@code em.persist(user)}.
     */
    public void recordNewAccount(EntityManager em, UserAccount user) {
        em.persist(new UserIdentity(user.getId(), UserIdentity.Type.EMAIL, user.getEmail(), null, true));
        if (user.getUsername() != null) {
            em.persist(new UserIdentity(user.getId(), UserIdentity.Type.USERNAME, user.getUsername(), clock.instant(),
                    false));
        }
    }

    /**
     * @param userId the account that may already hold it, or {@code null} for a new account
     * @throws ApiError 409 {@code email_taken} when another account has this e-mail, primary or not
     */
    public static void requireEmailFree(EntityManager em, String email, String userId) {
        Optional<String> owner = IdentityRows.ownerOfEmail(em, email);
        if (owner.isPresent() && !owner.get().equals(userId)) {
            throw emailTaken();
        }
    }

    /**
     * @param userId the account that may already hold it, or {@code null} for a new account
     * @throws ApiError 409 {@code username_taken} when another account has this username
     */
    public static void requireUsernameFree(EntityManager em, Username username, String userId) {
        Optional<UserAccount> owner = IdentityRows.userByUsername(em, username.value());
        if (owner.isPresent() && !owner.get().getId().equals(userId)) {
            throw usernameTaken();
        }
    }

    /**
     * Sets, changes or (with an empty {@code username}) removes the account's username, its identity row
     * with it. For the profile's PATCH as much as for sign-up.
     *
     * @throws ApiError 409 {@code username_taken}
     */
    public void changeUsername(EntityManager em, UserAccount user, Optional<Username> username) {
        if (username.isPresent()) {
            requireUsernameFree(em, username.get(), user.getId());
        }
        String before = user.getUsername();
        String after = username.map(Username::value).orElse(null);
        if (Objects.equals(before, after)) {
            return;
        }
        if (before != null) {
            IdentityRows.find(em, UserIdentity.Type.USERNAME, before).ifPresent(em::remove);
            em.flush(); // the old row goes before a new one with the same key could come
        }
        user.setUsername(after);
        if (after != null) {
            em.persist(new UserIdentity(user.getId(), UserIdentity.Type.USERNAME, after, clock.instant(), false));
        }
    }

    /**
     * Makes a verified e-mail of the account its primary: {@code user_account.email} follows, and with
     * it the tokens issued from now on and {@code getRemoteUser()}.
     *
     * @throws ApiError 404 {@code not_found} when the e-mail is not the account's, 409
     *     {@code email_not_verified} when it is but was never verified
     */
    public void setPrimaryEmail(EntityManager em, UserAccount user, String email) {
        UserIdentity chosen = IdentityRows.find(em, UserIdentity.Type.EMAIL, UserAccount.normalizeEmail(email))
                .filter(i -> i.getUserId().equals(user.getId()))
                .orElseThrow(() -> new ApiError(404, "not_found", "This e-mail is not one of your account's."));
        if (chosen.isPrimary()) {
            return;
        }
        if (!chosen.isVerified()) {
            throw ApiError.conflict("email_not_verified", "Verify this e-mail before making it the primary one.");
        }
        for (UserIdentity other : IdentityRows.of(em, user.getId())) {
            if (other.getType() == UserIdentity.Type.EMAIL && other.isPrimary()) {
                other.setPrimary(false);
            }
        }
        chosen.setPrimary(true);
        user.setEmail(chosen.getValue());
    }

    /**
     * Removes one of the account's identities.
     *
     * @throws ApiError 404 {@code not_found} when it is not the account's, 409 {@code primary_identity} for
     *     the primary e-mail, 409 {@code last_identity} when no other way to sign in would be left
     */
    public void remove(EntityManager em, UserAccount user, String identityId) {
        List<UserIdentity> rows = IdentityRows.of(em, user.getId());
        UserIdentity target = rows.stream().filter(i -> i.getId().equals(identityId)).findFirst()
                .orElseThrow(() -> new ApiError(404, "not_found", "There is no such identity."));
        if (target.isPrimary()) {
            throw ApiError.conflict("primary_identity", "The primary e-mail cannot be removed; make another"
                    + " verified e-mail primary first.");
        }
        if (rows.stream().filter(i -> i != target).noneMatch(Identities::signsIn)) {
            throw ApiError.conflict("last_identity", "This is the last way to sign in to the account.");
        }
        if (target.getType() == UserIdentity.Type.USERNAME) {
            user.setUsername(null);
        }
        em.remove(target);
    }

    /** Whether an identity alone lets its user sign in: the primary e-mail, a verified one, a username. */
    static boolean signsIn(UserIdentity identity) {
        return switch (identity.getType()) {
            case EMAIL -> identity.isPrimary() || identity.isVerified();
            case USERNAME -> true;
            case OIDC, ANONYMOUS -> identity.isVerified();
        };
    }

    public static ApiError emailTaken() {
        return ApiError.conflict("email_taken", "An account with this e-mail already exists.");
    }

    public static ApiError usernameTaken() {
        return ApiError.conflict("username_taken", "This username is taken.");
    }
}
