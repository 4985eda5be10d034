package org.portcullis.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One way a user is known: an e-mail address, a username, later an external (OIDC) subject or an
 * anonymous handle. A (type, value) pair belongs to one user only, so an e-mail is unique across every
 * user's addresses, primary or not. The account's primary e-mail ({@link UserAccount#getEmail()}) and
 * username ({@link UserAccount#getUsername()}) each have their row here too, kept in step by the code
 * that changes them.
 */
@Entity
@Table(name = "user_identity",
        uniqueConstraints = @UniqueConstraint(name = "uq_user_identity", columnNames = {"tenant_id", "identity_type", "identity_value"}),
        indexes = @Index(name = "ix_user_identity_user", columnList = "user_id"))
public class UserIdentity extends TenantOwned {

    /** What kind of handle a row holds. On the wire, its name in lower case. */
    public enum Type {
        EMAIL, USERNAME, OIDC, ANONYMOUS;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Id
    @Column(name = "id", length = 36, nullable = false)
    private String id;

    @Column(name = "user_id", length = 36, nullable = false)
    private String userId;

    @Enumerated(EnumType.STRING)
    @Column(name = "identity_type", length = 16, nullable = false)
    private Type type;

    /** Normalised: an e-mail or a username in lower case. */
    @Column(name = "identity_value", length = 254, nullable = false)
    private String value;

    /** The issuer of an external identity; {@code null} for the others. */
    @Column(name = "provider", length = 200)
    private String provider;

    /** Epoch ms when the handle was proved to be the user's; {@code null}: never. */
    @Column(name = "verified_at")
    private Long verifiedAt;

    @Column(name = "is_primary", nullable = false)
    private boolean primary;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    protected UserIdentity() {
        // for JPA
    }

    public UserIdentity(String userId, Type type, String value, Instant verifiedAt, boolean primary) {
        this.id = UUID.randomUUID().toString();
        this.userId = Objects.requireNonNull(userId, "userId");
        this.type = Objects.requireNonNull(type, "type");
        this.value = Objects.requireNonNull(value, "value");
        this.verifiedAt = verifiedAt == null ? null : verifiedAt.toEpochMilli();
        this.primary = primary;
    }

    @PrePersist
    void onCreate() {
        createdAt = System.currentTimeMillis();
    }

    public String getId() {
        return id;
    }

    public String getUserId() {
        return userId;
    }

    public Type getType() {
        return type;
    }

    public String getValue() {
        return value;
    }

    public Optional<String> getProvider() {
        return Optional.ofNullable(provider);
    }

    public boolean isVerified() {
        return verifiedAt != null;
    }

    public Optional<Instant> getVerifiedAt() {
        return verifiedAt == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(verifiedAt));
    }

    public void markVerified(Instant at) {
        this.verifiedAt = at.toEpochMilli();
    }

    public boolean isPrimary() {
        return primary;
    }

    public void setPrimary(boolean primary) {
        this.primary = primary;
    }

    public Instant getCreatedAt() {
        return Instant.ofEpochMilli(createdAt);
    }

    @Override
    public String toString() {
        return "UserIdentity[" + id + ", " + type.code() + "]";
    }
}
