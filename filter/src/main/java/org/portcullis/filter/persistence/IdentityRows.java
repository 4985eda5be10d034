package org.portcullis.filter.persistence;

import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.portcullis.model.UserAccount;
import org.portcullis.model.UserIdentity;

/**
 * Queries of the identities of users (their e-mails, usernames and, later, external subjects), inside a
 * caller's entity manager. Every query is parameterised; values are compared as stored (lower case).
 */
public final class IdentityRows {

    private IdentityRows() {
    }

    /**
     * The account a sign-in names: by username when {@code byUsername}, else by e-mail, where the account's
     * primary e-mail signs in (verified or not, as in wave 1) and so does any other e-mail of the account
     * that was verified. One query either way, so that both take the same time.
     */
    public static Optional<UserAccount> userByLogin(EntityManager em, String login, boolean byUsername) {
        if (byUsername) {
            return userByUsername(em, login);
        }
        return em.createQuery("select u from UserAccount u where u.email = :login or u.id in (select i.userId from"
                        + " UserIdentity i where i.type = :email and i.value = :login and i.verifiedAt is not null)",
                        UserAccount.class)
                .setParameter("login", UserAccount.normalizeEmail(login))
                .setParameter("email", UserIdentity.Type.EMAIL)
                .getResultStream().findFirst();
    }

    public static Optional<UserAccount> userByUsername(EntityManager em, String username) {
        return em.createQuery("select u from UserAccount u where u.username = :username", UserAccount.class)
                .setParameter("username", username)
                .getResultStream().findFirst();
    }

    /** The row of this type and value, whoever's it is. */
    public static Optional<UserIdentity> find(EntityManager em, UserIdentity.Type type, String value) {
        return em.createQuery("select i from UserIdentity i where i.type = :type and i.value = :value", UserIdentity.class)
                .setParameter("type", type)
                .setParameter("value", value)
                .getResultStream().findFirst();
    }

    /** Every identity of one user: the primary ones first, then by type and value. */
    public static List<UserIdentity> of(EntityManager em, String userId) {
        List<UserIdentity> rows = new ArrayList<>(em.createQuery("select i from UserIdentity i"
                        + " where i.userId = :user order by i.type, i.value", UserIdentity.class)
                .setParameter("user", userId)
                .getResultList());
        rows.sort(Comparator.comparing(i -> !i.isPrimary())); // stable: primary first, the order kept
        return rows;
    }

    /** Whether an e-mail is some account's, as its primary (in the account) or as any identity row. */
    public static Optional<String> ownerOfEmail(EntityManager em, String email) {
        String normal = UserAccount.normalizeEmail(email);
        Optional<String> identity = find(em, UserIdentity.Type.EMAIL, normal).map(UserIdentity::getUserId);
        return identity.isPresent() ? identity : AccountRows.userByEmail(em, normal).map(UserAccount::getId);
    }
}
