package org.portcullis.filter.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mindrot.jbcrypt.BCrypt;

/**
 * bcrypt hashing with the edges jBCrypt leaves open closed: passwords longer than bcrypt reads
 * (72 UTF-8 bytes) are refused instead of silently truncated, a malformed or foreign hash is
 * "no match" instead of an exception, a stored hash with a cost above {@link #MAX_COST} is refused
 * rather than run for minutes, and an unknown account costs the same time as a wrong password by
 * checking a dummy hash of the same cost.
 */
public final class Passwords {

    /** bcrypt reads no more than this many bytes. */
    public static final int MAX_BYTES = 72;
    /** Shortest password accepted for a new account (ASVS 6.2.1). */
    public static final int MIN_LENGTH = 8;
    /** Lowest bcrypt cost jBCrypt accepts. */
    private static final int MIN_COST = 4;
    /** Highest bcrypt cost checked; a stored hash asking for more is treated as malformed. */
    public static final int MAX_COST = 16;

    // $2a$ (or $2b$/$2y$), two-digit cost, 22 characters of salt and 31 of hash in bcrypt's base 64.
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$(\\d\\d)\\$[./A-Za-z0-9]{53}");

    private final int cost;
    private final SecureRandom random = new SecureRandom();
    /**
     * Made in the background, so the host's deployment does not wait a whole bcrypt for it (it was
     * about a fifth of the start-up Portcullis adds); the first check that needs it waits.
     */
    private final CompletableFuture<String> dummyHash;

    /** Makes the dummy hash on the common pool: for tests and benchmarks. */
    public Passwords(int cost) {
        this(cost, ForkJoinPool.commonPool());
    }

    /**
     * @param background where the dummy hash is made: the filter's bcrypt threads, which its
     *     {@code destroy} waits for (work left on a shared pool would outlive an undeploy)
     */
    public Passwords(int cost, Executor background) {
        this.cost = cost;
        this.dummyHash = CompletableFuture.supplyAsync(
                () -> BCrypt.hashpw("portcullis-dummy-password", BCrypt.gensalt(cost, random)), background);
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
     * without password) or a malformed one is checked against the dummy hash, so that it takes as
     * long as a real check, and is no match.
     */
    public boolean matches(String password, String hash) {
        if (password == null || !fitsBcrypt(password)) {
            return false;
        }
        String checkable = hash == null ? null : normalize(hash);
        if (checkable == null) {
            check(password, dummyHash.join());
            return false;
        }
        return check(password, checkable);
    }

    /**
     * The hash in the form jBCrypt reads, or {@code null} when it is not a bcrypt hash Portcullis will
     * check. bcrypt's {@code $2b$} and {@code $2y$} variants compute the same hash as {@code $2a$}.
     */
    private static String normalize(String hash) {
        Matcher m = BCRYPT.matcher(hash);
        if (!m.matches()) {
            return null;
        }
        int cost = Integer.parseInt(m.group(1));
        return cost < MIN_COST || cost > MAX_COST ? null : "$2a$" + hash.substring(4);
    }

    private static boolean check(String password, String hash) {
        try {
            // Compared in constant time, unlike BCrypt.checkpw in jBCrypt 0.4.
            byte[] computed = BCrypt.hashpw(password, hash).getBytes(StandardCharsets.UTF_8);
            return MessageDigest.isEqual(computed, hash.getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException malformedHash) {
            return false; // jBCrypt's errors on a hash it cannot read are a mismatch, never a fault
        }
    }
}
