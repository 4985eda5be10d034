package org.portcullis.filter.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Tokens that passed {@link TokenService#verify}, used until they expire, so that a token
 * presented again is neither parsed nor checked against its signature again. Whether it was revoked
 * or its user disabled is not remembered here: that is the database's answer, cached for
 * {@code cache.ttl} by {@code AccessCache}.
 *
 * <p>Entries are keyed by the SHA-256 of the token, so the cache holds no bearer credential, and only
 * tokens that verified are ever stored: a forged token costs a lookup and a full verification. A
 * token is never used at or past its {@code exp}, whatever the cache's own upkeep is doing.
 */
public final class VerifiedTokens {

    private final Supplier<TokenService> tokens;
    private final Clock clock;
    private final Cache<ByteBuffer, TokenService.VerifiedToken> cache;

    /**
     * @param tokens the token service, asked for lazily (its secret may live in the database)
     * @param maximumSize most tokens remembered; with {@code enabled} false none are
     */
    public VerifiedTokens(Supplier<TokenService> tokens, Clock clock, boolean enabled, int maximumSize) {
        this.tokens = tokens;
        this.clock = clock;
        // Bounded by size only: the exact expiry is checked on every use (current), so Caffeine's own
        // expiry (a clock read per lookup and a timer wheel kept on the request's thread) adds nothing
        // but cost. A token past its exp is never used; it stays until evicted or replaced.
        this.cache = !enabled ? null : Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .executor(Runnable::run)
                .build();
    }

    /** As {@link TokenService#verify}: the claims of a valid token, or empty. */
    public Optional<TokenService.VerifiedToken> verify(String token) {
        if (cache == null || token == null || token.isEmpty() || token.length() > TokenService.MAX_TOKEN_LENGTH) {
            return tokens.get().verify(token);
        }
        ByteBuffer key = digest(token);
        TokenService.VerifiedToken known = cache.getIfPresent(key);
        if (known != null) {
            return current(known);
        }
        Optional<TokenService.VerifiedToken> verified = tokens.get().verify(token);
        verified.ifPresent(v -> cache.put(key, v));
        return verified;
    }

    private Optional<TokenService.VerifiedToken> current(TokenService.VerifiedToken token) {
        return clock.millis() < token.expiresAt().toEpochMilli() ? Optional.of(token) : Optional.empty();
    }

    /** How many tokens are remembered now; for tests. */
    long size() {
        if (cache == null) {
            return 0;
        }
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** One SHA-256 per thread: looking the algorithm up for every request showed in profiles. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    });

    private static ByteBuffer digest(String token) {
        return ByteBuffer.wrap(SHA_256.get().digest(token.getBytes(StandardCharsets.UTF_8)));
    }
}
