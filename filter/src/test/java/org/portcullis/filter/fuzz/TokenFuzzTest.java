package org.portcullis.filter.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.portcullis.filter.identity.TokenService;
import org.portcullis.model.UserAccount;

/**
 * Fuzzes the token entry point. Whatever a client presents, {@link TokenService#verify} answers
 * "not a token" without throwing, and no edit of a genuine token verifies as anyone else, or as the
 * same user with another token id or expiry: a token either is the one we signed or it is nothing.
 *
 * <p>{@code mvn verify} replays the inputs under {@code TokenFuzzTestInputs}; CI also fuzzes it for a
 * bounded time with {@code JAZZER_FUZZ=1} (see {@code .ci/run}).
 */
class TokenFuzzTest {

    private static final byte[] SECRET = "fuzzing-secret-fuzzing-secret-0123456789".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");
    private static final TokenService TOKENS =
            new TokenService(SECRET, "portcullis", Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC));
    private static final TokenService.IssuedToken GENUINE =
            TOKENS.issue(new UserAccount("ada@example.com", "Ada", null));
    private static final TokenService.VerifiedToken GENUINE_CLAIMS = TOKENS.verify(GENUINE.token()).orElseThrow();

    @FuzzTest(maxDuration = "20s")
    void anyPresentedTokenIsEitherTheGenuineOneOrNothing(FuzzedDataProvider data) {
        String presented = data.consumeBoolean() ? edited(GENUINE.token(), data) : data.consumeRemainingAsString();

        Optional<TokenService.VerifiedToken> verified = TOKENS.verify(presented);

        if (verified.isPresent()) {
            assertEquals(GENUINE_CLAIMS, verified.get(), "a token verified with other claims: " + presented);
            assertTrue(presented.length() <= TokenService.MAX_TOKEN_LENGTH);
        }
    }

    /** The genuine token with a few fuzzer-chosen replacements, insertions or deletions. */
    private static String edited(String token, FuzzedDataProvider data) {
        StringBuilder out = new StringBuilder(token);
        int edits = data.consumeInt(1, 4);
        for (int i = 0; i < edits && out.length() > 0; i++) {
            int at = data.consumeInt(0, out.length() - 1);
            switch (data.consumeInt(0, 2)) {
                case 0 -> out.setCharAt(at, data.consumeChar());
                case 1 -> out.insert(at, data.consumeString(8));
                default -> out.deleteCharAt(at);
            }
        }
        return out.toString();
    }
}
