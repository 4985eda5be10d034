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
        uniqueConstraints = {@UniqueConstraint(name = "uq_user_account_email", columnNames = {"tenant_id", "email"}),
                @UniqueConstraint(name = "uq_user_account_username", columnNames = {"tenant_id", "username"})})
public class UserAccount extends TenantOwned {

    @Id
    @Column(name = "id", length = 36, nullable = false)
    private String id;

    @Column(name = "email", length = 254, nullable = false)
    private String email;

    @Column(name = "name", length = 200, nullable = false)
    private String name;

    /** Optional, lower case, unique; never holds an {@code @}, so it never looks like an e-mail. */
    @Column(name = "username", length = 32)
    private String username;

    /** A bcrypt hash; never serialised, logged or returned. */
    @Column(name = "password_hash", length = 100)
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 24, nullable = false)
    private UserStatus status;

    /** SOAJS' {@code locked}: nobody but the account itself changes, disables or deletes it. */
    @Column(name = "locked", nullable = false)
    private boolean locked;

    /** {@code false}: a guest on the host's guarded routes (Portcullis' own endpoints still know it). */
    @Column(name = "api_access", nullable = false)
    private boolean apiAccess = true;

    /** May open the console (which still shows only what the account's permissions allow). */
    @Column(name = "bo_access", nullable = false)
    private boolean boAccess;

    /** Epoch ms when the account became {@link UserStatus#DELETED}; {@code null} otherwise. */
    @Column(name = "deleted_at")
    private Long deletedAt;

    @Column(name = "first_name", length = 100)
    private String firstName;

    @Column(name = "last_name", length = 100)
    private String lastName;

    /** The declared profile fields ({@code profile.fields}) as one JSON object; {@code null}: none set. */
    @Column(name = "profile", length = 4000)
    private String profile;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(name = "updated_at", nullable = false)
    private long updatedAt;

    /** Epoch ms; tokens issued before it are refused ("sign out everywhere"); {@code null}: never set. */
    @Column(name = "tokens_valid_after")
    private Long tokensValidAfter;

    /** A user who started without signing up ({@code ANON_<id>}); no e-mail or password of theirs until an upgrade. */
    @Column(name = "anonymous", nullable = false)
    private boolean anonymous;

    /** Hex SHA-256 of an anonymous user's server-issued secret; never the secret; {@code null} for the others. */
    @Column(name = "secret_hash", length = 64)
    private String secretHash;

    /** Epoch ms of the last sign-in of an anonymous user (its idle clock); {@code null} for the others. */
    @Column(name = "last_signin_at")
    private Long lastSigninAt;

    /** The user whose invitation made this account; {@code null} when it was not invited. */
    @Column(name = "invited_by", length = 36)
    private String invitedBy;

    /** The JSON object the inviter attached to the invitation; {@code null} when none. */
    @Column(name = "invitation_metadata", length = 4096)
    private String invitationMetadata;

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

    /**
     * Replaces the e-mail with {@code placeholder} when the account's personal data is erased (after
     * the deletion's retention): the column is unique and not null, so it cannot simply be cleared.
     */
    public void eraseEmail(String placeholder) {
        this.email = normalizeEmail(placeholder);
    }

    public String getName() {
        return name;
    }

    /** The primary e-mail: the one tokens carry and {@code getRemoteUser()} shows. */
    public void setEmail(String email) {
        this.email = normalizeEmail(email);
    }

    /** The username, or {@code null} when the account has none. */
    public String getUsername() {
        return username;
    }

    /** Sets (or, with {@code null}, removes) the username; the caller has validated and lower-cased it. */
    public void setUsername(String username) {
        this.username = username;
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

    public boolean isLocked() {
        return locked;
    }

    public void setLocked(boolean locked) {
        this.locked = locked;
    }

    public boolean hasApiAccess() {
        return apiAccess;
    }

    public void setApiAccess(boolean apiAccess) {
        this.apiAccess = apiAccess;
    }

    public boolean hasBoAccess() {
        return boAccess;
    }

    public void setBoAccess(boolean boAccess) {
        this.boAccess = boAccess;
    }

    /** When the account was deleted; empty unless its status is {@link UserStatus#DELETED}. */
    public java.util.Optional<Instant> getDeletedAt() {
        return deletedAt == null ? java.util.Optional.empty() : java.util.Optional.of(Instant.ofEpochMilli(deletedAt));
    }

    public void setDeletedAt(Instant deletedAt) {
        this.deletedAt = deletedAt == null ? null : deletedAt.toEpochMilli();
    }

    public String getFirstName() {
        return firstName;
    }

    public void setFirstName(String firstName) {
        this.firstName = firstName;
    }

    public String getLastName() {
        return lastName;
    }

    public void setLastName(String lastName) {
        this.lastName = lastName;
    }

    /** The profile as a JSON object's text; {@code null} when no field was ever set. */
    public String getProfile() {
        return profile;
    }

    public void setProfile(String profile) {
        this.profile = profile;
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

    public boolean isAnonymous() {
        return anonymous;
    }

    /** Makes the account an anonymous user's, with the hash of its secret (or a full user's: {@code false, null}). */
    public void setAnonymous(boolean anonymous, String secretHash) {
        this.anonymous = anonymous;
        this.secretHash = secretHash;
    }

    public String getSecretHash() {
        return secretHash;
    }

    public java.util.Optional<Instant> getLastSigninAt() {
        return lastSigninAt == null ? java.util.Optional.empty() : java.util.Optional.of(Instant.ofEpochMilli(lastSigninAt));
    }

    public void setLastSigninAt(Instant at) {
        this.lastSigninAt = at.toEpochMilli();
    }

    public String getInvitedBy() {
        return invitedBy;
    }

    public String getInvitationMetadata() {
        return invitationMetadata;
    }

    /** Records the invitation the account came from: its inviter and the metadata they attached (or {@code null}). */
    public void setInvitation(String invitedBy, String metadata) {
        this.invitedBy = invitedBy;
        this.invitationMetadata = metadata;
    }

    @Override
    public String toString() {
        return "UserAccount[" + id + "]";
    }
}
