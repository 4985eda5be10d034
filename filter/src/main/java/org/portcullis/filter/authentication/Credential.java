package org.portcullis.filter.authentication;

import java.util.Objects;
import org.portcullis.filter.identity.OpaqueToken;

/**
 * What a client presents to prove it is the account it claims: the one input of {@link SignIn}
 * besides the {@link Claim}. Sealed, so that a new kind of credential is one more case of the one
 * sign-in path, under the same throttle, pool, timing and logging, and never a second path beside it.
 *
 * <pre>{@code
 * SignIn.Outcome outcome = signIn.attempt(Claim.login(email), new Credential.Password(password), address);
 * }</pre>
 *
 * <p>Wave 2 adds its credentials here as further records: an anonymous user's secret (here), a
 * one-time code, a refresh token and an external identity (a provider's verified subject).
 */
public sealed interface Credential {

    /**
     * An anonymous user's server-issued secret: 256 random bits in base64url, of which only the SHA-256 is
     * stored ({@link #hash}); 256 bits need neither a pepper nor bcrypt's cost. Its {@link #toString} never
     * shows it.
     *
     * @param text the secret as presented
     */
    record AnonymousSecret(String text) implements Credential {

        public AnonymousSecret {
            Objects.requireNonNull(text, "text");
        }

        /** The stored form of a secret: hex SHA-256 ({@link OpaqueToken#hash}). */
        public static String hash(String secret) {
            return OpaqueToken.hash(secret);
        }

        /** Whether this secret is the one {@code storedHash} was made of; {@code null} matches nothing, in the same time. */
        public boolean matches(String storedHash) {
            byte[] presented = hash(text).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] stored = (storedHash == null ? "-".repeat(64) : storedHash)
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            return java.security.MessageDigest.isEqual(presented, stored) && storedHash != null;
        }

        @Override
        public String toString() {
            return "AnonymousSecret[hidden]";
        }
    }

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
