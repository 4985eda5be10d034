package org.portcullis.filter.identity;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.portcullis.filter.tenancy.Tenant;
import org.portcullis.model.UserAccount;

/**
 * Issues and verifies access tokens: compact JWS, HS256 only.
 *
 * <p>java-jwt checks {@code exp} only when present and treats {@code "exp": null} as present, so
 * this class insists on every required claim itself after the library's checks. The token type
 * header is {@value #TYPE}, so that a token of another kind (an invitation, say) signed with the same
 * key can never pass as an access token.
 *
 * <p>Keys rotate without signing anyone out: a token carries the {@code kid} of the key that signed
 * it; the signing key and every former key given to the constructor verify, any other {@code kid}
 * is refused.
 *
 * <p>A token names its tenant in the {@code tid} claim (the tenant's code, contract §10). A token
 * without one, as every token issued before tenants was, is the default tenant's; a {@code tid} that is
 * not a well-formed code fails verification. Whether the tenant is the request's is
 * {@link IdentityResolver}'s question.
 */
public final class TokenService {

    /** The {@code typ} header of an access token (RFC 9068). */
    public static final String TYPE = "at+jwt";
    /** Longest token looked at; anything longer is not one of ours. */
    public static final int MAX_TOKEN_LENGTH = 4096;

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** The claim naming the token's tenant. */
    static final String TENANT_CLAIM = "tid";
    /** Clock skew allowed for nbf and iat, so a token made on a node a little ahead works on the others. Expiry is exact. */
    private static final long LEEWAY_SECONDS = 5;

    private final Algorithm algorithm;
    private final String keyId;
    private final JWTVerifier verifier;
    /** Key id → verifier, for the signing key and every former one. */
    private final Map<String, JWTVerifier> verifiers;
    private final String issuer;
    private final Duration ttl;
    private final Clock clock;
    private final Supplier<Tenant> tenant;
    /** java-jwt's Jackson buffers, kept off the container's threads between calls. */
    private final JacksonThreadBuffers buffers = new JacksonThreadBuffers();

    public TokenService(byte[] secret, String issuer, Duration ttl, Clock clock) {
        this(secret, List.of(), issuer, ttl, clock);
    }

    /**
     * @param secret the key that signs, and verifies
     * @param previous former signing keys that still verify, so that rotating the secret signs no
     *     one out; a token names its key in the {@code kid} header
     */
    public TokenService(byte[] secret, List<byte[]> previous, String issuer, Duration ttl, Clock clock) {
        this(secret, previous, issuer, ttl, clock, () -> Tenant.DEFAULT);
    }

    /**
     * @param tenant the tenant the calling thread works for: what {@link #issue(UserAccount)} and
     *     {@link #issue(Holder)} name in {@code tid}
     */
    public TokenService(byte[] secret, List<byte[]> previous, String issuer, Duration ttl, Clock clock,
                        Supplier<Tenant> tenant) {
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.algorithm = Algorithm.HMAC256(secret);
        this.keyId = keyId(secret);
        this.issuer = issuer;
        this.ttl = ttl;
        this.clock = clock;
        this.verifier = verifier(algorithm, issuer, clock);
        Map<String, JWTVerifier> byId = new HashMap<>();
        for (byte[] former : previous) {
            byId.put(keyId(former), verifier(Algorithm.HMAC256(former), issuer, clock));
        }
        byId.put(keyId, verifier);
        this.verifiers = Map.copyOf(byId);
    }

    private static JWTVerifier verifier(Algorithm algorithm, String issuer, Clock clock) {
        // The clock-taking build is on the implementation class only.
        return ((JWTVerifier.BaseVerification) JWT.require(algorithm)
                .withIssuer(issuer)
                .withClaimPresence("exp")
                .withClaimPresence("nbf")
                .withClaimPresence("jti")
                .withClaimPresence("sub")
                .acceptLeeway(LEEWAY_SECONDS)
                .acceptExpiresAt(0))
                .build(clock);
    }

