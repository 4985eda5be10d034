package org.portcullis.filter.identity;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.mindrot.jbcrypt.BCrypt;

/**
 * bcrypt hashing with the edges jBCrypt leaves open closed: passwords longer than bcrypt reads
 * (72 UTF-8 bytes) are refused instead of silently truncated, a malformed or foreign hash is
 * "no match" instead of an exception, and an unknown account costs the same time as a wrong
 * password by checking a dummy hash of the same cost.
 */
public final class Passwords {

    /** bcrypt reads no more than this many bytes. */
    public static final int MAX_BYTES = 72;
    /** Shortest password accepted for a new account (ASVS 6.2.1). */
    public static final int MIN_LENGTH = 8;

    private final int cost;
    private final SecureRandom random = new SecureRandom();
    private final String dummyHash;

    public Passwords(int cost) {
        this.cost = cost;
        this.dummyHash = BCrypt.hashpw("portcullis-dummy-password", BCrypt.gensalt(cost, random));
    }

    /** Whether bcrypt can take the password whole. */
    public static boolean fitsBcrypt(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
    }

    /** Hashes a password that {@link #fitsBcrypt fits}. */
    public String hash(String password) {
        if (password == null || !fitsBcrypt(password)) {
            throw new IllegalArgumentException("password must be present and at most 72 UTF-8 bytes");
        }
        return BCrypt.hashpw(password, BCrypt.gensalt(cost, random));
    }

    /**
     * Whether {@code password} matches {@code hash}. A {@code null} hash (unknown account, account
     * without password) is checked against the dummy hash, so that it takes as long as a real check.
     */
    public boolean matches(String password, String hash) {
        if (password == null || !fitsBcrypt(password)) {
            return false;
        }
        if (hash == null) {
            checkQuietly(password, dummyHash);
            return false;
        }
        return checkQuietly(password, normalize(hash));
    }

    /** bcrypt's {@code $2b$} and {@code $2y$} variants compute the same hash as {@code $2a$}. */
    private static String normalize(String hash) {
        if (hash.startsWith("$2b$") || hash.startsWith("$2y$")) {
            return "$2a$" + hash.substring(4);
        }
        return hash;
    }

    private boolean checkQuietly(String password, String hash) {
        try {
            return BCrypt.checkpw(password, hash);
        } catch (RuntimeException malformedHash) {
            // A corrupt or foreign hash is a mismatch; the dummy check keeps the timing the same.
            BCrypt.checkpw(password, dummyHash);
            return false;
        }
    }
}
