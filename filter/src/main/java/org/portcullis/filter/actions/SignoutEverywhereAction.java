package org.portcullis.filter.actions;

import java.time.Clock;
import org.portcullis.filter.persistence.AccountRows;
import org.portcullis.filter.persistence.Change;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.web.TokenCookie;

/**
 * {@code user_account/signout_everywhere}: refuses every token of the caller issued until now, on
 * every device and every node (within {@code cache.ttl} on the others), and clears this browser's
 * cookie. Tokens are compared by the second they were issued, so a sign-in in the same second as
 * this is refused too and must be repeated a moment later.
 */
public final class SignoutEverywhereAction implements Action {

    private final Database database;
    private final TokenCookie cookie;
    private final Clock clock;

    public SignoutEverywhereAction(Database database, TokenCookie cookie, Clock clock) {
        this.database = database;
        this.cookie = cookie;
        this.clock = clock;
    }

    @Override
    public String entity() {
        return "user_account";
    }

    @Override
    public String name() {
        return "signout_everywhere";
    }

    @Override
    public Reply perform(ActionRequest request) {
        String userId = request.signedIn();
        database.inTransaction(Change.user(userId), em -> {
            AccountRows.userById(em, userId).ifPresent(user -> user.invalidateTokensIssuedBefore(clock.instant()));
            return null;
        });
        return SignoutAction.signedOut(cookie, request, "Signed out on every device", "/auth/signin", 0);
    }
}
