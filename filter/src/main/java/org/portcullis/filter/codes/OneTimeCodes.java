package org.portcullis.filter.codes;

import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.portcullis.filter.identity.OpaqueToken;
import org.portcullis.filter.persistence.Bootstrap;
import org.portcullis.filter.persistence.Change;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.web.ApiError;
import org.portcullis.model.OneTimeCode;
import org.portcullis.model.Setting;

/**
 * The one store of one-time codes (CONTRACT §8), for every purpose: a second e-mail today; sign-up
 * verification, password reset and invitations later. Its rules, each against a known failure of other
 * systems (reference/accounts.md P2–P7):
 * <ul>
 *   <li>a code is 6 digits from {@link SecureRandom}, zero-padded ({@code 000042} is as likely as any);</li>
 *   <li>only HMAC-SHA256(pepper, purpose ‖ handle ‖ code) is stored, under a secret generated once and
 *       kept in the {@code setting} table, so a copy of the table gives no code, nor a way to try 10⁶ of
 *       them offline;</li>
 *   <li>one live code per purpose and handle: a new code replaces the old one, which dies with it;</li>
 *   <li>each try is counted <em>before</em> the compare, in a statement of its own
 *       ({@code attempts = attempts + 1 where attempts < 5}), so the count holds under any isolation
 *       level and any number of parallel tries: after {@value #MAX_ATTEMPTS} tries, right or wrong, or
 *       past its time to live, the code is dead;</li>
 *   <li>a right code is consumed ({@code used_at = now where used_at is null}) in the same transaction as
 *       its effect, so of parallel redemptions exactly one has an effect;</li>
 *   <li>a code may come with a <em>link</em> ({@link #issueWithLink}): a token of 256 random bits, of
 *       which only the SHA-256 is stored in the code's row. Looking a link up ({@link #linkPurpose}) changes
 *       nothing; {@link #redeemLink} consumes the row, so the code and the link die together. 256 bits need
 *       no try counter.</li>
 * </ul>
 * Wrong, expired, used and exhausted codes are one refusal, 400 {@code invalid_code}.
 *
 * <pre>{@code
 * String code = codes.issue(em, Purpose.ADD_EMAIL, "ada@example.org", userId, Duration.ofMinutes(10)); // mail it
 * codes.redeem(Purpose.ADD_EMAIL, "ada@example.org", typed, Change.user(userId), (em, issued) -> ...);
 * }</pre>
 */
public final class OneTimeCodes {

    /** Tries a code survives, right or wrong. */
    public static final int MAX_ATTEMPTS = 5;
    private static final Pattern SIX_DIGITS = Pattern.compile("[0-9]{6}");

    /** What a code is for: part of its key and of its HMAC, so a code of one purpose is none of another. */
    public enum Purpose {
        /** {@code user_account/add_email}: the holder of a new address proves it. */
        ADD_EMAIL,
        /** Sign-up with {@code signup.verification} {@code code} or {@code link}: the new account's e-mail. */
        VERIFY_EMAIL,
        /** {@code user_account/forgot_password}: the holder of the account's e-mail sets a new password. */
        RESET_PASSWORD,
        /**
         * {@code user_account/invite}: the holder of the invited address signs up with it. Issued to no user
         * (there is none yet), bound to the e-mail, so a code for one address is none for another.
         */
        INVITATION;

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A code that proved right and is being consumed: its row, the user it was issued to (or null), its handle. */
    public record Issued(String id, String userId, String handle) {

        /** What redeeming it changes for the caches: its user, when it was issued to one. */
        public Change change() {
            return userId == null ? Change.nothing() : Change.user(userId);
        }
    }

    /**
     * What is mailed: the code and, when asked for, the link's token. Its {@code toString} shows neither.
     *
     * @param link the token for {@code /auth/link/<token>}, or empty
     */
    public record Secrets(String code, Optional<String> link) {
        @Override
        public String toString() {
            return "Secrets[hidden]";
        }
    }

    private final Database database;
    private final Clock clock;
    private final RandomGenerator random;
    private final SecureRandom linkRandom = new SecureRandom();
    private volatile byte[] pepper;

    public OneTimeCodes(Database database, Clock clock) {
        this(database, clock, new SecureRandom());
    }

    OneTimeCodes(Database database, Clock clock, RandomGenerator random) {
        this.database = database;
        this.clock = clock;
        this.random = random;
    }

