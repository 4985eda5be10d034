package org.portcullis.bench;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.portcullis.filter.identity.TokenService;
import org.portcullis.filter.identity.VerifiedTokens;
import org.portcullis.model.UserAccount;

/**
 * Token verification: the first step of every request that presents a token.
 *
 * <p>{@link #verifyCold} is the full work for a token the node has not seen yet: Base64 decoding, JSON
 * parsing of header and claims, HMAC-SHA256, and the claim checks. {@link #verifyCached} is what a
 * request pays for a token the node has verified before ({@code VerifiedTokens}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TokenBenchmark {

    private TokenService tokens;
    private VerifiedTokens cached;
    private String token;

    @Setup
    public void setUp() {
        byte[] secret = "a bench secret that is long enough for HS256, 48 b".getBytes(StandardCharsets.UTF_8);
        tokens = new TokenService(secret, "portcullis", Duration.ofHours(1), Clock.systemUTC());
        UserAccount user = new UserAccount("bench@example.test", "Bench User", null);
        token = tokens.issue(user).token();
        if (tokens.verify(token).isEmpty()) {
            throw new IllegalStateException("the bench token does not verify");
        }
        TokenService service = tokens;
        cached = new VerifiedTokens(() -> service, Clock.systemUTC(), true, 10_000);
        if (cached.verify(token).isEmpty()) {
            throw new IllegalStateException("the bench token does not verify through the cache");
        }
    }

    /** TokenService.verify, no cache: what every request with a token pays today. */
    @Benchmark
    public Optional<TokenService.VerifiedToken> verifyCold() {
        return tokens.verify(token);
    }

    /**
     * VerifiedTokens.verify on a token seen before: a SHA-256 of the token text, one cache lookup and
     * the exact expiry check; no Base64, no JSON, no HMAC.
     */
    @Benchmark
    public Optional<TokenService.VerifiedToken> verifyCached() {
        return cached.verify(token);
    }
}
