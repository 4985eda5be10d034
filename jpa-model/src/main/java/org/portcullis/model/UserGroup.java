package org.portcullis.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A named set of users. Every user gets a group of their own (its {@code ownerId} is the user),
 * which is the group a user's new instances are linked to.
 */
@Entity
@Table(name = "usergroup",
        uniqueConstraints = @UniqueConstraint(name = "uq_usergroup_name", columnNames = {"tenant_id", "name"}))
public class UserGroup extends TenantOwned {

    /** Administrators may do everything. */
    public static final String ADMINISTRATORS = "administrators";
    /** The group every new user joins unless {@code default.groups} says otherwise. */
    public static final String USERS = "users";

    @Id
    @Column(name = "id", length = 36, nullable = false)
    private String id;

    @Column(name = "name", length = 200, nullable = false)
    private String name;

    /** The user whose own group this is, or {@code null} for a shared group. */
    @Column(name = "owner_id", length = 36)
    private String ownerId;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    protected UserGroup() {
        // for JPA
    }

    public UserGroup(String name, String ownerId) {
        this.id = UUID.randomUUID().toString();
        this.name = Objects.requireNonNull(name, "name");
        this.ownerId = ownerId;
    }

    /** The name of the group of one's own that every user gets. */
    public static String personalGroupName(String userId) {
        return "user:" + userId;
    }

    @PrePersist
    void onCreate() {
        createdAt = System.currentTimeMillis();
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getOwnerId() {
        return ownerId;
    }

    public Instant getCreatedAt() {
        return Instant.ofEpochMilli(createdAt);
    }

    @Override
    public String toString() {
        return "UserGroup[" + name + "]";
    }
}