    /**
     * Issues a new code in the caller's transaction, replacing any live code of the same purpose and
     * handle. The caller mails it and forgets it: it is stored nowhere in clear and never logged.
     *
     * @param handle what the code is bound to, e.g. the e-mail address it is mailed to
     * @param userId the user it is issued to, or {@code null}
     * @return the six digits
     */
    public String issue(EntityManager em, Purpose purpose, String handle, String userId, Duration ttl) {
        return issue(em, purpose, handle, userId, ttl, false).code();
    }

    /**
     * As {@link #issue}, and with {@code withLink} a link's token too, stored hashed in the same row: the
     * code and the link are one secret told two ways, and either consumes both.
     */
    public Secrets issueWithLink(EntityManager em, Purpose purpose, String handle, String userId, Duration ttl,
                                 boolean withLink) {
        return issue(em, purpose, handle, userId, ttl, withLink);
    }

    private Secrets issue(EntityManager em, Purpose purpose, String handle, String userId, Duration ttl,
                          boolean withLink) {
        String code = draw();
        String hmac = hmac(purpose, handle, code);
        // A bulk delete runs at once, so the insert below (at commit) never meets the old row's key.
        em.createQuery("delete from OneTimeCode c where c.purpose = :purpose and c.handle = :handle")
                .setParameter("purpose", purpose.key())
                .setParameter("handle", handle)
                .executeUpdate();
        OneTimeCode row = new OneTimeCode(purpose.key(), handle, userId, hmac, clock.instant().plus(ttl));
        Optional<String> link = Optional.empty();
        if (withLink) {
            link = Optional.of(OpaqueToken.fresh(linkRandom));
            row.setLinkHash(OpaqueToken.hash(link.get()));
        }
        em.persist(row);
        return new Secrets(code, link);
    }

    /**
     * Whether a code of {@code purpose} for {@code handle} was issued after {@code since}: the resend
     * cooldown reads it, so that one address gets at most one mail of a kind in the window.
     */
    public boolean issuedSince(Purpose purpose, String handle, Instant since) {
        return database.read(em -> em.createQuery("select count(c) from OneTimeCode c where c.purpose = :purpose"
                        + " and c.handle = :handle and c.createdAt > :since", Long.class)
                .setParameter("purpose", purpose.key())
                .setParameter("handle", handle)
                .setParameter("since", since.toEpochMilli())
                .getSingleResult()) > 0;
    }

    /** Whether a code of {@code purpose} for {@code handle}, issued to {@code userId}, is on record (live or not). */
    public static boolean onRecord(EntityManager em, Purpose purpose, String handle, String userId) {
        return em.createQuery("select count(c) from OneTimeCode c where c.purpose = :purpose and c.handle = :handle"
                        + " and c.userId = :user", Long.class)
                .setParameter("purpose", purpose.key())
                .setParameter("handle", handle)
                .setParameter("user", userId)
                .getSingleResult() > 0;
    }

    /** Kills the codes and links of {@code userId} of {@code purposes}, in the caller's transaction. */
    public static void kill(EntityManager em, String userId, Purpose... purposes) {
        em.createQuery("delete from OneTimeCode c where c.userId = :user and c.purpose in :purposes")
                .setParameter("user", userId)
                .setParameter("purposes", java.util.Arrays.stream(purposes).map(Purpose::key).toList())
                .executeUpdate();
    }

    /** Kills the code and link of {@code purpose} for {@code handle}, whoever it was issued to, in the caller's transaction. */
    public static void kill(EntityManager em, Purpose purpose, String handle) {
        em.createQuery("delete from OneTimeCode c where c.purpose = :purpose and c.handle = :handle")
                .setParameter("purpose", purpose.key())
                .setParameter("handle", handle)
                .executeUpdate();
    }

    /** Kills every code and link of {@code userId}, of every purpose, in the caller's transaction. */
    public static void killAll(EntityManager em, String userId) {
        em.createQuery("delete from OneTimeCode c where c.userId = :user").setParameter("user", userId).executeUpdate();
    }

    /**
     * Redeems {@code code}: counts the try, compares, and when it is right consumes it and runs
     * {@code effect} in one transaction (which may still refuse, say because the code is another user's:
     * then nothing is consumed, and the try stays counted).
     *
     * @throws ApiError 400 {@code invalid_code} for a wrong, expired, used or exhausted code, or none
     */
    public <T> T redeem(Purpose purpose, String handle, String code, Change change,
                        BiFunction<EntityManager, Issued, T> effect) {
        return redeem(purpose, handle, code, issued -> change, effect);
    }

