package org.portcullis.filter.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
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
    private final Cache<Digest, TokenService.VerifiedToken> cache;

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
        if (token == null) {
            return tokens.get().verify(null);
        }
        return verify(new PresentedToken(token, null));
    }

    /**
     * The claims of the token a request presents, if it is valid. A token seen before is looked up by
     * the SHA-256 of its characters as they stand in the header: nothing is copied out of it.
     */
    public Optional<TokenService.VerifiedToken> verify(PresentedToken presented) {
        int length = presented.end() - presented.start();
        if (cache == null || length == 0 || length > TokenService.MAX_TOKEN_LENGTH) {
            return tokens.get().verify(presented.token());
        }
        Digest key = Digest.of(presented.source(), presented.start(), presented.end());
        TokenService.VerifiedToken known = cache.getIfPresent(key);
        if (known != null) {
            return current(known);
        }
        Optional<TokenService.VerifiedToken> verified = tokens.get().verify(presented.token());
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

    /** The SHA-256 of a token: the key of a verified token, never the token itself. */
    private record Digest(long a, long b, long c, long d) {

        /** Per thread: the digest, a buffer for the token's bytes and one for the result. */
        private static final class Scratch {
            final MessageDigest sha256;
            final byte[] bytes = new byte[512];
            final byte[] out = new byte[32];

            Scratch() {
                try {
                    sha256 = MessageDigest.getInstance("SHA-256");
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException("every Java runtime has SHA-256", e);
                }
            }
        }

        /** Looking the algorithm up, and a copy of the token, for every request showed in profiles. */
        private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

        /** The SHA-256 of the UTF-8 bytes of {@code text} from {@code start} to {@code end}. */
        static Digest of(String text, int start, int end) {
            Scratch scratch = SCRATCH.get();
            MessageDigest sha256 = scratch.sha256;
            byte[] bytes = scratch.bytes;
            int filled = 0;
            for (int i = start; i < end; i++) {
                char c = text.charAt(i);
                if (c >= 0x80) { // not one of ours; hashed as UTF-8 like any other string, copy and all
                    sha256.reset();
                    return of(sha256.digest(text.substring(start, end).getBytes(StandardCharsets.UTF_8)));
                }
                if (filled == bytes.length) {
                    sha256.update(bytes, 0, filled);
                    filled = 0;
                }
                bytes[filled++] = (byte) c;
            }
            sha256.update(bytes, 0, filled);
            try {
                sha256.digest(scratch.out, 0, 32);
            } catch (DigestException e) {
                throw new IllegalStateException("SHA-256 is 32 bytes long", e);
            }
            return of(scratch.out);
        }

        private static Digest of(byte[] sha256) {
            ByteBuffer bytes = ByteBuffer.wrap(sha256);
            return new Digest(bytes.getLong(0), bytes.getLong(8), bytes.getLong(16), bytes.getLong(24));
        }
    }
}
