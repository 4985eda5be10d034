package org.portcullis.filter.authentication;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.portcullis.filter.persistence.Database;

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
 *       {@link #KNOWN_FOR}) has a back-off of its own for that account, so an attacker
 *       elsewhere cannot keep the owner out.</li>
 *   <li><b>Hard ceiling</b>: at most {@link #ACCOUNT_FAILURES_PER_HOUR} failures per account per hour,
 *       however they are spread (ASVS 2.2.1).</li>
 *   <li><b>Per client address</b>: at most {@code addressFailures} failures in a window of
 *       {@code addressWindow} opened by the first one, whichever accounts they were for; a success
 *       takes back only its own attempt.</li>
 * </ul>
 *
 * <p>The counters live in {@link Counters}: in the database every node shares ({@link #shared}, the default
 * {@code signin.throttle.store=database}), so N nodes behind a load balancer allow what one would; or in this
 * node's memory, in bounded caches ({@link #inMemory}), where each node counts on its own.
 *
 * <pre>{@code
 * SigninThrottle throttle = SigninThrottle.shared(limits, database, Clock.systemUTC());
 * Duration wait = throttle.admit("ada@example.com", request.getRemoteAddr());
 * }</pre>
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

    private static final String ADDRESS = "address";
    private static final String HOUR = "hour";
    private static final String STREAK = "backoff";
    private static final String KNOWN = "known";

    private final Backoff backoff;
    private final FailureWindow perAccountHour;
    private final FailureWindow perAddress;
    private final Counters counters;

    /** Counters in this node's memory, each kind in a cache of {@value #MAX_KEYS} keys. */
    public static SigninThrottle inMemory(Limits limits) {
        return inMemory(limits, Ticker.systemTicker());
    }

    /** As {@link #inMemory(Limits)}, on {@code ticker}'s time. */
    public static SigninThrottle inMemory(Limits limits, Ticker ticker) {
        return new SigninThrottle(limits, new MemoryCounters(MAX_KEYS, ticker));
    }

    /** Counters in {@code database}'s table {@code signin_counter}, shared by every node that uses it. */
    public static SigninThrottle shared(Limits limits, Database database, Clock clock) {
        return new SigninThrottle(limits, new DatabaseCounters(database, clock));
    }

    SigninThrottle(Limits limits, Counters counters) {
        this.backoff = new Backoff(limits.freeFailures(), limits.maxBackoff());
        this.perAccountHour = new FailureWindow(ACCOUNT_FAILURES_PER_HOUR, Duration.ofHours(1));
        this.perAddress = new FailureWindow(limits.addressFailures(), limits.addressWindow());
        this.counters = counters;
    }

    /** The counters one account's attempt from one address reads: all in one {@link Counters#update}. */
    private record Keys(Counters.Key address, Counters.Key hour, Counters.Key known, Counters.Key accountStreak,
                        Counters.Key addressStreak) {

        Keys(String account, String address) {
            this(new Counters.Key(ADDRESS, address), new Counters.Key(HOUR, account),
                    new Counters.Key(KNOWN, pair(account, address)), new Counters.Key(STREAK, account),
                    new Counters.Key(STREAK, pair(account, address)));
        }

        List<Counters.Key> all() {
            return List.of(address, hour, known, accountStreak, addressStreak);
        }

        /** A known address has a streak of its own for the account. */
        Counters.Key streak(Map<Counters.Key, Counters.Counter> live) {
            return live.containsKey(known) ? addressStreak : accountStreak;
        }
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
        Keys keys = new Keys(account, address);
        return counters.update(keys.all(), (live, now) -> {
            Duration wait = perAddress.waitFor(live.get(keys.address()), now);
            if (wait.isZero()) {
                wait = admitAccount(keys, live, now);
            }
            if (wait.isZero()) {
                live.put(keys.address(), perAddress.counted(live.get(keys.address()), now));
            }
            return wait;
        });
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
        Keys keys = new Keys(account, address);
        return counters.update(keys.all(), (live, now) -> admitAccount(keys, live, now));
    }

    /** Counts the attempt for the account (its hour and its streak) unless either makes it wait. */
    private Duration admitAccount(Keys keys, Map<Counters.Key, Counters.Counter> live, long now) {
        Counters.Key streak = keys.streak(live);
        Duration wait = perAccountHour.waitFor(live.get(keys.hour()), now);
        if (wait.isZero()) {
            wait = backoff.waitFor(live.get(streak), now);
        }
        if (wait.isZero()) {
            live.put(keys.hour(), perAccountHour.counted(live.get(keys.hour()), now));
            live.put(streak, backoff.counted(live.get(streak), now));
        }
        return wait;
    }

    /** The admitted attempt had the right password: its account's streak ends, and the address is known. */
    public void succeeded(String account, String address) {
        settle(account, address, true, true);
    }

    /** The second key of {@link #admitAlso}: its streak ends, and the address is known for it. */
    public void succeededAlso(String account, String address) {
        settle(account, address, false, true);
    }

    /** The admitted attempt never got to check the password (server busy, database down): it does not count. */
    public void abandoned(String account, String address) {
        settle(account, address, true, false);
    }

    /** The second key of {@link #admitAlso}: the attempt does not count for it. */
    public void abandonedAlso(String account, String address) {
        settle(account, address, false, false);
    }

    /** Takes the attempt's failure back (from the address too, if {@code withAddress}), in one update. */
    private void settle(String account, String address, boolean withAddress, boolean success) {
        Keys keys = new Keys(account, address);
        counters.update(keys.all(), (live, now) -> {
            if (withAddress) {
                Counters.lessOne(live, keys.address());
            }
            Counters.lessOne(live, keys.hour());
            Counters.Key streak = keys.streak(live);
            if (success) {
                live.remove(streak);
                live.put(keys.known(), new Counters.Counter(1, now, now + KNOWN_FOR.toNanos()));
            } else {
                Counters.lessOne(live, streak);
            }
            return null;
        });
    }

    private static String pair(String account, String address) {
        // A login never holds a control character (sign-in refuses them), so the pair is unambiguous.
        return account + '\u0000' + address;
    }
}
