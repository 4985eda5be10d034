package org.portcullis.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The entity-level row (Daptin's {@code world} table): one per entity name, holding the permission
 * checked before and after every request on that entity, and the permission its new instances get.
 * The groups it belongs to are {@link WorldGroup} rows.
 */
@Entity
@Table(name = "world",
        uniqueConstraints = @UniqueConstraint(name = "uq_world_entity_name", columnNames = {"tenant_id", "entity_name"}))
public class WorldEntity extends TenantOwned {

    @Id
    @Column(name = "id", length = 36, nullable = false)
    private String id;

    @Column(name = "entity_name", length = 100, nullable = false)
    private String entityName;

    /** Daptin's 21-bit mask: guest bits 0–6, owner 7–13, group 14–20. */
    @Column(name = "permission", nullable = false)
    private int permission;

    @Column(name = "default_permission", nullable = false)
    private int defaultPermission;

    @Column(name = "owner_id", length = 36)
    private String ownerId;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(name = "updated_at", nullable = false)
    private long updatedAt;

    protected WorldEntity() {
        // for JPA
    }

    public WorldEntity(String entityName, int permission, int defaultPermission, String ownerId) {
        this.id = UUID.randomUUID().toString();
        this.entityName = Objects.requireNonNull(entityName, "entityName");
        this.permission = permission;
        this.defaultPermission = defaultPermission;
        this.ownerId = ownerId;
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

    public String getEntityName() {
        return entityName;
    }

    public int getPermission() {
        return permission;
    }

    public void setPermission(int permission) {
        this.permission = permission;
    }

    public int getDefaultPermission() {
        return defaultPermission;
    }

    public void setDefaultPermission(int defaultPermission) {
        this.defaultPermission = defaultPermission;
    }

    public String getOwnerId() {
        return ownerId;
    }

    public void setOwnerId(String ownerId) {
        this.ownerId = ownerId;
    }

    public Instant getCreatedAt() {
        return Instant.ofEpochMilli(createdAt);
    }

    public Instant getUpdatedAt() {
        return Instant.ofEpochMilli(updatedAt);
    }
}
