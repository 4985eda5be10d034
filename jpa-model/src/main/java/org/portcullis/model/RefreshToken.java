package org.portcullis.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One refresh token of a family: a sign-in starts a family, and each rotation adds the successor of the
 * token it consumed. Only the SHA-256 of the token is kept. {@code rotated_at} marks a token spent (set by
 * one conditional {@code UPDATE}, so of racing rotations one wins); {@code revoked_at} marks the whole
 * family ended (a sign-out, or a spent token presented again). The filter's refresh store says how.
 */
@Entity
@Table(name = "refresh_token",
        uniqueConstraints = @UniqueConstraint(name = "uq_refresh_token_hash", columnNames = "token_hash"),
        indexes = {@Index(name = "ix_refresh_token_family", columnList = "family_id"),
                @Index(name = "ix_refresh_token_user", columnList = "user_id")})
public class RefreshToken extends TenantOwned {

    @Id
    @Column(name = "id", length = 36, nullable = false)
    private String id;

    @Column(name = "family_id", length = 36, nullable = false)
    private String familyId;

    @Column(name = "user_id", length = 36, nullable = false)
    private String userId;

    /** Hex SHA-256 of the token; never the token. */
    @Column(name = "token_hash", length = 64, nullable = false)
    private String tokenHash;

    /** When the family's sign-in was: a sign-out everywhere after it ends the family. */
    @Column(name = "family_created_at", nullable = false)
    private long familyCreatedAt;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    /** When this token dies unused: its creation plus {@code refresh.idle}. */
    @Column(name = "idle_expires_at", nullable = false)
    private long idleExpiresAt;

    /** When the family dies whatever happens: its sign-in plus {@code refresh.absolute}. */
    @Column(name = "absolute_expires_at", nullable = false)
    private long absoluteExpiresAt;

    @Column(name = "rotated_at")
    private Long rotatedAt;

    @Column(name = "revoked_at")
    private Long revokedAt;

    protected RefreshToken() {
        // for JPA
    }

    public RefreshToken(String familyId, String userId, String tokenHash, Instant familyCreatedAt, Instant createdAt,
                        Instant idleExpiresAt, Instant absoluteExpiresAt) {
        this.id = UUID.randomUUID().toString();
        this.familyId = Objects.requireNonNull(familyId, "familyId");
        this.userId = Objects.requireNonNull(userId, "userId");
        this.tokenHash = Objects.requireNonNull(tokenHash, "tokenHash");
        this.familyCreatedAt = familyCreatedAt.toEpochMilli();
        this.createdAt = createdAt.toEpochMilli();
        this.idleExpiresAt = idleExpiresAt.toEpochMilli();
        this.absoluteExpiresAt = absoluteExpiresAt.toEpochMilli();
    }

    public String getId() {
        return id;
    }

    public String getFamilyId() {
        return familyId;
    }

    public String getUserId() {
        return userId;
    }

    public String getTokenHash() {
        return tokenHash;
    }

    public Instant getFamilyCreatedAt() {
        return Instant.ofEpochMilli(familyCreatedAt);
    }

    public Instant getCreatedAt() {
        return Instant.ofEpochMilli(createdAt);
    }

    public Instant getIdleExpiresAt() {
        return Instant.ofEpochMilli(idleExpiresAt);
    }

    public Instant getAbsoluteExpiresAt() {
        return Instant.ofEpochMilli(absoluteExpiresAt);
    }

    /** When the token was spent by a rotation, or {@code null}. */
    public Instant getRotatedAt() {
        return rotatedAt == null ? null : Instant.ofEpochMilli(rotatedAt);
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    @Override
    public String toString() {
        return "RefreshToken[" + id + ", family " + familyId + "]";
    }
}
