package org.portcullis.filter.accounts;

import jakarta.persistence.EntityManager;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.portcullis.filter.authentication.Credential;
import org.portcullis.filter.identity.OpaqueToken;
import org.portcullis.filter.persistence.AccountRows;
import org.portcullis.filter.persistence.IdentityRows;
import org.portcullis.filter.web.ApiError;
import org.portcullis.model.UserAccount;
import org.portcullis.model.UserIdentity;

/**
 * Anonymous users (CONTRACT §8): accounts a guest starts without signing up, and their upgrade to full
 * accounts, each step in the caller's transaction.
 * <ul>
 *   <li>A new one is {@code ANON_<uuid>}: that handle is its name and an {@code anonymous} identity row;
 *       its e-mail column (required and unique) holds the reserved, undeliverable
 *       {@code anon-<uuid>@anonymous.invalid} (RFC 2606) with no e-mail identity row, and it has no
 *       password, so no password sign-in and no mail ever reaches it.</li>
 *   <li>Its credential is a secret the server draws (256 bits from {@link SecureRandom}), returned once
 *       and stored as SHA-256 only ({@link Credential.AnonymousSecret}): the handle alone is never a
 *       credential (reference/accounts.md P14, Cosync's {@code contains("ANON_")}).</li>
 *   <li>It joins a group of its own and {@code anonymous.groups}, not {@code default.groups}.</li>
 *   <li>An upgrade keeps the id, and so every ownership row and group; gives the account an e-mail and a
 *       password; drops the handle and the secret; and joins {@code default.groups}. A taken e-mail is
 *       409 {@code email_taken}: never a merge (P15).</li>
 * </ul>
 *
 * <pre>{@code
 * AnonymousAccounts.Made made = anonymous.create(em);          // made.secret() goes to the client, once
 * anonymous.upgrade(em, userId, "ada@example.org", bcryptHash); // same id, now a full account
 * }</pre>
 */
public final class AnonymousAccounts {

    /** How a handle starts. */
    public static final String HANDLE_PREFIX = "ANON_";
    /** The reserved domain of an anonymous user's e-mail column. */
    public static final String EMAIL_DOMAIN = "@anonymous.invalid";

    /** A new anonymous user and its secret; {@code toString} never shows the secret. */
    public record Made(UserAccount user, String handle, String secret) {
        @Override
        public String toString() {
            return "Made[" + user.getId() + ", " + handle + "]";
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final List<String> groups;
    private final AccountCreation creation;
    private final Clock clock;

    /** @param groups {@code anonymous.groups} */
    public AnonymousAccounts(List<String> groups, AccountCreation creation, Clock clock) {
        this.groups = List.copyOf(groups);
        this.creation = creation;
        this.clock = clock;
    }

    /** Makes an anonymous user in the caller's transaction. */
    public Made create(EntityManager em) {
        String uuid = UUID.randomUUID().toString();
        String handle = HANDLE_PREFIX + uuid;
        String secret = OpaqueToken.fresh(random);
        UserAccount user = new UserAccount("anon-" + uuid + EMAIL_DOMAIN, handle, null);
        user.setAnonymous(true, Credential.AnonymousSecret.hash(secret));
        user.setLastSigninAt(clock.instant());
        em.persist(user);
        em.persist(new UserIdentity(user.getId(), UserIdentity.Type.ANONYMOUS, handleKey(handle), clock.instant(), false));
        AccountCreation.joinOwnGroup(em, user, true);
        AccountCreation.joinGroups(em, user, groups);
        return new Made(user, handle, secret);
    }

    /** How a handle is kept and looked up: lower case, as every identity value. */
    public static String handleKey(String handle) {
        return handle.strip().toLowerCase(Locale.ROOT);
    }

    /** Whether {@code email} is one no person can hold: the {@code .invalid} top-level domain (RFC 2606). */
    public static boolean reserved(String email) {
        return email.endsWith(".invalid") || email.endsWith("@invalid");
    }

    /**
     * Turns the anonymous user {@code userId} into a full account with {@code email} and the password
     * {@code hash}; the e-mail is not verified. The first statement claims the account
     * ({@code anonymous = false where anonymous = true}), so of two racing upgrades of one user one goes on.
     *
     * @return the account, upgraded
     * @throws ApiError 409 {@code not_anonymous} when it is not (or no longer) anonymous, 409
     *     {@code email_taken} when another account has the e-mail
     */
    public UserAccount upgrade(EntityManager em, String userId, String email, String hash) {
        int claimed = em.createQuery("update UserAccount u set u.anonymous = false where u.id = :id and u.anonymous = true")
                .setParameter("id", userId).executeUpdate();
        if (claimed != 1) {
            throw notAnonymous();
        }
        UserAccount user = AccountRows.userById(em, userId).orElseThrow(AnonymousAccounts::notAnonymous);
        em.refresh(user);
        Identities.requireEmailFree(em, email, null);
        for (UserIdentity row : IdentityRows.of(em, user.getId())) {
            if (row.getType() == UserIdentity.Type.ANONYMOUS) {
                em.remove(row);
            }
        }
        user.setAnonymous(false, null);
        user.setEmail(email);
        user.setPasswordHash(hash);
        em.persist(new UserIdentity(user.getId(), UserIdentity.Type.EMAIL, email, null, true));
        creation.joinDefaultGroups(em, user);
        return user;
    }

    public static ApiError notAnonymous() {
        return ApiError.conflict("not_anonymous", "Only an anonymous user can be upgraded; this account is a full one.");
    }
}
