package org.portcullis.filter.actions;

import java.util.List;
import java.util.Optional;
import org.portcullis.filter.accounts.Identities;
import org.portcullis.filter.accounts.Username;
import org.portcullis.filter.authentication.BcryptPool;
import org.portcullis.filter.identity.CommonPasswords;
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
 * {@code user_account/signup}: a user, a group of their own, and membership of that group and of
 * every default group, all in one transaction. Two sign-ups of one e-mail at the same moment make
 * one account; the other gets 409 ({@code email_taken}, or {@code username_taken} for a taken optional
 * {@code username}; an e-mail is taken when any account has it, as its primary or as a further
 * verified address). The password must be 8 characters to 72 UTF-8 bytes and not one
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
    private final boolean usernames;
    private final Identities identities;

    /**
     * @param approval {@code signup.approval}: new accounts are {@code pending_approval}, and sign in only
     *     once an administrator has set them {@code active}; the reply keeps its shape and says so. While no
     *     administrator exists, a new account is active all the same: nobody could approve it
     * @param usernames {@code usernames.enabled}: the optional {@code username} attribute is taken (else
     *     refused, 400 {@code usernames_disabled})
     */
    public SignupAction(Database database, Passwords passwords, CommonPasswords common, BcryptPool pool,
                        boolean enabled, List<String> defaultGroups, boolean approval, boolean usernames,
                        Identities identities) {
        this.approval = approval;
        this.database = database;
        this.passwords = passwords;
        this.rules = new PasswordRules(common);
        this.pool = pool;
        this.enabled = enabled;
        this.defaultGroups = List.copyOf(defaultGroups);
        this.usernames = usernames;
        this.identities = identities;
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
        Optional<Username> username = username(in);
        String password = in.raw("password");
        String confirm = in.raw("passwordConfirm");
        PasswordRules.requireConfirmed(password, confirm);
        rules.check(password);

        // Slow: outside the transaction, and on the bounded pool.
        String hash = pool.tryRun(() -> passwords.hash(password)).orElseThrow(ApiError::busy);
        UserAccount account;
        try {
            account = database.inTransaction(em -> {
                Identities.requireEmailFree(em, email, null);
                username.ifPresent(u -> Identities.requireUsernameFree(em, u, null));
                UserAccount user = new UserAccount(email, name, hash);
                username.ifPresent(u -> user.setUsername(u.value()));
                if (approval && administratorExists(em)) {
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
            }, user -> Change.user(user.getId()));
        } catch (DatabaseUnavailableException e) {
            // A racing sign-up of the same e-mail fails on the unique key: that is a conflict, not an outage.
            if (database.read(em -> IdentityRows.ownerOfEmail(em, email).isPresent())) {
                throw Identities.emailTaken();
            }
            if (username.isPresent() && database.read(em -> IdentityRows.userByUsername(em, username.get().value())
                    .isPresent())) {
                throw Identities.usernameTaken();
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

    private Optional<Username> username(Attributes in) {
        if (!in.has("username")) {
            return Optional.empty();
        }
        if (!usernames) {
            throw ApiError.badRequest("usernames_disabled", "Usernames are switched off on this site.");
        }
        return Optional.of(Username.parse(in.text("username", Attributes.MAX_NAME_LENGTH)));
    }
}
