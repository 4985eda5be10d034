package org.portcullis.filter.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.portcullis.filter.accounts.AccountCreation;
import org.portcullis.filter.accounts.ProfileFields;
import org.portcullis.filter.accounts.Username;
import org.portcullis.filter.actions.Attributes;
import org.portcullis.filter.actions.PasswordRules;
import org.portcullis.filter.identity.Identity;
import org.portcullis.filter.permission.AccessRule;
import org.portcullis.filter.permission.Permission;
import org.portcullis.filter.permission.Subject;
import org.portcullis.filter.persistence.AccessCache;
import org.portcullis.filter.web.ApiError;
import org.portcullis.filter.web.Responses;
import org.portcullis.model.UserAccount;

/**
 * Daptin's "creating a user manually" (CONTRACT §7): {@code POST /api/user_account} with
 * <pre>{@code
 * {"data":{"type":"user_account","attributes":{"email":"ada@example.org","name":"Ada","password":"correct horse battery",
 *          "username":"ada","first_name":"Ada","last_name":"Lovelace","profile":{"team":"engines"}}}}
 * }</pre>
 * answers 201 with {@code Location: <context>/api/user_account/<id>} and the account as
 * {@code GET /api/user_account/<id>} shows it (never a password or hash). Allowed to whoever the
 * {@code user_account} entity's {@code world} row allows Create: administrators only by default; a
 * guest gets 401 {@code not_signed_in}, anyone else 403 {@code forbidden}. The account is made as a
 * sign-up makes it ({@link AccountCreation}: own group and {@code default.groups}, the sign-up's
 * password rules), and is active: {@code signup.approval} does not apply to an account someone else
 * makes. {@code status}, {@code locked}, the flags, ids and groups cannot be chosen here: any attribute
 * but the ones above is 400 {@code unknown_attribute} (set them afterwards with {@code PATCH}).
 */
public final class AccountCreationApi {

    /** The attributes a creation may carry. */
    static final List<String> ATTRIBUTES = List.of("email", "name", "password", "username", "first_name",
            "last_name", "profile");
    private static final String TYPE = "user_account";

    private final AccessCache access;
    private final AccountCreation creation;
    private final ProfileFields profile;
    private final PasswordRules rules;
    private final boolean usernames;
    private final int maxBodyBytes;

    /**
     * @param usernames    {@code usernames.enabled}: whether {@code username} is taken
     * @param maxBodyBytes {@code max.body.size}: a larger body is 413
     */
    public AccountCreationApi(AccessCache access, AccountCreation creation, ProfileFields profile, PasswordRules rules,
                              boolean usernames, int maxBodyBytes) {
        this.access = access;
        this.creation = creation;
        this.profile = profile;
        this.rules = rules;
        this.usernames = usernames;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Answers one {@code POST /api/user_account}.
     *
     * @param resource how the account is shown, the same as {@code GET /api/user_account/<id>}
     */
    public void create(HttpServletRequest request, HttpServletResponse response, Identity identity,
                       Function<UserAccount, Map<String, Object>> resource) throws IOException {
        Subject subject = access.subject(JsonApi.signedIn(identity));
        // Before the body is read or a password hashed: a caller who may not create costs nothing.
        if (!AccessRule.allows(subject, access.world(TYPE).orElse(null), Permission.Action.CREATE)) {
            throw ApiError.forbidden("forbidden", "You may not create user accounts.");
        }
        JsonNode data = JsonApi.data(request, maxBodyBytes, TYPE);
        for (String member : List.of("id", "relationships")) {
            if (data.has(member)) {
                throw ApiError.badRequest("unknown_attribute", "'" + member + "' cannot be chosen when an account is"
                        + " made: the id is Portcullis' and groups are joined afterwards.");
            }
        }
        Attributes in = new Attributes((ObjectNode) JsonApi.attributes(data, ATTRIBUTES));
        String name = in.text("name", Attributes.MAX_NAME_LENGTH);
        String email = UserAccount.normalizeEmail(in.email("email"));
        Optional<Username> username = in.username(usernames);
        String password = in.raw("password");
        rules.check(password);
        String firstName = in.optionalText("first_name", Attributes.MAX_PERSON_NAME_LENGTH).orElse(null);
        String lastName = in.optionalText("last_name", Attributes.MAX_PERSON_NAME_LENGTH).orElse(null);
        String storedProfile = profile.merge(null, in.optional("profile").orElse(null), subject.administrator(), true);

        UserAccount made = creation.create(new AccountCreation.NewAccount(email, name, username, firstName, lastName,
                storedProfile, false, false), password);
        response.setHeader("Location", request.getContextPath() + UserAccountApi.PATH + "/" + made.getId());
        Responses.json(request, response, 201, Map.of("data", resource.apply(made)));
    }
}
