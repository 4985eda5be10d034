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
 * One thing a committed transaction changed that other nodes' caches must forget: written in the same
 * transaction as the change itself, read by every other node within {@code cache.coordination.interval},
 * deleted a minute later. {@code kind} says what ({@code user}, {@code token}, {@code entity},
 * {@code instance}, or a whole region such as {@code all-users}); {@code subject} and {@code detail} name it
 * (a user id; an entity name and an instance id); {@code tenant_id} whose rows changed (null: every
 * tenant's, for work that was no one tenant's).
 */
@Entity
@Table(name = "cache_change", indexes = @Index(name = "ix_cache_change_created", columnList = "created_at"))
public class CacheChange {

    @Id
    @Column(name = "id", length = 36, nullable = false)
    private String id;

    /** The node that made the change: it forgot at once, and skips its own rows. */
    @Column(name = "node_id", length = 36, nullable = false)
    private String nodeId;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(name = "kind", length = 16, nullable = false)
    private String kind;

    @Column(name = "subject", length = 254)
    private String subject;

    @Column(name = "detail", length = 254)
    private String detail;

    @Column(name = "tenant_id", length = 64)
    private String tenantId;

    protected CacheChange() {
        // for JPA
    }

    public CacheChange(String nodeId, Instant createdAt, String kind, String subject, String detail) {
        this(nodeId, createdAt, null, kind, subject, detail);
    }

    /** @param tenantId the code of the tenant whose rows changed; null for every tenant's */
    public CacheChange(String nodeId, Instant createdAt, String tenantId, String kind, String subject, String detail) {
        this.id = UUID.randomUUID().toString();
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.createdAt = createdAt.toEpochMilli();
        this.kind = Objects.requireNonNull(kind, "kind");
        this.subject = subject;
        this.detail = detail;
        this.tenantId = tenantId;
    }

    public String getTenantId() {
        return tenantId;
    }

    public String getId() {
        return id;
    }

    public String getNodeId() {
        return nodeId;
    }

    public Instant getCreatedAt() {
        return Instant.ofEpochMilli(createdAt);
    }

    public String getKind() {
        return kind;
    }

    public String getSubject() {
        return subject;
    }

    public String getDetail() {
        return detail;
    }
}
