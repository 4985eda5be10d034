package org.portcullis.filter.authentication;

import java.util.Objects;

/**
 * What a client presents to prove it is the account it claims: the one input of {@link SignIn}
 * besides the {@link Claim}. Sealed, so that a new kind of credential is one more case of the one
 * sign-in path, under the same throttle, pool, timing and logging, and never a second path beside it.
 *
 * <pre>{@code
 * SignIn.Outcome outcome = signIn.attempt(Claim.login(email), new Credential.Password(password), address);
 * }</pre>
 *
 * <p>Wave 2 adds its credentials here as further records: an anonymous user's secret, a one-time
 * code, a refresh token and an external identity (a provider's verified subject).
 */
public sealed interface Credential {

    /**
     * A password, checked against the account's bcrypt hash. Its {@link #toString} never shows it,
     * so no log line or exception message can carry it by accident.
     *
     * @param text the password as typed; the caller has refused one that bcrypt cannot read whole
     */
    record Password(String text) implements Credential {

        public Password {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String toString() {
            return "Password[hidden]";
        }
    }
}
