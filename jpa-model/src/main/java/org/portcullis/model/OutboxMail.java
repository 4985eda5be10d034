package org.portcullis.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One mail waiting in the outbox: written in the same transaction as the change it tells of (so a change
 * rolled back mails nothing), sent by the filter's background sender after the commit, and deleted as soon
 * as it has gone out or been given up, so that no code or link stays in the table after sending.
 *
 * <p>A sender takes a row by a lease: {@code claimed_by} (the sending node's id) and {@code claimed_until}
 * are set by one conditional {@code UPDATE}, and only the node whose update counted one row sends it. A
 * node that dies while holding a lease leaves the row to be claimed again once the lease is over.
 *
 * <pre>{@code
 * em.persist(new OutboxMail("ada@example.com", "add_email", "Your code", "Your code is 123456.", null, now));
 * }</pre>
 */
@Entity
@Table(name = "mail_outbox", indexes = @Index(name = "ix_mail_outbox_due", columnList = "next_attempt_at"))
public class OutboxMail {

    /** Longest text (and subject) a row takes, in characters. */
    public static final int MAX_TEXT = 4000;
    public static final int MAX_HTML = 8000;
    public static final int MAX_SUBJECT = 200;

    @Id
    @Column(name = "id", length = 36, nullable = false)
    private String id;

    @Column(name = "recipient", length = 254, nullable = false)
    private String recipient;

    /** What kind of mail it is ({@code add_email}, say): for logs and templates, never a secret. */
    @Column(name = "template", length = 64, nullable = false)
    private String template;

    @Column(name = "subject", length = MAX_SUBJECT, nullable = false)
    private String subject;

    @Column(name = "text_body", length = MAX_TEXT, nullable = false)
    private String text;

    @Column(name = "html_body", length = MAX_HTML)
    private String html;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    /** Epoch ms from which a sender may take it. */
    @Column(name = "next_attempt_at", nullable = false)
    private long nextAttemptAt;

    /** Attempts that failed so far. */
    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "claimed_by", length = 36)
    private String claimedBy;

    /** Epoch ms until which {@code claimed_by} holds it; {@code null}: nobody does. */
    @Column(name = "claimed_until")
    private Long claimedUntil;

    /** The class name of the last failure, never its message (which may quote the mail). */
    @Column(name = "last_error", length = 200)
    private String lastError;

    protected OutboxMail() {
        // for JPA
    }

    public OutboxMail(String recipient, String template, String subject, String text, String html, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.recipient = Objects.requireNonNull(recipient, "recipient");
        this.template = Objects.requireNonNull(template, "template");
        this.subject = Objects.requireNonNull(subject, "subject");
        this.text = Objects.requireNonNull(text, "text");
        this.html = html;
        this.createdAt = now.toEpochMilli();
        this.nextAttemptAt = createdAt;
    }

    public String getId() {
        return id;
    }

    public String getRecipient() {
        return recipient;
    }

    public String getTemplate() {
        return template;
    }

    public String getSubject() {
        return subject;
    }

    public String getText() {
        return text;
    }

    /** The HTML part, or {@code null} for a text-only mail. */
    public String getHtml() {
        return html;
    }

    public Instant getCreatedAt() {
        return Instant.ofEpochMilli(createdAt);
    }

    public Instant getNextAttemptAt() {
        return Instant.ofEpochMilli(nextAttemptAt);
    }

    public int getAttempts() {
        return attempts;
    }

    public String getClaimedBy() {
        return claimedBy;
    }

    public String getLastError() {
        return lastError;
    }

    @Override
    public String toString() {
        return "OutboxMail[" + id + ", " + template + "]";
    }
}
