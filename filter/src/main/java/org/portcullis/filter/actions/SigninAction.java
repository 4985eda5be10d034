package org.portcullis.filter.actions;

import java.time.Duration;
import java.util.function.Supplier;
import org.portcullis.filter.authentication.Claim;
import org.portcullis.filter.authentication.Credential;
import org.portcullis.filter.authentication.SignIn;
import org.portcullis.filter.identity.TokenService;
import org.portcullis.filter.sessions.RefreshTokens;
import org.portcullis.filter.web.TokenCookie;
import org.portcullis.model.UserAccount;

/**
 * {@code user_account/signin}: proves the password through {@link SignIn} and issues a token, in the
 * reply body (Daptin's {@code client.store.set}) and as an {@code HttpOnly} cookie. The login is the
 * {@code email} attribute (or {@code username}): a username when it has no {@code @} and usernames are
 * on, else an e-mail, the primary one or any other the account verified. An unknown login, a wrong
 * password and a deleted account get the same reply after the same bcrypt work; the right password of
 * an account that is not active gets 403 with its status' code; a throttled attempt gets 429 with
 * {@code Retry-After}, a full bcrypt pool 503 ({@link SignInReplies}).
 */
public final class SigninAction implements Action {

    private final SignIn signIn;
    private final Supplier<TokenService> tokens;
    private final TokenCookie cookie;
    private final Duration ttl;
    private final boolean usernames;
    private final RefreshTokens families;

    /**
     * @param usernames {@code usernames.enabled}: a login without {@code @} is a username
     * @param families  the refresh-token families: each sign-in starts one while they are on
     */
    public SigninAction(SignIn signIn, Supplier<TokenService> tokens, TokenCookie cookie, Duration ttl,
                        boolean usernames, RefreshTokens families) {
        this.signIn = signIn;
        this.tokens = tokens;
        this.cookie = cookie;
        this.ttl = ttl;
        this.usernames = usernames;
        this.families = families;
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
        PasswordRules.requireFitsBcrypt(password);
        UserAccount user = SignInReplies.accountOrThrow(
                signIn.attempt(Claim.Login.typed(login, usernames), new Credential.Password(password), request.clientAddress()),
                "Too many failed sign-ins; try again later.", "Invalid email or password.");
        return SignInReplies.tokenReply(Reply.ok(), tokens.get().issue(user), user.getId(), cookie, request, ttl, families);
    }
}
