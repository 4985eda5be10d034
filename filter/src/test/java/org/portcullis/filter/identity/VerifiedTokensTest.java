package org.portcullis.filter.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.http.HttpServletRequest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.portcullis.filter.testing.TestClock;
import org.portcullis.model.UserAccount;

/**
 * The verified-token cache: a token seen before skips parsing and the signature check, but never
 * outlives its {@code exp}, and nothing that failed verification is ever remembered.
 */
class VerifiedTokensTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef-test".getBytes(StandardCharsets.UTF_8);

    private final TestClock clock = new TestClock(Instant.parse("2026-11-21T12:00:00Z"));
    private final TokenService service = new TokenService(SECRET, "portcullis", Duration.ofMinutes(10), clock);
    private final AtomicInteger verifications = new AtomicInteger();
    /** Counts how often the cache falls through to the token service, i.e. parses and checks a signature. */
    private final Supplier<TokenService> counting = () -> {
        verifications.incrementAndGet();
        return service;
    };
    private final TokenService.IssuedToken issued = service.issue(new UserAccount("ada@example.com", "Ada", null));

    @Test
    void verifyWhenTokenSeenBeforeThenItIsNotVerifiedAgain() {
        VerifiedTokens tokens = new VerifiedTokens(counting, clock, true, 100);

        TokenService.VerifiedToken first = tokens.verify(issued.token()).orElseThrow();
        TokenService.VerifiedToken second = tokens.verify(issued.token()).orElseThrow();

        assertEquals(first, second);
        assertEquals(issued.tokenId(), second.tokenId());
        assertEquals(1, verifications.get());
        assertEquals(1, tokens.size());
    }

    @Test
    void verifyWhenCachedTokenReachesItsExpiryThenRefusedExactlyThen() {
        VerifiedTokens tokens = new VerifiedTokens(counting, clock, true, 100);
        tokens.verify(issued.token()).orElseThrow();

        clock.set(issued.expiresAt().minusMillis(1));
        assertTrue(tokens.verify(issued.token()).isPresent());
        clock.set(issued.expiresAt());
        assertTrue(tokens.verify(issued.token()).isEmpty(), "expiry is exact, cached or not");
    }

    @Test
    void verifyWhenTokenIsForgedOrAlteredThenNeverCachedAndAlwaysChecked() {
        VerifiedTokens tokens = new VerifiedTokens(counting, clock, true, 100);
        tokens.verify(issued.token()).orElseThrow();
        String token = issued.token();
        String altered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");

        assertTrue(tokens.verify(altered).isEmpty());
        assertTrue(tokens.verify(altered).isEmpty());
        assertTrue(tokens.verify("not.a.token").isEmpty());

        assertEquals(4, verifications.get(), "every failed token was checked in full");
        assertEquals(1, tokens.size(), "only the valid token is held");
    }

    @Test
    void verifyWhenCachingIsOffThenEveryCallVerifies() {
        VerifiedTokens tokens = new VerifiedTokens(counting, clock, false, 100);

        tokens.verify(issued.token()).orElseThrow();
        tokens.verify(issued.token()).orElseThrow();

        assertEquals(2, verifications.get());
        assertEquals(0, tokens.size());
    }

    @Test
    void sizeWhenMoreTokensThanTheBoundThenAtMostTheBoundIsHeld() {
        VerifiedTokens tokens = new VerifiedTokens(counting, clock, true, 5);
        for (int i = 0; i < 50; i++) {
            tokens.verify(service.issue(new UserAccount(i + "@example.com", "U", null)).token()).orElseThrow();
        }
        assertTrue(tokens.size() <= 5, "held " + tokens.size());
    }

    @Test
    void verifyWhenTheSameTokenStandsInABearerHeaderThenItIsFoundWithoutVerifyingAgain() {
        VerifiedTokens tokens = new VerifiedTokens(counting, clock, true, 100);
        tokens.verify(issued.token()).orElseThrow();
        PresentedToken inHeader = PresentedToken.of(bearerRequest("Bearer   " + issued.token() + "  "), "token").orElseThrow();

        assertEquals(issued.tokenId(), tokens.verify(inHeader).orElseThrow().tokenId());
        assertEquals(1, verifications.get(), "the token in the header has the key of the token alone");
    }

    @Test
    void verifyWhenATokenLongerThanTheBufferStandsInAHeaderThenItHasTheKeyOfTheTokenAlone() {
        VerifiedTokens tokens = new VerifiedTokens(counting, clock, true, 100);
        String longToken = service.issue(new UserAccount("a".repeat(300) + "@example.com", "N".repeat(300), null)).token();
        assertTrue(longToken.length() > 1024, "spans more than two of the 512-byte chunks: " + longToken.length());
        tokens.verify(longToken).orElseThrow();

        PresentedToken inHeader = PresentedToken.of(bearerRequest("Bearer " + longToken), "token").orElseThrow();
        assertTrue(tokens.verify(inHeader).isPresent());
        assertEquals(1, verifications.get(), "hashed in chunks where it stands, equal to the token's own bytes");
    }

    @Test
    void verifyWhenAHeaderHoldsAnAlteredTokenThenItIsCheckedInFull() {
        VerifiedTokens tokens = new VerifiedTokens(counting, clock, true, 100);
        tokens.verify(issued.token()).orElseThrow();
        String token = issued.token();
        // The signature's last character carries 4 bits and 2 unused ones: A and B decode alike, A and E do not.
        for (String altered : new String[] {token.substring(0, token.length() - 1) + (token.endsWith("A") ? "E" : "A"),
                "A" + token.substring(1), token.substring(0, token.length() - 1)}) {
            PresentedToken inHeader = PresentedToken.of(bearerRequest("Bearer " + altered), "token").orElseThrow();
            assertTrue(tokens.verify(inHeader).isEmpty(), altered);
        }
        assertEquals(4, verifications.get());
    }

    @Test
    void verifyWhenTokensDifferOnlyPastTheFirstBufferOrInNonAsciiThenTheirKeysDiffer() {
        VerifiedTokens tokens = new VerifiedTokens(counting, clock, true, 100);
        tokens.verify(issued.token()).orElseThrow();
        // the scratch buffer holds 512 bytes: a token differing only after it, and non-ASCII text that
        // a byte cast would fold onto the valid token, must both miss and be verified (and refused)
        String padded = issued.token() + "x".repeat(600);
        assertTrue(tokens.verify(padded).isEmpty());
        assertTrue(tokens.verify(padded.substring(0, padded.length() - 1) + "y").isEmpty());
        char[] folded = issued.token().toCharArray();
        folded[5] = (char) (folded[5] + 0x100);
        assertTrue(tokens.verify(new String(folded)).isEmpty());
        assertEquals(4, verifications.get());
        assertTrue(tokens.verify(issued.token()).isPresent());
        assertEquals(4, verifications.get(), "the valid token is still the one remembered");
    }

    private static HttpServletRequest bearerRequest(String header) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getHeaders("Authorization")).thenReturn(Collections.enumeration(List.of(header)));
        return request;
    }
}
