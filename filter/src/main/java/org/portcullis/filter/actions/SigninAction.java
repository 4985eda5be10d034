package org.portcullis.filter.actions;

import java.time.Duration;
import java.util.Optional;
import org.portcullis.filter.identity.Passwords;
import org.portcullis.filter.identity.TokenService;
import org.portcullis.filter.persistence.Accounts;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.web.TokenCookie;
import org.portcullis.model.UserAccount;
import java.util.function.Supplier;

/**
 * {@code user_account/signin}: checks the password and issues a token, in the reply body (Daptin's
 * {@code client.store.set}) and as an {@code HttpOnly} cookie. An unknown e-mail, a wrong password
 * and a disabled account get the same reply after the same bcrypt work.
 */
public final class SigninAction implements Action {

    private final Database database;
    private final Passwords passwords;
    private final Supplier<TokenService> tokens;
    private final TokenCookie cookie;
    private final Duration ttl;

    public SigninAction(Database database, Passwords passwords, Supplier<TokenService> tokens, TokenCookie cookie,
                        Duration ttl) {
        this.database = database;
        this.passwords = passwords;
        this.tokens = tokens;
        this.cookie = cookie;
        this.ttl = ttl;
    }

    @Override
    public String entity() {
        return "user_account";
    }

    @Override
    public String name() {
        return "signin";
    }

    @Override
    public Reply perform(ActionRequest request) {
        Attributes in = request.attributes();
        String login = in.has("email") ? in.text("email", Attributes.MAX_EMAIL_LENGTH)
                : in.text("username", Attributes.MAX_EMAIL_LENGTH);
        String password = in.raw("password");
        if (!Passwords.fitsBcrypt(password)) {
            throw ApiError.badRequest("password_too_long",
                    "The password must be at most " + Passwords.MAX_BYTES + " bytes in UTF-8.");
        }
        Optional<UserAccount> found = database.read(em -> Accounts.userByEmail(em, login));
        boolean matches = passwords.matches(password, found.map(UserAccount::getPasswordHash).orElse(null));
        if (!matches || !found.get().isActive()) {
            throw new ApiError(401, "invalid_credentials", "Invalid email or password.");
        }
        TokenService.IssuedToken issued = tokens.get().issue(found.get());
        return Reply.ok()
                .storeSet(cookie.name(), issued.token())
                .cookieSet(cookie.name(), issued.token() + "; SameSite=Strict")
                .notify("success", "Success", "Logged in")
                .redirect(request.link("/"), 2000)
                .setCookie(cookie.set(issued.token(), request.contextPath(), ttl, request.secure()));
    }
}
