package org.portcullis.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One user's membership of one group. */
@Entity
@Table(name = "group_membership",
        uniqueConstraints = @UniqueConstraint(name = "uq_group_membership", columnNames = {"user_id", "group_id"}),
        indexes = @Index(name = "ix_group_membership_group", columnList = "group_id"))
public class GroupMembership extends TenantOwned {

    @Id
    @Column(name = "id", length = 36, nullable = false)
    private String id;

    @Column(name = "user_id", length = 36, nullable = false)
    private String userId;

    @Column(name = "group_id", length = 36, nullable = false)
    private String groupId;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    protected GroupMembership() {
        // for JPA
    }

    public GroupMembership(String userId, String groupId) {
        this.id = UUID.randomUUID().toString();
        this.userId = Objects.requireNonNull(userId, "userId");
        this.groupId = Objects.requireNonNull(groupId, "groupId");
    }

    @PrePersist
    void onCreate() {
        createdAt = System.currentTimeMillis();
    }

    public String getId() {
        return id;
    }

    public String getUserId() {
        return userId;
    }

    public String getGroupId() {
        return groupId;
    }

    public Instant getCreatedAt() {
        return Instant.ofEpochMilli(createdAt);
    }
}
