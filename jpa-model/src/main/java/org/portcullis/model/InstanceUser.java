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
 * A named-user entry of an {@link InstancePermission} (POSIX ACL's "named user"): the bits one user gets on
 * the instance, instead of whatever their groups give. The permission is one tier's seven bits
 * (Peek = 1 … Refer = 64), not a 21-bit mask.
 */
@Entity
@Table(name = "instance_user",
        uniqueConstraints = @UniqueConstraint(name = "uq_instance_user", columnNames = {"instance_permission_id", "user_id"}),
        indexes = @Index(name = "ix_instance_user_user", columnList = "user_id"))
public class InstanceUser extends TenantOwned {

    @Id
    @Column(name = "id", length = 36, nullable = false)
    private String id;

    @Column(name = "instance_permission_id", length = 36, nullable = false)
    private String instancePermissionId;

    @Column(name = "user_id", length = 36, nullable = false)
    private String userId;

    @Column(name = "permission", nullable = false)
    private int permission;

    protected InstanceUser() {
        // for JPA
    }

    public InstanceUser(String instancePermissionId, String userId, int permission) {
        this.id = UUID.randomUUID().toString();
        this.instancePermissionId = Objects.requireNonNull(instancePermissionId, "instancePermissionId");
        this.userId = Objects.requireNonNull(userId, "userId");
        this.permission = permission;
    }

    public String getId() {
        return id;
    }

    public String getInstancePermissionId() {
        return instancePermissionId;
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
