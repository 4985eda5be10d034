package org.portcullis.filter.sessions;

import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.portcullis.filter.config.RefreshSettings;
import org.portcullis.filter.identity.OpaqueToken;
import org.portcullis.filter.identity.TokenService;
import org.portcullis.filter.persistence.AccountRows;
import org.portcullis.filter.persistence.Bootstrap;
import org.portcullis.filter.persistence.Change;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.persistence.Revocations;
import org.portcullis.filter.web.ApiError;
import org.portcullis.model.RefreshAccess;
import org.portcullis.model.RefreshToken;
import org.portcullis.model.Setting;
import org.portcullis.model.UserAccount;
import org.portcullis.model.UserStatus;

/**
 * The refresh-token families (CONTRACT §8, reference/accounts.md §3 and §7). A sign-in starts a family
 * ({@link #start}); {@link #rotate} spends a token for its successor and a new access token. Its rules:
 * <ul>
 *   <li>a token is 256 random bits, of which only the SHA-256 is stored;</li>
 *   <li>a token is spent by one conditional {@code UPDATE} ({@code rotated_at is null}), so of racing
 *       rotations one writes the successor;</li>
 *   <li>the successor of a token is HMAC-SHA256(key, token) under a key generated once and kept in the
 *       {@code setting} table: presenting a spent token again within {@link #GRACE} (two tabs racing, a reply
 *       lost) gives the <em>same</em> successor, never a fork of the family;</li>
 *   <li>presenting a spent token later is reuse, which means theft: the whole family is ended, and every
 *       access token it issued is revoked;</li>
 *   <li>a token dies unused after {@code refresh.idle}, a family {@code refresh.absolute} after its sign-in;
 *       a family also ends with its account leaving {@code active}, and with sign-out everywhere, a password
 *       change or a reset (every family started before the account's {@code tokens_valid_after});
 *       {@link #endFamilyOf} ends the family of a signed-out access token.</li>
 * </ul>
 * Every refusal is 401 {@code invalid_refresh_token}, whatever the reason.
 *
 * <pre>{@code
 * RefreshTokens.Issued refresh = families.start(user.getId(), access);          // at sign-in
 * RefreshTokens.Rotation next = families.rotate(presented, user -> tokens.issue(user));
 * }</pre>
 */
public final class RefreshTokens {

    /** How long a spent token still gives its successor. */
    public static final Duration GRACE = Duration.ofSeconds(10);

    private static final Logger LOG = Logger.getLogger(RefreshTokens.class.getName());

    /** A refresh token handed out: the token and when its family dies (the cookie's lifetime). */
    public record Issued(String token, Instant familyExpiresAt) {
        @Override
        public String toString() {
            return "Issued[hidden, until " + familyExpiresAt + "]";
        }
    }

    /** What a rotation gives: the account, its new access token and the next refresh token. */
    public record Rotation(UserAccount user, TokenService.IssuedToken access, Issued refresh) {
    }

    private final Database database;
    private final Clock clock;
    private final RefreshSettings settings;
    private final SecureRandom random = new SecureRandom();
    private volatile byte[] key;

    public RefreshTokens(Database database, Clock clock, RefreshSettings settings) {
        this.database = database;
        this.clock = clock;
        this.settings = settings;
    }

    /** Whether sign-ins get refresh tokens ({@code refresh.absolute} is not {@code PT0S}). */
    public boolean enabled() {
        return settings.enabled();
    }

    /** How long the cookie of {@code issued} should live: until its family's absolute end. */
    public Duration remaining(Issued issued) {
        return Duration.between(clock.instant(), issued.familyExpiresAt());
    }

    /** Starts a family for {@code userId} at a sign-in whose access token is {@code access}. */
    public Issued start(String userId, TokenService.IssuedToken access) {
        String token = OpaqueToken.fresh(random);
        Instant now = clock.instant();
        Instant absolute = now.plus(settings.absolute());
        String family = UUID.randomUUID().toString();
        database.inTransaction(Change.nothing(), em -> {
            em.persist(new RefreshToken(family, userId, OpaqueToken.hash(token), now, now, earlier(now.plus(settings.idle()), absolute),
                    absolute));
            em.persist(new RefreshAccess(access.tokenId(), family, access.expiresAt()));
            return null;
        });
        return new Issued(token, absolute);
    }

