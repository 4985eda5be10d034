package org.portcullis.filter.authentication;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;

/**
 * Slows password guessing down without handing an attacker a way to lock real users out. Every
 * sign-in attempt is {@link #admit admitted} first and counts as a failure until it
 * {@link #succeeded succeeds}, so a burst of parallel guesses is counted before any is checked.
 *
 * <ul>
 *   <li><b>Per account</b>: exponential {@link Backoff} after {@code freeFailures} failures in a row,
 *       capped at {@code maxBackoff}; a success resets it. The key is the login as the account lookup
 *       sees it, whether or not such an account exists, so the throttle tells nothing about which
 *       accounts exist; a login that turns out to be another name of an account (its username, a
 *       further e-mail) counts under the account's own key as well ({@link #admitAlso}).</li>
 *   <li><b>Known addresses</b>: an address that has signed in to an account successfully (in the last
 *       {@link #KNOWN_FOR} on this node) has a back-off of its own for that account, so an attacker
 *       elsewhere cannot keep the owner out.</li>
 *   <li><b>Hard ceiling</b>: at most {@link #ACCOUNT_FAILURES_PER_HOUR} failures per account per hour,
 *       however they are spread (ASVS 2.2.1).</li>
 *   <li><b>Per client address</b>: at most {@code addressFailures} failures in a window of
 *       {@code addressWindow} opened by the first one, whichever accounts they were for; a success
 *       takes back only its own attempt.</li>
 * </ul>
 *
 * <p>Counters live in this node's memory, in bounded caches; several nodes each count on their own.
 */
public final class SigninThrottle {

    /** The ceiling on failures per account per hour, whatever the other settings. */
    public static final int ACCOUNT_FAILURES_PER_HOUR = 100;
    /** How long an address stays known for an account after a successful sign-in from it. */
    public static final Duration KNOWN_FOR = Duration.ofDays(30);

    private static final int MAX_KEYS = 50_000;

    /**
     * The settings.
     *
     * @param freeFailures failures in a row before the back-off starts
     * @param maxBackoff the longest back-off
     * @param addressFailures failures allowed per client address in one window
     * @param addressWindow how long a client address' window lasts
     */
    public record Limits(int freeFailures, Duration maxBackoff, int addressFailures, Duration addressWindow) {
    }

    private final Backoff backoff;
    private final FailureWindow perAccountHour;
    private final FailureWindow perAddress;
    private final Cache<String, Boolean> knownAddresses;

    public SigninThrottle(Limits limits, Ticker ticker) {
        this.backoff = new Backoff(limits.freeFailures(), limits.maxBackoff(), MAX_KEYS, ticker);
        this.perAccountHour = new FailureWindow(ACCOUNT_FAILURES_PER_HOUR, Duration.ofHours(1), MAX_KEYS, ticker);
        this.perAddress = new FailureWindow(limits.addressFailures(), limits.addressWindow(), MAX_KEYS, ticker);
        // Upkeep on the calling thread: no work left on a shared pool after an undeploy.
        this.knownAddresses = Caffeine.newBuilder().maximumSize(MAX_KEYS).expireAfterWrite(KNOWN_FOR)
                .ticker(ticker).executor(Runnable::run).build();
    }

    /**
     * Admits an attempt to sign in to {@code account} from {@code address}, counting it as a failure,
     * or says how long to wait. A refused attempt is not counted.
     *
     * @param account the login exactly as the account lookup uses it (normalized)
     * @return {@link Duration#ZERO} when admitted; then call {@link #succeeded} or {@link #abandoned}
     *     unless it fails
     */
    public Duration admit(String account, String address) {
        Duration wait = perAddress.take(address);
        if (!wait.isZero()) {
            return wait;
        }
        wait = admitAccount(account, address);
        if (!wait.isZero()) {
            perAddress.giveBack(address);
        }
        return wait;
    }

    /**
     * Counts an admitted attempt under the account's own key too, when the login named it by another
     * of its names (a username, a further e-mail), so that no name of an account has a counter of its
     * own: four names do not buy four times the guesses. The client address was counted once already.
     *
     * @param account the account's own key, as {@link Claim.SignedIn} spells it
     * @return {@link Duration#ZERO} when admitted; then call {@link #succeededAlso} or
     *     {@link #abandonedAlso} with the same key, as for the login's
     */
    public Duration admitAlso(String account, String address) {
        return admitAccount(account, address);
    }

    /** The second key of {@link #admitAlso}: its streak ends, and the address is known for it. */
    public void succeededAlso(String account, String address) {
        perAccountHour.giveBack(account);
        backoff.reset(streak(account, address));
        knownAddresses.put(pair(account, address), Boolean.TRUE);
    }

    /** The second key of {@link #admitAlso}: the attempt does not count for it. */
    public void abandonedAlso(String account, String address) {
        perAccountHour.giveBack(account);
        backoff.giveBack(streak(account, address));
    }

    private Duration admitAccount(String account, String address) {
        Duration wait = perAccountHour.take(account);
        if (!wait.isZero()) {
            return wait;
        }
        wait = backoff.take(streak(account, address));
        if (!wait.isZero()) {
            perAccountHour.giveBack(account);
        }
        return wait;
    }

    /** The admitted attempt had the right password: its account's streak ends, and the address is known. */
    public void succeeded(String account, String address) {
        perAddress.giveBack(address);
        succeededAlso(account, address);
    }

    /** The admitted attempt never got to check the password (server busy, database down): it does not count. */
    public void abandoned(String account, String address) {
        perAddress.giveBack(address);
        abandonedAlso(account, address);
    }

    private String streak(String account, String address) {
        String pair = pair(account, address);
        return knownAddresses.getIfPresent(pair) != null ? pair : account;
    }

    private static String pair(String account, String address) {
        // A login never holds a control character (sign-in refuses them), so the pair is unambiguous.
        return account + '\u0000' + address;
    }
}