    /** As {@link #redeem(Purpose, String, String, Change, BiFunction)}, the change named by the code's row. */
    public <T> T redeem(Purpose purpose, String handle, String code, Function<Issued, Change> change,
                        BiFunction<EntityManager, Issued, T> effect) {
        if (code == null || !SIX_DIGITS.matcher(code).matches()) {
            throw invalidCode();
        }
        Optional<OneTimeCode> live = database.read(em -> em.createQuery("select c from OneTimeCode c"
                        + " where c.purpose = :purpose and c.handle = :handle", OneTimeCode.class)
                .setParameter("purpose", purpose.key())
                .setParameter("handle", handle)
                .getResultStream().findFirst());
        if (live.isEmpty() || !countTry(live.get().getId())) {
            throw invalidCode();
        }
        byte[] expected = live.get().getCodeHmac().getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, hmac(purpose, handle, code).getBytes(StandardCharsets.US_ASCII))) {
            throw invalidCode();
        }
        Issued issued = new Issued(live.get().getId(), live.get().getUserId(), handle);
        return consume(issued, change.apply(issued), effect);
    }

    /**
     * Redeems a link of {@code purpose}: consumes its row (and so its code) and runs {@code effect} in one
     * transaction; of parallel redemptions exactly one has an effect.
     *
     * @throws ApiError 400 {@code invalid_code} for a token that is no live link of {@code purpose}
     */
    public <T> T redeemLink(Purpose purpose, String token, Function<Issued, Change> change,
                            BiFunction<EntityManager, Issued, T> effect) {
        Optional<OneTimeCode> live = liveLink(token).filter(row -> row.getPurpose().equals(purpose.key()));
        if (live.isEmpty()) {
            throw invalidCode();
        }
        Issued issued = new Issued(live.get().getId(), live.get().getUserId(), live.get().getHandle());
        return consume(issued, change.apply(issued), effect);
    }

    private Optional<OneTimeCode> liveLink(String token) {
        if (!OpaqueToken.wellFormed(token)) {
            return Optional.empty();
        }
        String hash = OpaqueToken.hash(token);
        long now = clock.millis();
        return database.read(em -> em.createQuery("select c from OneTimeCode c where c.linkHash = :hash",
                        OneTimeCode.class)
                .setParameter("hash", hash)
                .getResultStream().findFirst())
                .filter(row -> !row.isUsed() && row.getExpiresAt().toEpochMilli() > now);
    }

    private <T> T consume(Issued issued, Change change, BiFunction<EntityManager, Issued, T> effect) {
        return database.inTransaction(change, em -> {
            int consumed = em.createQuery("update OneTimeCode c set c.usedAt = :now where c.id = :id"
                            + " and c.usedAt is null and c.expiresAt > :now")
                    .setParameter("now", clock.millis())
                    .setParameter("id", issued.id())
                    .executeUpdate();
            if (consumed != 1) {
                throw invalidCode(); // another redemption was first, or it expired meanwhile
            }
            return effect.apply(em, issued);
        });
    }

    /** Counts one try in its own transaction; false when the code is used, expired or out of tries. */
    private boolean countTry(String id) {
        return database.inTransaction(Change.nothing(), em -> em.createQuery("update OneTimeCode c"
                        + " set c.attempts = c.attempts + 1 where c.id = :id and c.attempts < :max"
                        + " and c.usedAt is null and c.expiresAt > :now")
                .setParameter("id", id)
                .setParameter("max", MAX_ATTEMPTS)
                .setParameter("now", clock.millis())
                .executeUpdate()) == 1;
    }

    /**
     * What a mailed link is for, looked up without consuming it or counting a try: empty for a token that
     * is no live link (wrong, used, expired). The confirm page ({@code GET /auth/link/<token>}) asks it.
     */
    public Optional<Purpose> linkPurpose(String token) {
        return liveLink(token).flatMap(row -> java.util.Arrays.stream(Purpose.values())
                .filter(p -> p.key().equals(row.getPurpose())).findFirst());
    }


    public static ApiError invalidCode() {
        return ApiError.badRequest("invalid_code", "The code is wrong, expired or used up; ask for a new one.");
    }

    /** Six decimal digits, each of the 10⁶ values equally likely, leading zeros kept. */
    String draw() {
        return String.format(Locale.ROOT, "%06d", random.nextInt(1_000_000));
    }

    /** The stored form of a code: hex HMAC-SHA256 under the pepper, of purpose, handle and code, NUL-separated. */
    String hmac(Purpose purpose, String handle, String code) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pepper(), "HmacSHA256"));
            byte[] digest = mac.doFinal((purpose.key() + '\0' + handle + '\0' + code).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private byte[] pepper() {
        byte[] current = pepper;
        if (current == null) {
            current = Bootstrap.storedSecret(database, Setting.CODE_PEPPER).getBytes(StandardCharsets.UTF_8);
            pepper = current;
        }
        return current;
    }
}