    /**
     * Spends {@code token} for its successor and an access token {@code issue} makes for the account.
     *
     * @throws ApiError 401 {@code invalid_refresh_token} for a token that is unknown, dead, of an ended family
     *     or of an account that is not active; for a spent token outside {@link #GRACE} also after ending its
     *     family
     */
    public Rotation rotate(String token, Function<UserAccount, TokenService.IssuedToken> issue) {
        if (!OpaqueToken.wellFormed(token)) {
            throw invalid();
        }
        Instant now = clock.instant();
        RefreshToken row = database.read(em -> byHash(em, OpaqueToken.hash(token))).orElseThrow(RefreshTokens::invalid);
        if (row.isRevoked() || !now.isBefore(row.getAbsoluteExpiresAt())) {
            throw invalid();
        }
        UserAccount user = database.read(em -> AccountRows.userById(em, row.getUserId()))
                .filter(u -> u.getStatus() == UserStatus.ACTIVE)
                .filter(u -> !row.getFamilyCreatedAt().isBefore(u.getTokensValidAfter()))
                .orElseThrow(RefreshTokens::invalid);
        String successor = successorOf(token);
        if (row.getRotatedAt() == null) {
            if (!now.isBefore(row.getIdleExpiresAt())) {
                throw invalid();
            }
            Optional<Rotation> first = database.inTransaction(Change.nothing(), em -> {
                int spent = em.createQuery("update RefreshToken t set t.rotatedAt = :now where t.id = :id"
                                + " and t.rotatedAt is null and t.revokedAt is null")
                        .setParameter("now", now.toEpochMilli())
                        .setParameter("id", row.getId())
                        .executeUpdate();
                if (spent != 1) {
                    return Optional.<Rotation>empty(); // another request spent it a moment ago
                }
                em.persist(new RefreshToken(row.getFamilyId(), user.getId(), OpaqueToken.hash(successor), row.getFamilyCreatedAt(), now,
                        earlier(now.plus(settings.idle()), row.getAbsoluteExpiresAt()), row.getAbsoluteExpiresAt()));
                TokenService.IssuedToken access = issue.apply(user);
                em.persist(new RefreshAccess(access.tokenId(), row.getFamilyId(), access.expiresAt()));
                return Optional.of(new Rotation(user, access, new Issued(successor, row.getAbsoluteExpiresAt())));
            });
            if (first.isPresent()) {
                return first.get();
            }
        }
        RefreshToken spent = database.read(em -> Optional.ofNullable(em.find(RefreshToken.class, row.getId())))
                .orElseThrow(RefreshTokens::invalid);
        if (spent.isRevoked() || spent.getRotatedAt() == null) {
            throw invalid();
        }
        if (!now.isAfter(spent.getRotatedAt().plus(GRACE))) {
            return again(spent, user, successor, issue);
        }
        endFamily(spent.getFamilyId());
        LOG.warning("Portcullis: a spent refresh token was presented again after the grace window (reuse means"
                + " theft); the family of user " + user.getId() + " is ended and its access tokens are revoked");
        throw invalid();
    }

    /** Within the grace window: the successor already written, and a new access token of the family. */
    private Rotation again(RefreshToken spent, UserAccount user, String successor,
                           Function<UserAccount, TokenService.IssuedToken> issue) {
        return database.inTransaction(Change.nothing(), em -> {
            RefreshToken next = byHash(em, OpaqueToken.hash(successor)).filter(t -> !t.isRevoked())
                    .orElseThrow(RefreshTokens::invalid);
            TokenService.IssuedToken access = issue.apply(user);
            em.persist(new RefreshAccess(access.tokenId(), spent.getFamilyId(), access.expiresAt()));
            return new Rotation(user, access, new Issued(successor, next.getAbsoluteExpiresAt()));
        });
    }

    /**
     * Ends the family that issued the access token {@code accessTokenId} (a sign-out): its refresh tokens die
     * and its other access tokens are revoked. Nothing happens for a token no family issued.
     */
    public void endFamilyOf(String accessTokenId) {
        Optional<String> family = database.read(em -> Optional.ofNullable(em.find(RefreshAccess.class, accessTokenId))
                .map(RefreshAccess::getFamilyId));
        family.ifPresent(this::endFamily);
    }

    /** Ends the family of the refresh token {@code token}, if it is one (a sign-out that sends it). */
    public void endFamilyOfToken(String token) {
        if (!OpaqueToken.wellFormed(token)) {
            return;
        }
        database.read(em -> byHash(em, OpaqueToken.hash(token))).ifPresent(row -> endFamily(row.getFamilyId()));
    }

    private void endFamily(String family) {
        Instant now = clock.instant();
        List<RefreshAccess> issued = database.read(em -> em.createQuery("select a from RefreshAccess a"
                        + " where a.familyId = :family and a.expiresAt > :now", RefreshAccess.class)
                .setParameter("family", family)
                .setParameter("now", now.toEpochMilli())
                .getResultList());
        Change change = Change.all(issued.stream().map(a -> Change.token(a.getJti())).toArray(Change[]::new));
        database.inTransaction(change, em -> {
            em.createQuery("update RefreshToken t set t.revokedAt = :now where t.familyId = :family"
                            + " and t.revokedAt is null")
                    .setParameter("now", now.toEpochMilli())
                    .setParameter("family", family)
                    .executeUpdate();
            for (RefreshAccess access : issued) {
                Revocations.revoke(em, access.getJti(), access.getExpiresAt());
            }
            return null;
        });
    }

    /**
     * Deletes the rows of families dead for good (past their absolute end) and of access tokens expired;
     * returns how many refresh-token rows went.
     */
    public int sweep() {
        long now = clock.millis();
        return database.inTransaction(Change.nothing(), em -> {
            em.createQuery("delete from RefreshAccess a where a.expiresAt < :now").setParameter("now", now)
                    .executeUpdate();
            return em.createQuery("delete from RefreshToken t where t.absoluteExpiresAt < :now")
                    .setParameter("now", now).executeUpdate();
        });
    }

    private static Optional<RefreshToken> byHash(EntityManager em, String hash) {
        return em.createQuery("select t from RefreshToken t where t.tokenHash = :hash", RefreshToken.class)
                .setParameter("hash", hash).getResultStream().findFirst();
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static ApiError invalid() {
        return new ApiError(401, "invalid_refresh_token", "The refresh token is not valid; sign in again.");
    }

    /** The one successor of {@code token}: HMAC-SHA256 under the stored key, in unpadded base64url. */
    String successorOf(String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            byte[] next = mac.doFinal(("refresh-successor\0" + token).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(next);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private byte[] key() {
        byte[] current = key;
        if (current == null) {
            current = Bootstrap.storedSecret(database, Setting.REFRESH_KEY).getBytes(StandardCharsets.UTF_8);
            key = current;
        }
        return current;
    }
}
