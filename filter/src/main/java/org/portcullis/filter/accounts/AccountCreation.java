package org.portcullis.filter.accounts;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.portcullis.filter.authentication.BcryptPool;
import org.portcullis.filter.codes.OneTimeCodes;
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
 * <p>A sign-up that must prove its e-mail ({@code signup.verification}) makes a {@code pending_verification}
 * account, and one on an e-mail still held by such an unproved sign-up <em>replaces</em> that claim (the
 * pre-account takeover defence): the pending account gets the new name, password, username and profile,
 * only its own and the default groups, and every earlier code of it dies (it has no token: a pending account
 * cannot sign in); nothing of the earlier claim is merged in. Only an account made by a sign-up that is still waiting for its code is replaced,
 * never one an administrator set to {@code pending_verification}.
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
     * @param verifies       the e-mail must be proved first: the account is {@code pending_verification}
     */
    public record NewAccount(String email, String name, Optional<Username> username, String firstName,
                             String lastName, String profile, boolean awaitsApproval, boolean verifies) {
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
        return create(account, password, (em, user) -> { });
    }

    /**
     * Makes the account and runs {@code also} in the same transaction (say, a verification code and its
     * mail), so that either both are written or neither.
     */
    public UserAccount create(NewAccount account, String password, BiConsumer<EntityManager, UserAccount> also) {
        // Slow: outside the transaction, and on the bounded pool.
        String hash = pool.tryRun(() -> passwords.hash(password)).orElseThrow(ApiError::busy);
        try {
            return database.inTransaction(em -> {
                UserAccount user = persist(em, account, hash);
                also.accept(em, user);
                return user;
            }, user -> Change.user(user.getId()));
        } catch (DatabaseUnavailableException e) {
            throw conflictOr(account, e);
        }
    }

    /**
     * What a failed creation's transaction means: a racing creation of the same e-mail (or username) fails on
     * the unique key, and that is a conflict, 409, not an outage; anything else is {@code e}.
     */
    public RuntimeException conflictOr(NewAccount account, DatabaseUnavailableException e) {
        if (database.read(em -> IdentityRows.ownerOfEmail(em, account.email()).isPresent())) {
            return Identities.emailTaken();
        }
        if (account.username().isPresent() && database.read(em -> IdentityRows.userByUsername(em,
                account.username().get().value()).isPresent())) {
            return Identities.usernameTaken();
        }
        return e;
    }

    /**
     * The password's hash, worked out on the bounded pool, for a creation that runs inside a transaction
     * of its caller's ({@link #persistProved}).
     *
     * @throws ApiError 503 {@code busy} when the bcrypt pool is full
     */
    public String hash(String password) {
        return pool.tryRun(() -> passwords.hash(password)).orElseThrow(ApiError::busy);
    }

    /**
     * Makes, in the caller's transaction, an account whose e-mail is already proved (an invitation's code
     * was mailed to it): {@code active} whatever {@code signup.verification} and {@code signup.approval} say,
     * its e-mail verified. An unproved sign-up's claim on the address is replaced, as a sign-up replaces it.
     *
     * @param hash the password's hash ({@link #hash})
     * @throws ApiError 409 {@code email_taken} or {@code username_taken}
     */
    public UserAccount persistProved(EntityManager em, NewAccount account, String hash, java.time.Instant now) {
        Optional<UserAccount> claim = unprovedClaim(em, account.email());
        UserAccount user = claim.isPresent() ? replace(em, claim.get(), account, hash) : persist(em,
                new NewAccount(account.email(), account.name(), account.username(), account.firstName(),
                        account.lastName(), account.profile(), false, false), hash);
        user.setStatus(UserStatus.ACTIVE);
        em.flush(); // the identity rows of a new account, before they are marked
        IdentityRows.find(em, org.portcullis.model.UserIdentity.Type.EMAIL, account.email())
                .filter(row -> row.getUserId().equals(user.getId()))
                .ifPresent(row -> row.markVerified(now));
        return user;
    }

    /**
     * Spends the time a creation spends hashing, for a reply that must not tell a taken e-mail by its speed.
     *
     * @throws ApiError 503 {@code busy} when the bcrypt pool is full, as a creation would
     */
    public void hashInVain(String password) {
        pool.tryRun(() -> passwords.hash(password)).orElseThrow(ApiError::busy);
    }

    private UserAccount persist(EntityManager em, NewAccount account, String hash) {
        if (account.verifies()) {
            Optional<UserAccount> claim = unprovedClaim(em, account.email());
            if (claim.isPresent()) {
                return replace(em, claim.get(), account, hash);
            }
        }
        Identities.requireEmailFree(em, account.email(), null);
        account.username().ifPresent(u -> Identities.requireUsernameFree(em, u, null));
        UserAccount user = new UserAccount(account.email(), account.name(), hash);
        account.username().ifPresent(u -> user.setUsername(u.value()));
        user.setFirstName(account.firstName());
        user.setLastName(account.lastName());
        user.setProfile(account.profile());
        if (account.verifies()) {
            user.setStatus(UserStatus.PENDING_VERIFICATION);
        } else if (account.awaitsApproval() && administratorExists(em)) {
            user.setStatus(UserStatus.PENDING_APPROVAL);
        }
        em.persist(user);
        identities.recordNewAccount(em, user);
        joinOwnGroup(em, user, true);
        joinDefaultGroups(em, user);
        return user;
    }

    /**
     * The account that holds {@code email} as an unfinished sign-up: {@code pending_verification}, and the
     * code its sign-up was mailed still on record for it.
     */
    private static Optional<UserAccount> unprovedClaim(EntityManager em, String email) {
        return IdentityRows.ownerOfEmail(em, email).flatMap(id -> AccountRows.userById(em, id))
                .filter(user -> user.getStatus() == UserStatus.PENDING_VERIFICATION && email.equals(user.getEmail()))
                .filter(user -> OneTimeCodes.onRecord(em, OneTimeCodes.Purpose.VERIFY_EMAIL, email, user.getId()));
    }

    /** The earlier, unproved claim on the e-mail becomes this one; nothing of it is kept but its id. */
    private UserAccount replace(EntityManager em, UserAccount user, NewAccount account, String hash) {
        if (account.username().isPresent() || user.getUsername() != null) {
            identities.changeUsername(em, user, account.username());
        }
        user.setName(account.name());
        user.setPasswordHash(hash);
        user.setFirstName(account.firstName());
        user.setLastName(account.lastName());
        user.setProfile(account.profile());
        em.createQuery("delete from GroupMembership m where m.userId = :user").setParameter("user", user.getId())
                .executeUpdate();
        OneTimeCodes.killAll(em, user.getId());
        joinOwnGroup(em, user, false);
        joinDefaultGroups(em, user);
        return user;
    }

    /**
     * Makes {@code user} a member of its own group ({@code user:<id>}), making the group: at once for a new
     * account ({@code isNew}), else only when it is missing.
     */
    public static void joinOwnGroup(EntityManager em, UserAccount user, boolean isNew) {
        String name = UserGroup.personalGroupName(user.getId());
        UserGroup own = isNew ? null : AccountRows.groupByName(em, name).orElse(null);
        if (own == null) {
            own = new UserGroup(name, user.getId());
            em.persist(own);
        }
        AccountRows.addMember(em, user, own);
    }

    /** Makes {@code user} a member of every {@code default.groups} group (made if missing): a sign-up's, or an upgrade's. */
    public void joinDefaultGroups(EntityManager em, UserAccount user) {
        joinGroups(em, user, defaultGroups);
    }

    /** Makes {@code user} a member of each of {@code groupNames} (made if missing) it is not a member of yet. */
    public static void joinGroups(EntityManager em, UserAccount user, List<String> groupNames) {
        for (String groupName : groupNames) {
            UserGroup group = AccountRows.groupByName(em, groupName).orElseGet(() -> {
                UserGroup created = new UserGroup(groupName, null);
                em.persist(created);
                return created;
            });
            if (AccountRows.membership(em, user.getId(), group.getId()).isEmpty()) {
                AccountRows.addMember(em, user, group);
            }
        }
    }

    /**
     * While nobody administers, nobody could approve: the account is active, so that its owner can become
     * the first administrator ({@code world/become_an_administrator} has the same window).
     */
    public static boolean administratorExists(EntityManager em) {
        return AccountRows.groupByName(em, UserGroup.ADMINISTRATORS)
                .map(admins -> AccountRows.memberCount(em, admins.getId()) > 0).orElse(false);
    }
}
