package org.portcullis.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * A token that was revoked before its expiry, keyed on its {@code jti} so that every spelling of the
 * token dies with it. Rows past {@code expiresAt} are useless and swept.
 */
@Entity
@Table(name = "revoked_token", indexes = @Index(name = "ix_revoked_token_expires", columnList = "expires_at"))
public class RevokedToken extends TenantOwned {

    @Id
    @Column(name = "jti", length = 36, nullable = false)
    private String jti;

    @Column(name = "expires_at", nullable = false)
    private long expiresAt;

    protected RevokedToken() {
        // for JPA
    }

    public RevokedToken(String jti, Instant expiresAt) {
        this.jti = Objects.requireNonNull(jti, "jti");
        this.expiresAt = expiresAt.toEpochMilli();
    }

    public String getJti() {
        return jti;
    }

    public Instant getExpiresAt() {
        return Instant.ofEpochMilli(expiresAt);
    }
}
