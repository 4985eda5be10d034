package org.portcullis.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * A person (or program) that can sign in. The id is the reference id put in a token's {@code sub}.
 * The e-mail is kept in lower case so that it is unique regardless of case.
 */
@Entity
@Table(name = "user_account",
        uniqueConstraints = @UniqueConstraint(name = "uq_user_account_email", columnNames = "email"))
public class UserAccount {

    @Id
    @Column(name = "id", length = 36, nullable = false)
    private String id;

    @Column(name = "email", length = 254, nullable = false)
    private String email;

    @Column(name = "name", length = 200, nullable = false)
    private String name;

    /** A bcrypt hash; never serialised, logged or returned. */
    @Column(name = "password_hash", length = 100)
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 16, nullable = false)
    private UserStatus status;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(name = "updated_at", nullable = false)
    private long updatedAt;

    /** Epoch ms; tokens issued before it are refused ("sign out everywhere"); {@code null}: never set. */
    @Column(name = "tokens_valid_after")
    private Long tokensValidAfter;

    protected UserAccount() {
        // for JPA
    }

    public UserAccount(String email, String name, String passwordHash) {
        this.id = UUID.randomUUID().toString();
        this.email = normalizeEmail(email);
        this.name = Objects.requireNonNull(name, "name");
        this.passwordHash = passwordHash;
        this.status = UserStatus.ACTIVE;
    }

    /** The one spelling of an e-mail address that is stored and compared. */
    public static String normalizeEmail(String email) {
        return Objects.requireNonNull(email, "email").trim().toLowerCase(Locale.ROOT);
    }

    @PrePersist
    void onCreate() {
        createdAt = System.currentTimeMillis();
        updatedAt = createdAt;
    }

    @PreUpdate
    void onUpdate() {
        updatedAt = System.currentTimeMillis();
    }

    public String getId() {
        return id;
    }

    public String getEmail() {
        return email;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public UserStatus getStatus() {
        return status;
    }

    public void setStatus(UserStatus status) {
        this.status = Objects.requireNonNull(status, "status");
    }

    public boolean isActive() {
        return status == UserStatus.ACTIVE;
    }

    /** Tokens issued before this instant are refused; {@link Instant#EPOCH} when never set. */
    public Instant getTokensValidAfter() {
        return tokensValidAfter == null ? Instant.EPOCH : Instant.ofEpochMilli(tokensValidAfter);
    }

    /** Refuses every token issued before {@code now}: sign-out everywhere, a password change. */
    public void invalidateTokensIssuedBefore(Instant now) {
        this.tokensValidAfter = now.toEpochMilli();
    }

    public Instant getCreatedAt() {
        return Instant.ofEpochMilli(createdAt);
    }

    public Instant getUpdatedAt() {
        return Instant.ofEpochMilli(updatedAt);
    }

    @Override
    public String toString() {
        return "UserAccount[" + id + "]";
    }
}
