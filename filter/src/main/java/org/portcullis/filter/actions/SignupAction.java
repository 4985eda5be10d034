package org.portcullis.filter.actions;

import java.util.List;
import org.portcullis.filter.authentication.BcryptPool;
import org.portcullis.filter.identity.CommonPasswords;
import org.portcullis.filter.identity.Passwords;
import org.portcullis.filter.persistence.AccountRows;
import org.portcullis.filter.persistence.Change;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.persistence.DatabaseUnavailableException;
import org.portcullis.filter.web.ApiError;
import org.portcullis.model.UserAccount;
import org.portcullis.model.UserGroup;
import org.portcullis.model.UserStatus;

/**
 * {@code user_account/signup}: a user, a group of their own, and membership of that group and of
 * every default group, all in one transaction. Two sign-ups of one e-mail at the same moment make
 * one account; the other gets 409. The password must be 8 characters to 72 UTF-8 bytes and not one
 * of the {@link CommonPasswords}; hashing it runs on the {@link BcryptPool} (503 when it is full).
 */
public final class SignupAction implements Action {

    private final Database database;
    private final Passwords passwords;
    private final PasswordRules rules;
    private final BcryptPool pool;
    private final boolean enabled;
    private final List<String> defaultGroups;
    private final boolean approval;

    public SignupAction(Database database, Passwords passwords, CommonPasswords common, BcryptPool pool,
                        boolean enabled, List<String> defaultGroups) {
        this(database, passwords, common, pool, enabled, defaultGroups, false);
    }

    /**
     * @param approval {@code signup.approval}: new accounts are {@code pending_approval}, and sign in only
     *     once an administrator has set them {@code active}; the reply keeps its shape and says so. While no
     *     administrator exists, a new account is active all the same: nobody could approve it
     */
    public SignupAction(Database database, Passwords passwords, CommonPasswords common, BcryptPool pool,
                        boolean enabled, List<String> defaultGroups, boolean approval) {
        this.approval = approval;
        this.database = database;
        this.passwords = passwords;
        this.rules = new PasswordRules(common);
        this.pool = pool;
        this.enabled = enabled;
        this.defaultGroups = List.copyOf(defaultGroups);
    }

    @Override
    public String entity() {
        return "user_account";
    }

    @Override
    public String name() {
        return "signup";
    }

    @Override
    public Reply perform(ActionRequest request) {
        if (!enabled) {
            throw ApiError.forbidden("signup_disabled", "Sign-up is switched off.");
        }
        Attributes in = request.attributes();
        String name = in.text("name", Attributes.MAX_NAME_LENGTH);
        String email = UserAccount.normalizeEmail(in.email("email"));
        String password = in.raw("password");
        String confirm = in.raw("passwordConfirm");
        PasswordRules.requireConfirmed(password, confirm);
        rules.check(password);

        // Slow: outside the transaction, and on the bounded pool.
        String hash = pool.tryRun(() -> passwords.hash(password)).orElseThrow(ApiError::busy);
        UserAccount account;
        try {
            account = database.inTransaction(em -> {
                if (AccountRows.userByEmail(em, email).isPresent()) {
                    throw emailTaken();
                }
                UserAccount user = new UserAccount(email, name, hash);
                if (approval && administratorExists(em)) {
                    user.setStatus(UserStatus.PENDING_APPROVAL);
                }
                em.persist(user);
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
            }, user -> Change.user(user.getId()));
        } catch (DatabaseUnavailableException e) {
            // A racing sign-up of the same e-mail fails on the unique key: that is a conflict, not an outage.
            if (database.read(em -> AccountRows.userByEmail(em, email).isPresent())) {
                throw emailTaken();
            }
            throw e;
        }
        return Reply.ok()
                .notify("success", "Success", account.getStatus() == UserStatus.PENDING_APPROVAL
                        ? "Sign-up successful. An administrator must approve the account before you can sign in"
                        : "Sign-up successful. Redirecting to sign in")
                .redirect(request.link("/auth/signin"), 2000);
    }

    /**
     * While nobody administers, nobody could approve: the account is active, so that its owner can become
     * the first administrator ({@code world/become_an_administrator} has the same window).
     */
    private static boolean administratorExists(jakarta.persistence.EntityManager em) {
        return AccountRows.groupByName(em, UserGroup.ADMINISTRATORS)
                .map(admins -> AccountRows.memberCount(em, admins.getId()) > 0).orElse(false);
    }

    private static ApiError emailTaken() {
        return ApiError.conflict("email_taken", "An account with this e-mail already exists.");
    }
}
