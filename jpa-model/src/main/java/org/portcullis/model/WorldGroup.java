package org.portcullis.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.util.Objects;
import java.util.UUID;

/** A link of a {@link WorldEntity} to a group, with the group-tier bits that group gets. */
@Entity
@Table(name = "world_group",
        uniqueConstraints = @UniqueConstraint(name = "uq_world_group", columnNames = {"world_id", "group_id"}))
public class WorldGroup extends TenantOwned {

    @Id
    @Column(name = "id", length = 36, nullable = false)
    private String id;

    @Column(name = "world_id", length = 36, nullable = false)
    private String worldId;

    @Column(name = "group_id", length = 36, nullable = false)
    private String groupId;

    @Column(name = "permission", nullable = false)
    private int permission;

    protected WorldGroup() {
        // for JPA
    }

    public WorldGroup(String worldId, String groupId, int permission) {
        this.id = UUID.randomUUID().toString();
        this.worldId = Objects.requireNonNull(worldId, "worldId");
        this.groupId = Objects.requireNonNull(groupId, "groupId");
        this.permission = permission;
    }

    public String getId() {
        return id;
    }

    public String getWorldId() {
        return worldId;
    }

    public String getGroupId() {
        return groupId;
    }

    public int getPermission() {
        return permission;
    }

    public void setPermission(int permission) {
        this.permission = permission;
    }
}
