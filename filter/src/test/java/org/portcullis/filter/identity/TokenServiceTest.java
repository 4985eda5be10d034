package org.portcullis.filter.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.portcullis.filter.tenancy.Tenant;
import org.portcullis.model.UserAccount;

/** Every check of token verification, each with a token that tries to get around it. */
class TokenServiceTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef-test".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final TokenService tokens = new TokenService(SECRET, "portcullis", Duration.ofHours(1), clock);
    private final UserAccount user = new UserAccount("ada@example.com", "Ada", null);

    private String forge(UnaryOperator<JWTCreator.Builder> change, Algorithm algorithm) {
        JWTCreator.Builder builder = JWT.create().withHeader(Map.of("typ", TokenService.TYPE))
                .withSubject(user.getId()).withIssuer("portcullis").withJWTId(UUID.randomUUID().toString())
                .withIssuedAt(NOW).withNotBefore(NOW).withExpiresAt(NOW.plusSeconds(600));
        return change.apply(builder).sign(algorithm);
    }

    private String forge(UnaryOperator<JWTCreator.Builder> change) {
        return forge(change, Algorithm.HMAC256(SECRET));
    }

    @Test
    void issuedTokenWhenVerifiedThenCarriesUserAndExpiry() {
        TokenService.IssuedToken issued = tokens.issue(user);

        Optional<TokenService.VerifiedToken> verified = tokens.verify(issued.token());

        assertEquals(Optional.of(new TokenService.VerifiedToken(user.getId(), issued.tokenId(), NOW, NOW.plusSeconds(3600))),
                verified);
        assertEquals("ada@example.com", JWT.decode(issued.token()).getClaim("email").asString());
        assertTrue(JWT.decode(issued.token()).getClaims().keySet().stream().noneMatch(k -> k.contains("pass")));
    }

    /** The payload of a token as its JSON text. */
    private static String payload(String token) {
        return new String(Base64.getUrlDecoder().decode(JWT.decode(token).getPayload()), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " "})
    void issuedTokenWhenHolderHasNoEmailThenNoEmailClaimAndItVerifies(String email) {
        String userId = UUID.randomUUID().toString();
        TokenService.IssuedToken issued = tokens.issue(new TokenService.Holder(userId, email, "Anonymous"), Tenant.DEFAULT);

        assertTrue(JWT.decode(issued.token()).getClaim("email").isMissing());
        assertFalse(payload(issued.token()).contains("email"), payload(issued.token()));
        assertEquals(Optional.of(new TokenService.VerifiedToken(userId, issued.tokenId(), NOW, NOW.plusSeconds(3600))),
                tokens.verify(issued.token()));
    }

    @Test
    void issuedTokenWhenAccountHasNoEmailThenNoEmailClaimAndItVerifies() throws ReflectiveOperationException {
        UserAccount anonymous = new UserAccount("anonymous@example.com", "Anonymous", null);
        Field email = UserAccount.class.getDeclaredField("email");
        email.setAccessible(true);
        email.set(anonymous, null); // as an account without an address will be stored

        TokenService.IssuedToken issued = tokens.issue(anonymous);

        assertFalse(payload(issued.token()).contains("email"), payload(issued.token()));
        assertEquals(anonymous.getId(), tokens.verify(issued.token()).orElseThrow().userId());
    }

    @Test
    void issuedTokenWhenHolderHasAnEmailThenTheClaimCarriesIt() {
        String token = tokens.issue(new TokenService.Holder(user.getId(), "ada@example.com", "Ada"), Tenant.DEFAULT).token();

        assertEquals("ada@example.com", JWT.decode(token).getClaim("email").asString());
    }

    @Test
    void issuedTokenWhenDecodedThenTidNamesTheTenant() {
        assertEquals("default", JWT.decode(tokens.issue(user).token()).getClaim("tid").asString());

        String other = tokens.issue(user, new Tenant("other")).token();

        assertEquals("other", JWT.decode(other).getClaim("tid").asString());
        assertEquals(new Tenant("other"), tokens.verify(other).orElseThrow().tenant());
    }

    @Test
    void tokenWhenWithoutTidThenTheDefaultTenants() {
        // Every token issued before tokens named their tenant has no tid: it stays valid.
        assertSame(Tenant.DEFAULT, tokens.verify(forge(b -> b)).orElseThrow().tenant());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " default", "de fault", "-x", "t\u00e9", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void tokenWhenTidIsNoTenantCodeThenRejected(String tid) {
        assertTrue(tokens.verify(forge(b -> b.withClaim("tid", tid))).isEmpty());
    }

    @Test
    void tokenWhenTidIsNullOrNotTextThenRejected() {
        assertTrue(tokens.verify(forge(b -> b.withNullClaim("tid"))).isEmpty());
        assertTrue(tokens.verify(forge(b -> b.withClaim("tid", 7))).isEmpty());
        assertTrue(tokens.verify(forge(b -> b.withClaim("tid", Map.of("code", "default")))).isEmpty());
    }

    @Test
    void tokenWhenTidIsChangedAfterSigningThenRejected() {
        String[] parts = tokens.issue(user).token().split("\\.");
        String otherTenant = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"tid\":\"default\"", "\"tid\":\"other\"").getBytes(StandardCharsets.UTF_8));

        assertTrue(!otherTenant.equals(parts[1]), "the payload named the tenant");
        assertTrue(tokens.verify(parts[0] + "." + otherTenant + "." + parts[2]).isEmpty(),
                "a tid is only as good as the signature over it");
    }

    @Test
    void forgedTokenWhenMadeWithTheRightKeyThenAccepted() {
        // The control for every rejection below: the forging helper itself makes valid tokens.
        assertTrue(tokens.verify(forge(b -> b)).isPresent());
    }

    @Test
    void tokenWhenSignedWithAnotherSecretThenRejected() {
        assertTrue(tokens.verify(forge(b -> b, Algorithm.HMAC256("another secret of at least 32 bytes!!"))).isEmpty());
    }

    @Test
    void tokenWhenSignedWithHs512ThenRejected() {
        assertTrue(tokens.verify(forge(b -> b, Algorithm.HMAC512(SECRET))).isEmpty());
    }

    @Test
    void tokenWhenSignedWithRs256ThenRejected() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        Algorithm rsa = Algorithm.RSA256((RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate());
        assertTrue(tokens.verify(forge(b -> b, rsa)).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
    void tokenWhenAlgorithmIsNoneInAnyCaseThenRejected(String alg) {
        String good = forge(b -> b);
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"alg\":\"" + alg + "\",\"typ\":\"at+jwt\"}").getBytes(StandardCharsets.UTF_8));
        String payload = good.split("\\.")[1];
        assertTrue(tokens.verify(header + "." + payload + ".").isEmpty());
        assertTrue(tokens.verify(header + "." + payload).isEmpty());
    }

    @Test
    void tokenWhenSignatureStrippedOrPayloadAlteredThenRejected() {
        String[] parts = forge(b -> b).split("\\.");
        String otherPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace(user.getId(), UUID.randomUUID().toString()).getBytes(StandardCharsets.UTF_8));
        assertTrue(tokens.verify(parts[0] + "." + parts[1] + ".").isEmpty());
        assertTrue(tokens.verify(parts[0] + "." + parts[1]).isEmpty());
        assertTrue(tokens.verify(parts[0] + "." + otherPayload + "." + parts[2]).isEmpty());
    }

    @Test
    void tokenWhenExpiredOrNotYetValidThenRejected() {
        assertTrue(tokens.verify(forge(b -> b.withExpiresAt(NOW.minusSeconds(30)))).isEmpty());
        assertTrue(tokens.verify(forge(b -> b.withExpiresAt(NOW))).isEmpty());
        assertTrue(tokens.verify(forge(b -> b.withNotBefore(NOW.plusSeconds(60)))).isEmpty());
    }

    @Test
    void tokenWhenExpiryMissingOrNullThenRejected() {
        // java-jwt alone accepts both (see shared/reference/security-notes.md §2).
        assertTrue(tokens.verify(forge(b -> b.withExpiresAt((Instant) null))).isEmpty());
        assertTrue(tokens.verify(forge(b -> b.withNullClaim("exp"))).isEmpty());
    }

    @Test
    void tokenWhenNotBeforeOrIdOrSubjectMissingThenRejected() {
        assertTrue(tokens.verify(forge(b -> b.withNotBefore((Instant) null))).isEmpty());
        assertTrue(tokens.verify(forge(b -> b.withNullClaim("nbf"))).isEmpty());
        assertTrue(tokens.verify(forge(b -> b.withJWTId(null))).isEmpty());
        assertTrue(tokens.verify(forge(b -> b.withSubject(null))).isEmpty());
    }

    @Test
    void tokenWhenSubjectOrIdIsNotAUuidThenRejected() {
        assertTrue(tokens.verify(forge(b -> b.withSubject("admin"))).isEmpty());
        assertTrue(tokens.verify(forge(b -> b.withSubject(user.getId() + " "))).isEmpty());
        assertTrue(tokens.verify(forge(b -> b.withJWTId("1"))).isEmpty());
    }

    @Test
    void tokenWhenIssuerWrongOrMissingThenRejected() {
        assertTrue(tokens.verify(forge(b -> b.withIssuer("someone-else"))).isEmpty());
        assertTrue(tokens.verify(forge(b -> b.withIssuer(null))).isEmpty());
    }

    @Test
    void tokenWhenTypeIsNotAnAccessTokenThenRejected() {
        assertTrue(tokens.verify(forge(b -> b.withHeader(Map.of("typ", "JWT")))).isEmpty());
        assertTrue(tokens.verify(forge(b -> b.withHeader(Map.of("typ", "invitation+jwt")))).isEmpty());
    }

    @Test
    void tokenWhenGarbageOrHugeThenRejectedWithoutException() {
        for (String garbage : new String[] {null, "", ".", "..", "a.b.c", "a.b.c.d.e", "%%%.%%%.%%%",
                "x".repeat(TokenService.MAX_TOKEN_LENGTH + 1)}) {
            assertTrue(tokens.verify(garbage).isEmpty(), String.valueOf(garbage));
        }
    }

    // ---- key rotation --------------------------------------------------------------------------

    private static final byte[] FORMER = "former-secret-former-secret-0123456789".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER = "someone-elses-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    @Test
    void tokenWhenSignedWithAFormerKeyThenAcceptedAfterRotationAndRefusedOnceTheKeyIsDropped() {
        String old = new TokenService(FORMER, "portcullis", Duration.ofHours(1), clock).issue(user).token();
        TokenService rotated = new TokenService(SECRET, java.util.List.of(FORMER), "portcullis", Duration.ofHours(1), clock);

        assertTrue(rotated.verify(old).isPresent(), "issued before the rotation, still good");
        assertTrue(rotated.verify(rotated.issue(user).token()).isPresent());
        assertEquals(TokenService.keyId(SECRET), JWT.decode(rotated.issue(user).token()).getKeyId(), "signed with the new key");
        assertTrue(tokens.verify(old).isEmpty(), "with the former key dropped, its tokens die");
    }

    @Test
    void tokenWhenKidIsUnknownOrNamesAnotherKeyThanTheOneThatSignedThenRejected() {
        TokenService rotated = new TokenService(SECRET, java.util.List.of(FORMER), "portcullis", Duration.ofHours(1), clock);
        String unknownKid = forge(b -> b.withHeader(Map.of("typ", TokenService.TYPE, "kid", "nope")));
        String formerKidOtherKey = forge(b -> b.withHeader(Map.of("typ", TokenService.TYPE,
                "kid", TokenService.keyId(FORMER))), Algorithm.HMAC256(OTHER));
        String formerKidCurrentKey = forge(b -> b.withHeader(Map.of("typ", TokenService.TYPE,
                "kid", TokenService.keyId(FORMER))));
        String noKidFormerKey = forge(b -> b, Algorithm.HMAC256(FORMER));

        assertTrue(rotated.verify(unknownKid).isEmpty());
        assertTrue(rotated.verify(formerKidOtherKey).isEmpty());
        assertTrue(rotated.verify(formerKidCurrentKey).isEmpty(), "the kid picks the key; the signature must match it");
        assertTrue(rotated.verify(noKidFormerKey).isEmpty(), "without a kid only the current key verifies");
        assertTrue(rotated.verify(forge(b -> b)).isPresent(), "without a kid, signed with the current key: accepted");
    }

    @Test
    void keyIdWhenComputedThenStableDistinctAndNotTheSecret() {
        assertEquals(TokenService.keyId(SECRET), TokenService.keyId(SECRET.clone()));
        assertTrue(!TokenService.keyId(SECRET).equals(TokenService.keyId(FORMER)));
        String kid = TokenService.keyId(SECRET);
        assertEquals(16, kid.length());
        assertTrue(!new String(SECRET, StandardCharsets.UTF_8).contains(kid)
                && !Base64.getUrlEncoder().encodeToString(SECRET).contains(kid));
    }
}
