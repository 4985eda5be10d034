package org.portcullis.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.util.Objects;
import java.util.UUID;

/**
 * A named-user entry of a {@link WorldEntity} (POSIX ACL's "named user"): the bits one user gets on
 * the entity, instead of whatever their groups give. The permission is one tier's seven bits
 * (Peek = 1 … Refer = 64), not a 21-bit mask.
 */
@Entity
@Table(name = "world_user",
        uniqueConstraints = @UniqueConstraint(name = "uq_world_user", columnNames = {"world_id", "user_id"}),
        indexes = @Index(name = "ix_world_user_user", columnList = "user_id"))
public class WorldUser extends TenantOwned {

    @Id
    @Column(name = "id", length = 36, nullable = false)
    private String id;

    @Column(name = "world_id", length = 36, nullable = false)
    private String worldId;

    @Column(name = "user_id", length = 36, nullable = false)
    private String userId;

    @Column(name = "permission", nullable = false)
    private int permission;

    protected WorldUser() {
        // for JPA
    }

    public WorldUser(String worldId, String userId, int permission) {
        this.id = UUID.randomUUID().toString();
        this.worldId = Objects.requireNonNull(worldId, "worldId");
        this.userId = Objects.requireNonNull(userId, "userId");
        this.permission = permission;
    }

    public String getId() {
        return id;
    }

    public String getWorldId() {
        return worldId;
    }

    public String getUserId() {
        return userId;
    }

    public int getPermission() {
        return permission;
    }

    public void setPermission(int permission) {
        this.permission = permission;
    }
}
