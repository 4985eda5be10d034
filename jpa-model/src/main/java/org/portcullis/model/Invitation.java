package org.portcullis.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An invitation to sign up: who invited which e-mail address, with what metadata, until when. The code
 * and link that redeem it are not here: they live in the one code store ({@link OneTimeCode}, purpose
 * {@code invitation}, bound to the e-mail), so an invitation row holds nothing secret. At most one
 * invitation of an address is {@link Status#PENDING}; a re-invitation replaces it.
 */
@Entity
@Table(name = "invitation",
        indexes = {@Index(name = "ix_invitation_email", columnList = "email"),
                @Index(name = "ix_invitation_inviter", columnList = "inviter_id")})
public class Invitation extends TenantOwned {

    /** Where an invitation stands; an expired one stays {@link #PENDING} in the row and is shown as expired. */
    public enum Status {
        PENDING, ACCEPTED, CANCELLED, REPLACED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Id
    @Column(name = "id", length = 36, nullable = false)
    private String id;

    @Column(name = "inviter_id", length = 36, nullable = false)
    private String inviterId;

    /** Normalised ({@link UserAccount#normalizeEmail}). */
    @Column(name = "email", length = 254, nullable = false)
    private String email;

    /** A JSON object of at most 4 KiB, or {@code null}. */
    @Column(name = "metadata", length = 4096)
    private String metadata;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 16, nullable = false)
    private Status status;

    /** The account the invitation made, once accepted. */
    @Column(name = "accepted_by", length = 36)
    private String acceptedBy;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(name = "expires_at", nullable = false)
    private long expiresAt;

    protected Invitation() {
        // for JPA
    }

    public Invitation(String inviterId, String email, String metadata, Instant expiresAt) {
        this.id = UUID.randomUUID().toString();
        this.inviterId = Objects.requireNonNull(inviterId, "inviterId");
        this.email = UserAccount.normalizeEmail(email);
        this.metadata = metadata;
        this.status = Status.PENDING;
        this.expiresAt = expiresAt.toEpochMilli();
    }

    @PrePersist
    void onCreate() {
        createdAt = System.currentTimeMillis();
    }

    public String getId() {
        return id;
    }

    public String getInviterId() {
        return inviterId;
    }

    public String getEmail() {
        return email;
    }

    public String getMetadata() {
        return metadata;
    }

    public Status getStatus() {
        return status;
    }

    public void setStatus(Status status) {
        this.status = Objects.requireNonNull(status, "status");
    }

    public Optional<String> getAcceptedBy() {
        return Optional.ofNullable(acceptedBy);
    }

    public void accept(String userId) {
        this.status = Status.ACCEPTED;
        this.acceptedBy = Objects.requireNonNull(userId, "userId");
    }

    public Instant getCreatedAt() {
        return Instant.ofEpochMilli(createdAt);
    }

    public Instant getExpiresAt() {
        return Instant.ofEpochMilli(expiresAt);
    }

    /** Whether it is pending and not past its time at {@code now}. */
    public boolean isLive(Instant now) {
        return status == Status.PENDING && expiresAt > now.toEpochMilli();
    }

    @Override
    public String toString() {
        return "Invitation[" + id + ", " + status.code() + "]";
    }
}
