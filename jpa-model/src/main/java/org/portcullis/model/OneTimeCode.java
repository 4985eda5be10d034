package org.portcullis.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A live one-time code: one per purpose and handle (an e-mail address, say), so a new code replaces
 * the old. Only an HMAC of the code is kept; {@code attempts} counts the tries, right or wrong, and
 * {@code used_at} marks it consumed. Written and counted by the filter's code store, which says how.
 */
@Entity
@Table(name = "one_time_code",
        uniqueConstraints = {
                @UniqueConstraint(name = "uq_one_time_code", columnNames = {"tenant_id", "purpose", "handle"}),
                @UniqueConstraint(name = "uq_one_time_code_link", columnNames = "link_hash")})
public class OneTimeCode extends TenantOwned {

    @Id
    @Column(name = "id", length = 36, nullable = false)
    private String id;

    @Column(name = "purpose", length = 32, nullable = false)
    private String purpose;

    @Column(name = "handle", length = 254, nullable = false)
    private String handle;

    /** The user the code was issued to or for; {@code null} when there is none yet (an invitation). */
    @Column(name = "user_id", length = 36)
    private String userId;

    /** Hex HMAC-SHA256 of the code under the server's pepper; never the code. */
    @Column(name = "code_hmac", length = 64, nullable = false)
    private String codeHmac;

    /** Hex SHA-256 of the mailed link's token, when a link was mailed with the code; never the token. */
    @Column(name = "link_hash", length = 64)
    private String linkHash;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "expires_at", nullable = false)
    private long expiresAt;

    @Column(name = "used_at")
    private Long usedAt;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    protected OneTimeCode() {
        // for JPA
    }

    public OneTimeCode(String purpose, String handle, String userId, String codeHmac, Instant expiresAt) {
        this.id = UUID.randomUUID().toString();
        this.purpose = Objects.requireNonNull(purpose, "purpose");
        this.handle = Objects.requireNonNull(handle, "handle");
        this.userId = userId;
        this.codeHmac = Objects.requireNonNull(codeHmac, "codeHmac");
        this.expiresAt = expiresAt.toEpochMilli();
    }

    @PrePersist
    void onCreate() {
        createdAt = System.currentTimeMillis();
    }

    public String getId() {
        return id;
    }

    public String getPurpose() {
        return purpose;
    }

    public String getHandle() {
        return handle;
    }

    public String getUserId() {
        return userId;
    }

    public String getCodeHmac() {
        return codeHmac;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getExpiresAt() {
        return Instant.ofEpochMilli(expiresAt);
    }

    public boolean isUsed() {
        return usedAt != null;
    }

    @Override
    public String toString() {
        return "OneTimeCode[" + id + ", " + purpose + "]";
    }

    public String getLinkHash() {
        return linkHash;
    }

    public void setLinkHash(String linkHash) {
        this.linkHash = linkHash;
    }
}
