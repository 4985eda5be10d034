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
import java.util.concurrent.atomic.AtomicReferenceArray;
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
 *
 * <p>The key needs no tenant: the hash covers the signed {@code tid}, and the claims kept carry the
 * tenant, which {@link IdentityResolver} compares with the request's.
 */
public final class VerifiedTokens {

    private final Supplier<TokenService> tokens;
    private final Clock clock;
    private final Cache<Digest, TokenService.VerifiedToken> cache;
    private final Scratches scratches = new Scratches();

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
        Scratch scratch = scratches.borrow();
        Digest key = Digest.of(token.getBytes(StandardCharsets.UTF_8), scratch);
        scratches.giveBack(scratch); // not after an exception: its digest may be half-way through
        return verify(key, () -> token);
    }

    /**
     * The claims of the token a request presents, if it is valid. A token seen before is looked up by
     * the SHA-256 of its characters as they stand in the header: nothing is copied out of it.
     */
    Optional<TokenService.VerifiedToken> verify(PresentedToken presented) {
        int length = presented.end() - presented.start();
        if (cache == null || !presented.scanned() || length == 0 || length > TokenService.MAX_TOKEN_LENGTH) {
            return verify(presented.token());
        }
        Scratch scratch = scratches.borrow();
        Digest key = Digest.ofAscii(presented.source(), presented.start(), presented.end(), scratch);
        scratches.giveBack(scratch); // not after an exception: its digest may be half-way through
        return verify(key, presented::token);
    }

    private Optional<TokenService.VerifiedToken> verify(Digest key, Supplier<String> token) {
        TokenService.VerifiedToken known = cache.getIfPresent(key);
        if (known != null) {
            return current(known);
        }
        Optional<TokenService.VerifiedToken> verified = tokens.get().verify(token.get());
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

    /** What hashing a token needs: the digest, a buffer for the token's bytes and one for the result. */
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

    /**
     * Scratch lent to one thread at a time. Looking the algorithm up, and a copy of the token, for
     * every request showed in profiles; a {@code ThreadLocal} would keep one on every container
     * thread after an undeploy, and with it the web application's class loader. A thread takes the
     * slot its hash picks and puts it back; when the slot is empty (another thread has it) it makes
     * a scratch of its own, and drops it when the slot is full again.
     */
    private static final class Scratches {
        private final AtomicReferenceArray<Scratch> slots = new AtomicReferenceArray<>(64);

        Scratch borrow() {
            Scratch taken = slots.getAndSet(slot(), null);
            return taken != null ? taken : new Scratch();
        }

        void giveBack(Scratch scratch) {
            slots.compareAndSet(slot(), null, scratch);
        }

        private int slot() {
            return System.identityHashCode(Thread.currentThread()) & (slots.length() - 1);
        }
    }

    /** The SHA-256 of a token: the key of a verified token, never the token itself. */
    private record Digest(long a, long b, long c, long d) {

        /**
         * The SHA-256 of {@code text} from {@code start} to {@code end}, which must be ASCII only (a
         * token {@link PresentedToken} scanned): its UTF-8 bytes are then its chars' low bytes.
         */
        @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): the low byte of each char, fast
        static Digest ofAscii(String text, int start, int end, Scratch scratch) {
            MessageDigest sha256 = scratch.sha256;
            byte[] bytes = scratch.bytes;
            for (int from = start; from < end; from += bytes.length) {
                int to = Math.min(end, from + bytes.length);
                text.getBytes(from, to, bytes, 0);
                sha256.update(bytes, 0, to - from);
            }
            try {
                sha256.digest(scratch.out, 0, 32);
            } catch (DigestException e) {
                throw new IllegalStateException("SHA-256 is 32 bytes long", e);
            }
            return ofHash(scratch.out);
        }

        /** The SHA-256 of {@code bytes}. */
        static Digest of(byte[] bytes, Scratch scratch) {
            MessageDigest sha256 = scratch.sha256;
            sha256.reset();
            return ofHash(sha256.digest(bytes));
        }

        private static Digest ofHash(byte[] sha256) {
            ByteBuffer bytes = ByteBuffer.wrap(sha256);
            return new Digest(bytes.getLong(0), bytes.getLong(8), bytes.getLong(16), bytes.getLong(24));
        }
    }
}
