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
import org.portcullis.model.UserAccount;

/**
 * Token verification: the first step of every request that presents a token.
 *
 * <p>{@link #verifyCold} is the full work for a token the node has not seen yet: Base64 decoding, JSON
 * parsing of header and claims, HMAC-SHA256, and the claim checks. A verified-token cache keyed by
 * {@code jti} (issue 5) must leave this path as it is and add a cached path next to it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TokenBenchmark {

    private TokenService tokens;
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
    }

    /** TokenService.verify, no cache: what every request with a token pays today. */
    @Benchmark
    public Optional<TokenService.VerifiedToken> verifyCold() {
        return tokens.verify(token);
    }

    // TODO(issue 5, cache): once the verified-token cache is merged, add
    //
    //     @Benchmark
    //     public Object verifyCached() { return <cache>.verify(token); }
    //
    // with the cache built in setUp() and warmed with one verify(token), so that this measures a hit:
    // the lookup by the token text (or its jti) and the expiry check, with no JSON parsing and no HMAC.
    // Report it next to verifyCold in BENCHMARKS.md.
}