    /**
     * The {@code kid} of a secret: 96 bits of a SHA-256 over a fixed label and the secret. It tells
     * keys apart and reveals nothing usable about the secret.
     */
    static String keyId(byte[] secret) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update("portcullis key id:".getBytes(StandardCharsets.UTF_8));
            byte[] digest = sha256.digest(secret);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 12));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** A freshly signed token and what the server needs to remember of it. */
    public record IssuedToken(String token, String tokenId, Instant expiresAt) {
        @Override
        public String toString() {
            return "IssuedToken[" + tokenId + "]"; // never the token itself
        }
    }

    /**
     * The claims of a token that passed every check.
     *
     * @param issuedAt when it became valid ({@code nbf}, which Portcullis sets to the time of issue)
     * @param tenant the tenant its {@code tid} names; the default one for a token without {@code tid}
     */
    public record VerifiedToken(String userId, String tokenId, Instant issuedAt, Instant expiresAt, Tenant tenant) {

        public VerifiedToken {
            Objects.requireNonNull(tenant, "tenant");
        }

        /** A token of the default tenant. */
        public VerifiedToken(String userId, String tokenId, Instant issuedAt, Instant expiresAt) {
            this(userId, tokenId, issuedAt, expiresAt, Tenant.DEFAULT);
        }
    }

    /**
     * Who a token is for, as a value: {@code new Holder(userId, null, "Ada")} for an account without an
     * e-mail address (an anonymous user, or one known by a username).
     *
     * @param email the address, or null (or blank) when the account has none: the token then has no
     *     {@code email} claim at all, neither {@code null} nor empty
     */
    public record Holder(String userId, String email, String name) {

        public Holder {
            Objects.requireNonNull(userId, "userId");
            email = email == null || email.isBlank() ? null : email;
        }

        public static Holder of(UserAccount user) {
            return new Holder(user.getId(), user.getEmail(), user.getName());
        }
    }

    /** Signs a token for {@code user} of the tenant the calling thread works for; see {@link #issue(Holder, Tenant)}. */
    public IssuedToken issue(UserAccount user) {
        return issue(Holder.of(user), tenant.get());
    }

    /** Signs a token for {@code holder} of the tenant the calling thread works for; see {@link #issue(Holder, Tenant)}. */
    public IssuedToken issue(Holder holder) {
        return issue(holder, tenant.get());
    }

    /** Signs a token for {@code user} of {@code tenant}; see {@link #issue(Holder, Tenant)}. */
    public IssuedToken issue(UserAccount user, Tenant tenant) {
        return issue(Holder.of(user), tenant);
    }

    /**
     * Signs a token for {@code holder} of {@code tenant}; the claims are those of the contract, §3.3, and
     * {@code tid}; {@code email} only when the holder has an address.
     */
    public IssuedToken issue(Holder holder, Tenant tenant) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(ttl);
        String tokenId = UUID.randomUUID().toString();
        String token = buffers.lentFor(() -> withEmail(JWT.create()
                .withHeader(Map.of("typ", TYPE, "kid", keyId))
                .withSubject(holder.userId()), holder.email())
                .withClaim("name", holder.name())
                .withIssuer(issuer)
                .withClaim(TENANT_CLAIM, tenant.code())
                .withJWTId(tokenId)
                .withIssuedAt(now)
                .withNotBefore(now)
                .withExpiresAt(expiresAt)
                .sign(algorithm));
        return new IssuedToken(token, tokenId, expiresAt);
    }

    /** The builder with {@code email}, or untouched when there is none: never an {@code "email": null}. */
    private static JWTCreator.Builder withEmail(JWTCreator.Builder token, String email) {
        return email == null ? token : token.withClaim("email", email);
    }

    /**
     * Verifies a presented token. Any failure gives empty, never an exception: a bad token makes a
     * guest, not an error.
     */
    public Optional<VerifiedToken> verify(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        return buffers.lentFor(() -> verified(token));
    }

    private Optional<VerifiedToken> verified(String token) {
        try {
            DecodedJWT unverified = JWT.decode(token);
            // A token without kid can only be one signed with the current key.
            JWTVerifier chosen = unverified.getKeyId() == null ? verifier : verifiers.get(unverified.getKeyId());
            if (chosen == null) {
                return Optional.empty();
            }
            DecodedJWT jwt = chosen.verify(unverified);
            if (!TYPE.equals(jwt.getType()) || jwt.getExpiresAt() == null || jwt.getNotBefore() == null) {
                return Optional.empty();
            }
            String subject = jwt.getSubject();
            String tokenId = jwt.getId();
            if (subject == null || tokenId == null || !UUID_TEXT.matcher(subject).matches()
                    || !UUID_TEXT.matcher(tokenId).matches()) {
                return Optional.empty();
            }
            Tenant tenant = tenant(jwt);
            if (tenant == null) {
                return Optional.empty();
            }
            return Optional.of(new VerifiedToken(subject, tokenId, jwt.getNotBeforeAsInstant(),
                    jwt.getExpiresAtAsInstant(), tenant));
        } catch (JWTVerificationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The tenant {@code tid} names: the default one when it is absent, null when it is not a tenant code. */
    private static Tenant tenant(DecodedJWT jwt) {
        Claim tid = jwt.getClaim(TENANT_CLAIM);
        if (tid.isMissing()) {
            return Tenant.DEFAULT; // issued before tokens named their tenant
        }
        String code = tid.asString(); // null for "tid": null, a number, an object
        return Tenant.isCode(code) ? Tenant.of(code) : null;
    }
}
