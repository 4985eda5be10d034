package org.portcullis.filter.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How tokens are signed, what they say and how the cookie that carries them is named. The secrets are
 * copied in and out, and never printed.
 *
 * <pre>{@code
 * <init-param><param-name>jwt.secret</param-name><param-value>${env:PORTCULLIS_JWT_SECRET}</param-value></init-param>
 * }</pre>
 *
 * @param secret           {@code jwt.secret}: the configured HMAC secret, or empty when one is generated and stored
 * @param previousSecrets  {@code jwt.secret.previous}: former signing secrets, still accepted for verification
 *                         (a token names its key by {@code kid}), so that rotating {@code jwt.secret} signs no one out
 * @param issuer           {@code jwt.issuer}: the {@code iss} claim, issued and required
 * @param ttl              {@code jwt.ttl}: token lifetime, also the cookie's {@code Max-Age}
 * @param cookieName       {@code cookie.name}: the cookie that carries the token
 * @param cookieHostPrefix {@code cookie.host.prefix}: the cookie is named {@code __Host-<cookie.name>}, always
 *                         {@code Secure}, with {@code Path=/} and no {@code Domain}, so no sibling host or other
 *                         path can set it
 */
public record TokenSettings(Optional<byte[]> secret, List<byte[]> previousSecrets, String issuer, Duration ttl,
                            String cookieName, boolean cookieHostPrefix) {

    /** Smallest HMAC-SHA256 secret accepted: 256 bits (RFC 7518 §3.2). */
    public static final int MIN_SECRET_BYTES = 32;

    static final ParameterSpec<byte[]> SECRET = ParameterSpec.secret("jwt.secret", MIN_SECRET_BYTES,
            "HMAC-SHA256 secret that signs tokens", "${env:PORTCULLIS_JWT_SECRET}")
            .documentedAs("generated once (48 random bytes), stored in the database and shared by every node");
    static final ParameterSpec<List<byte[]>> PREVIOUS_SECRETS = ParameterSpec.secrets("jwt.secret.previous",
            MIN_SECRET_BYTES, "former jwt.secrets, still verifying the tokens they signed; needs jwt.secret",
            "${env:PORTCULLIS_JWT_SECRET_OLD}");
    static final ParameterSpec<String> ISSUER = ParameterSpec.text("jwt.issuer", "portcullis",
            "the iss claim, issued and required", "notes-app");
    static final ParameterSpec<Duration> TTL = ParameterSpec.duration("jwt.ttl", Duration.ofHours(1),
            Duration.ofNanos(1), Duration.ofDays(30), "token lifetime, also the cookie's Max-Age", "PT15M");
    static final ParameterSpec<String> COOKIE_NAME = ParameterSpec.matching("cookie.name", "token",
            "[A-Za-z0-9_\\-]{1,64}", "use letters, digits, '_' or '-', e.g. token",
            "cookie that carries the token", "session");
    static final ParameterSpec<Boolean> COOKIE_HOST_PREFIX = ParameterSpec.bool("cookie.host.prefix", false,
            "name the token cookie __Host-<cookie.name>: Secure, Path=/, no Domain");

    /** This record's parameters, in the order of the reference table. */
    public static final List<ParameterSpec<?>> PARAMETERS = List.of(SECRET, PREVIOUS_SECRETS, ISSUER, TTL,
            COOKIE_NAME, COOKIE_HOST_PREFIX);

    public TokenSettings {
        secret = secret.map(byte[]::clone);
        previousSecrets = previousSecrets.stream().map(byte[]::clone).toList();
    }

    /** Reads the token parameters; former secrets need a configured signing secret. */
    public static TokenSettings from(Parameters p) {
        Optional<byte[]> secret = Optional.ofNullable(p.get(SECRET));
        List<byte[]> previous = p.get(PREVIOUS_SECRETS);
        if (!previous.isEmpty() && secret.isEmpty()) {
            throw new ConfigException(PREVIOUS_SECRETS.name(), "needs 'jwt.secret': former secrets only make sense"
                    + " when the signing secret is configured");
        }
        return new TokenSettings(secret, previous, p.get(ISSUER), p.get(TTL), p.get(COOKIE_NAME),
                p.get(COOKIE_HOST_PREFIX));
    }

    @Override
    public Optional<byte[]> secret() {
        return secret.map(byte[]::clone);
    }

    @Override
    public List<byte[]> previousSecrets() {
        return previousSecrets.stream().map(byte[]::clone).toList();
    }

    @Override
    public String toString() {
        // Never print a secret.
        return "TokenSettings[secret=" + (secret.isPresent() ? "configured" : "stored") + ", previous="
                + previousSecrets.size() + ", issuer=" + issuer + ", ttl=" + ttl + ", cookie=" + cookieName
                + ", cookie.host.prefix=" + cookieHostPrefix + "]";
    }
}
