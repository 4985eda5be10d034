package org.portcullis.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.util.Objects;

/**
 * One counter of the sign-in throttle, shared by every node ({@code signin.throttle.store=database}): a streak of
 * failures of an account, the failures of an account in its hour or of a client address in its window, an
 * address known for an account, or the anonymous users an address made. The key is the SHA-256 (hex) of the
 * counter's kind and what it counts, so no e-mail or address is stored; a row past {@code expires_at} counts as
 * absent and is deleted by any node. Changed only by conditional updates on the values read, so two nodes never
 * both count the same attempt away.
 */
@Entity
@Table(name = "signin_counter", indexes = @Index(name = "ix_signin_counter_expires", columnList = "expires_at"))
public class SigninCounter {

    @Id
    @Column(name = "key_hash", length = 64, nullable = false)
    private String keyHash;

    @Column(name = "failures", nullable = false)
    private int failures;

    /** When the counter's window opened or its last failure was, in epoch milliseconds. */
    @Column(name = "marked_at", nullable = false)
    private long markedAt;

    /** When the counter may be forgotten, in epoch milliseconds. */
    @Column(name = "expires_at", nullable = false)
    private long expiresAt;

    protected SigninCounter() {
        // for JPA
    }

    public SigninCounter(String keyHash, int failures, long markedAt, long expiresAt) {
        this.keyHash = Objects.requireNonNull(keyHash, "keyHash");
        this.failures = failures;
        this.markedAt = markedAt;
        this.expiresAt = expiresAt;
    }

    public String getKeyHash() {
        return keyHash;
    }

    public int getFailures() {
        return failures;
    }

    public long getMarkedAt() {
        return markedAt;
    }

    public long getExpiresAt() {
        return expiresAt;
    }
}
