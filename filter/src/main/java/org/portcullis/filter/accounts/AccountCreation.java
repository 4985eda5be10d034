package org.portcullis.filter.accounts;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import org.portcullis.filter.authentication.BcryptPool;
import org.portcullis.filter.identity.Passwords;
import org.portcullis.filter.persistence.AccountRows;
import org.portcullis.filter.persistence.Change;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.persistence.DatabaseUnavailableException;
import org.portcullis.filter.persistence.IdentityRows;
import org.portcullis.filter.web.ApiError;
import org.portcullis.model.UserAccount;
import org.portcullis.model.UserGroup;
import org.portcullis.model.UserStatus;

/**
 * The one way an account is made, by a sign-up or by an administrator ({@code POST /api/user_account}):
 * the password hashed on the {@link BcryptPool} (outside the transaction), then in one transaction the
 * user, its identity rows, a group of its own, and membership of that group and of every default group.
 * Two creations of one e-mail at the same moment make one account; the other gets 409. The caller has
 * checked the password against the rules and the other values against their grammars.
 *
 * <pre>{@code
 * UserAccount made = creation.create(new AccountCreation.NewAccount("ada@example.org", "Ada", Optional.empty(),
 *         "Ada", "Lovelace", null, false), "correct horse battery");
 * }</pre>
 */
public final class AccountCreation {

    /**
     * What the new account holds.
     *
     * @param email          normalised ({@link UserAccount#normalizeEmail})
     * @param firstName      {@code null} when not given
     * @param lastName       {@code null} when not given
     * @param profile        the profile column's text ({@link ProfileFields#merge}), {@code null} when none
     * @param awaitsApproval {@code signup.approval} applies: the account is {@code pending_approval} while
     *                       an administrator exists to approve it (else nobody could, and it is active)
     */
    public record NewAccount(String email, String name, Optional<Username> username, String firstName,
                             String lastName, String profile, boolean awaitsApproval) {
    }

    private final Database database;
    private final Passwords passwords;
    private final BcryptPool pool;
    private final List<String> defaultGroups;
    private final Identities identities;

    public AccountCreation(Database database, Passwords passwords, BcryptPool pool, List<String> defaultGroups,
                           Identities identities) {
        this.database = database;
        this.passwords = passwords;
        this.pool = pool;
        this.defaultGroups = List.copyOf(defaultGroups);
        this.identities = identities;
    }

    /**
     * Makes the account.
     *
     * @throws ApiError 409 {@code email_taken} or {@code username_taken}; 503 {@code busy} when the bcrypt
     *     pool is full
     */
    public UserAccount create(NewAccount account, String password) {
        // Slow: outside the transaction, and on the bounded pool.
        String hash = pool.tryRun(() -> passwords.hash(password)).orElseThrow(ApiError::busy);
        try {
            return database.inTransaction(em -> persist(em, account, hash), user -> Change.user(user.getId()));
        } catch (DatabaseUnavailableException e) {
            // A racing creation of the same e-mail fails on the unique key: that is a conflict, not an outage.
            if (database.read(em -> IdentityRows.ownerOfEmail(em, account.email()).isPresent())) {
                throw Identities.emailTaken();
            }
            if (account.username().isPresent() && database.read(em -> IdentityRows.userByUsername(em,
                    account.username().get().value()).isPresent())) {
                throw Identities.usernameTaken();
            }
            throw e;
        }
    }

    private UserAccount persist(EntityManager em, NewAccount account, String hash) {
        Identities.requireEmailFree(em, account.email(), null);
        account.username().ifPresent(u -> Identities.requireUsernameFree(em, u, null));
        UserAccount user = new UserAccount(account.email(), account.name(), hash);
        account.username().ifPresent(u -> user.setUsername(u.value()));
        user.setFirstName(account.firstName());
        user.setLastName(account.lastName());
        user.setProfile(account.profile());
        if (account.awaitsApproval() && administratorExists(em)) {
            user.setStatus(UserStatus.PENDING_APPROVAL);
        }
        em.persist(user);
        identities.recordNewAccount(em, user);
        UserGroup own = new UserGroup(UserGroup.personalGroupName(user.getId()), user.getId());
        em.persist(own);
        AccountRows.addMember(em, user, own);
        for (String groupName : defaultGroups) {
            UserGroup group = AccountRows.groupByName(em, groupName).orElseGet(() -> {
                UserGroup created = new UserGroup(groupName, null);
                em.persist(created);
                return created;
            });
            AccountRows.addMember(em, user, group);
        }
        return user;
    }

    /**
     * While nobody administers, nobody could approve: the account is active, so that its owner can become
     * the first administrator ({@code world/become_an_administrator} has the same window).
     */
    private static boolean administratorExists(EntityManager em) {
        return AccountRows.groupByName(em, UserGroup.ADMINISTRATORS)
                .map(admins -> AccountRows.memberCount(em, admins.getId()) > 0).orElse(false);
    }
}
