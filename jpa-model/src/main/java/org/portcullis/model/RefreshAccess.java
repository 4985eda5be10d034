package org.portcullis.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * An access token a refresh-token family issued (its {@code jti}), so that ending the family also refuses
 * the access tokens still alive. Rows past {@code expires_at} mean nothing and are swept.
 */
@Entity
@Table(name = "refresh_access", indexes = @Index(name = "ix_refresh_access_family", columnList = "family_id"))
public class RefreshAccess extends TenantOwned {

    @Id
    @Column(name = "jti", length = 36, nullable = false)
    private String jti;

    @Column(name = "family_id", length = 36, nullable = false)
    private String familyId;

    @Column(name = "expires_at", nullable = false)
    private long expiresAt;

    protected RefreshAccess() {
        // for JPA
    }

    public RefreshAccess(String jti, String familyId, Instant expiresAt) {
        this.jti = Objects.requireNonNull(jti, "jti");
        this.familyId = Objects.requireNonNull(familyId, "familyId");
        this.expiresAt = expiresAt.toEpochMilli();
    }

    public String getJti() {
        return jti;
    }

    public String getFamilyId() {
        return familyId;
    }

    public Instant getExpiresAt() {
        return Instant.ofEpochMilli(expiresAt);
    }
}
