package org.portcullis.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The permission of one instance of a host entity (say note 42): its owner and its owner and guest
 * tiers. Group-tier bits live on {@link InstanceGroup} links, one per group.
 */
@Entity
@Table(name = "instance_permission",
        uniqueConstraints = @UniqueConstraint(name = "uq_instance_permission",
                columnNames = {"tenant_id", "entity_name", "instance_id"}),
        indexes = @Index(name = "ix_instance_permission_owner", columnList = "tenant_id,entity_name,owner_id"))
public class InstancePermission extends TenantOwned {

    @Id
    @Column(name = "id", length = 36, nullable = false)
    private String id;

    @Column(name = "entity_name", length = 100, nullable = false)
    private String entityName;

    @Column(name = "instance_id", length = 64, nullable = false)
    private String instanceId;

    @Column(name = "owner_id", length = 36)
    private String ownerId;

    @Column(name = "permission", nullable = false)
    private int permission;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(name = "updated_at", nullable = false)
    private long updatedAt;

    protected InstancePermission() {
        // for JPA
    }

    public InstancePermission(String entityName, String instanceId, String ownerId, int permission) {
        this.id = UUID.randomUUID().toString();
        this.entityName = Objects.requireNonNull(entityName, "entityName");
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
        this.ownerId = ownerId;
        this.permission = permission;
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

    public String getInstanceId() {
        return instanceId;
    }

    public String getOwnerId() {
        return ownerId;
    }

    public void setOwnerId(String ownerId) {
        this.ownerId = ownerId;
    }

    public int getPermission() {
        return permission;
    }

    public void setPermission(int permission) {
        this.permission = permission;
    }

    public Instant getCreatedAt() {
        return Instant.ofEpochMilli(createdAt);
    }

    public Instant getUpdatedAt() {
        return Instant.ofEpochMilli(updatedAt);
    }
}
