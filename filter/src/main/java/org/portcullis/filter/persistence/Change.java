package org.portcullis.filter.persistence;

import java.util.List;
import java.util.Objects;

/**
 * What a committed transaction changed, as far as the caches of {@link AccessCache} care. A write
 * names its change when it commits ({@link Database#inTransaction(Change, java.util.function.Function)});
 * a write that names none counts as {@link #everything()}, so forgetting costs speed, never correctness.
 *
 * <pre>{@code
 * database.inTransaction(Change.instance("note", "42"), em -> PermissionStore.link(em, "note", "42", group, permission));
 * database.inTransaction(Change.user(userId), em -> { AccountRows.addMember(em, user, group); return null; });
 * }</pre>
 */
public sealed interface Change {

    /** A user's account, memberships, administrator flag or personal group. */
    record User(String userId) implements Change {
        public User {
            Objects.requireNonNull(userId, "userId");
        }
    }

    /** A token's revocation. */
    record Token(String tokenId) implements Change {
        public Token {
            Objects.requireNonNull(tokenId, "tokenId");
        }
    }

    /** An entity's {@code world} row, its group links or its named-user entries. */
    record Entity(String entity) implements Change {
        public Entity {
            Objects.requireNonNull(entity, "entity");
        }
    }

    /**
     * One instance's permission row, its group links or its named-user entries, including its
     * registration or removal.
     */
    record Instance(String entity, String instanceId) implements Change {
        public Instance {
            Objects.requireNonNull(entity, "entity");
            Objects.requireNonNull(instanceId, "instanceId");
        }
    }

    /** Every entry of one kind: for a write that cannot say which rows it touched. */
    enum Region implements Change {
        /** AccountRows, memberships and administrator flags of every user (say, a group was deleted). */
        USERS,
        /** Every revocation. */
        TOKENS,
        /** Every {@code world} row. */
        ENTITIES,
        /** Every instance row. */
        INSTANCES
    }

    /** Several changes of one transaction. */
    record Several(List<Change> changes) implements Change {
        public Several {
            changes = List.copyOf(changes);
        }
    }

    static Change user(String userId) {
        return new User(userId);
    }

    static Change token(String tokenId) {
        return new Token(tokenId);
    }

    static Change entity(String entity) {
        return new Entity(entity);
    }

    static Change instance(String entity, String instanceId) {
        return new Instance(entity, instanceId);
    }

    static Change all(Change... changes) {
        return new Several(List.of(changes));
    }

    /** Anything at all: what a transaction that names no change is taken to have changed. */
    static Change everything() {
        return new Several(List.of(Region.values()));
    }

    /** Nothing a cache holds (a transaction that only reads, or writes rows no cache keeps). */
    static Change nothing() {
        return new Several(List.of());
    }
}
