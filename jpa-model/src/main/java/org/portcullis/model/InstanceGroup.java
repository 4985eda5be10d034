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
 * A link of an {@link InstancePermission} to a group, with that group's own group-tier bits: a note
 * shared read-only with group A and read-write with group B is two links.
 */
@Entity
@Table(name = "instance_group",
        uniqueConstraints = @UniqueConstraint(name = "uq_instance_group",
                columnNames = {"instance_permission_id", "group_id"}),
        indexes = @Index(name = "ix_instance_group_group", columnList = "group_id"))
public class InstanceGroup extends TenantOwned {

    @Id
    @Column(name = "id", length = 36, nullable = false)
    private String id;

    @Column(name = "instance_permission_id", length = 36, nullable = false)
    private String instancePermissionId;

    @Column(name = "group_id", length = 36, nullable = false)
    private String groupId;

    @Column(name = "permission", nullable = false)
    private int permission;

    protected InstanceGroup() {
        // for JPA
    }

    public InstanceGroup(String instancePermissionId, String groupId, int permission) {
        this.id = UUID.randomUUID().toString();
        this.instancePermissionId = Objects.requireNonNull(instancePermissionId, "instancePermissionId");
        this.groupId = Objects.requireNonNull(groupId, "groupId");
        this.permission = permission;
    }

    public String getId() {
        return id;
    }

    public String getInstancePermissionId() {
        return instancePermissionId;
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
