package org.portcullis.filter.accounts;

import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.portcullis.filter.persistence.PermissionStore;
import org.portcullis.filter.web.ApiError;
import org.portcullis.model.UserAccount;
import org.portcullis.model.UserGroup;
import org.portcullis.model.UserStatus;

/**
 * Who may change an account's status, {@code locked}, {@code api_access} and {@code bo_access}, and
 * delete or restore it: the one place these rules live. Each method runs inside the caller's
 * transaction ({@code Database.inTransaction} with {@code Change.user(target)}, so caches forget),
 * checks, then changes the entity; a refusal is an {@link ApiError} and changes nothing.
 *
 * <ul>
 *   <li>Only administrators change another account; a user asking about someone else's gets 404
 *       {@code not_found} (as if it did not exist), about their own 403 {@code forbidden}.</li>
 *   <li>An administrator cannot change their own status (409 {@code own_account}).</li>
 *   <li>A {@code locked} account is changed (status, flags, deletion) by nobody but itself: 403
 *       {@code locked}; only an administrator sets or clears {@code locked}, so an administrator clears it
 *       first and then disables.</li>
 *   <li>{@code deleted} is set by {@link #delete} alone (400 {@code bad_status} through
 *       {@link #changeStatus}); a deleted account is restored by {@link #changeStatus} to any other
 *       status within the retention, after it 409 {@code retention_over}.</li>
 *   <li>An account that leaves {@code active} has every token issued until then refused for good
 *       (tokensValidAfter), so that restoring it never brings an old token back.</li>
 * </ul>
 *
 * <pre>{@code
 * AccountLifecycle lifecycle = new AccountLifecycle(config.accounts().retention());
 * database.inTransaction(Change.user(id), em -> {
 *     UserAccount user = AccountRows.userById(em, id).orElseThrow(...);
 *     lifecycle.changeStatus(em, me, user, UserStatus.ACTIVE, clock.instant()); // approve, or restore
 *     return user;
 * });
 * }</pre>
 */
public final class AccountLifecycle {

    /** The wave-1 spelling of {@code inactive}, still accepted from clients. */
    public static final String DISABLED_ALIAS = "disabled";

    private final Duration retention;

    /** @param retention {@code account.deleted.retention}: how long a deleted account can be restored */
    public AccountLifecycle(Duration retention) {
        this.retention = Objects.requireNonNull(retention, "retention");
    }

    /** How long a deleted account can be restored. */
    public Duration retention() {
        return retention;
    }

    /**
     * The status a client names: a {@link UserStatus#code()}, or {@value #DISABLED_ALIAS} for
     * {@code inactive}; never {@code deleted}, which only the deletion paths set.
     *
     * @throws ApiError 400 {@code bad_status} for anything else
     */
    public static UserStatus parseStatus(String code) {
        if (DISABLED_ALIAS.equals(code)) {
            return UserStatus.INACTIVE;
        }
        return UserStatus.ofCode(code).filter(s -> s != UserStatus.DELETED).orElseThrow(AccountLifecycle::badStatus);
    }

    /**
     * An administrator moves {@code target} to {@code status}; from {@code deleted}, that restores it.
     *
     * @throws ApiError 404/403 not an administrator, 409 {@code own_account}, 403 {@code locked},
     *     400 {@code bad_status} for {@code deleted}, 409 {@code retention_over} past the retention
     */
    public void changeStatus(EntityManager em, String actorId, UserAccount target, UserStatus status, Instant now) {
        requireAdministrator(em, actorId, target);
        if (target.getId().equals(actorId)) {
            throw ApiError.conflict("own_account", "Administrators cannot change their own account's status.");
        }
        requireUnlocked(actorId, target);
        if (status == UserStatus.DELETED) {
            throw badStatus();
        }
        if (target.getStatus() == UserStatus.DELETED) {
            restore(target, status, now);
            return;
        }
        leave(target, status, now);
    }

    /**
     * An administrator sets or clears {@code locked}, of any account, their own included.
     *
     * @throws ApiError 404/403 not an administrator
     */
    public void setLocked(EntityManager em, String actorId, UserAccount target, boolean locked) {
        requireAdministrator(em, actorId, target);
        target.setLocked(locked);
    }

    /**
     * An administrator sets {@code api_access} and/or {@code bo_access} (null: unchanged).
     *
     * @throws ApiError 404/403 not an administrator, 403 {@code locked} for another's locked account
     */
    public void setFlags(EntityManager em, String actorId, UserAccount target, Boolean apiAccess, Boolean boAccess) {
        requireAdministrator(em, actorId, target);
        requireUnlocked(actorId, target);
        if (apiAccess != null) {
            target.setApiAccess(apiAccess);
        }
        if (boAccess != null) {
            target.setBoAccess(boAccess);
        }
    }

    /**
     * Deletes {@code target}: status {@code deleted}, {@code deleted_at} now, every token refused. The
     * account itself may ({@code delete_account}, after proving its password); else an administrator,
     * not their own account through this way.
     *
     * @throws ApiError 404 already deleted or not an administrator's to see, 403 {@code locked}, 409
     *     {@code last_administrator} for the only active administrator deleting themselves (nobody could
     *     become one again)
     */
    public void delete(EntityManager em, String actorId, UserAccount target, Instant now) {
        if (target.getStatus() == UserStatus.DELETED) {
            throw notFound();
        }
        if (!target.getId().equals(actorId)) {
            requireAdministrator(em, actorId, target);
            requireUnlocked(actorId, target);
        } else if (lastActiveAdministrator(em, target)) {
            // Nobody could become an administrator again: the group would keep a member that cannot sign in.
            throw ApiError.conflict("last_administrator", "You are the only active administrator: make another"
                    + " administrator first, then delete this account.");
        }
        target.setStatus(UserStatus.DELETED);
        target.setDeletedAt(now);
        target.invalidateTokensIssuedBefore(now);
    }

    /**
     * As {@link #delete}, by an administrator through the management API: their own account is 409
     * {@code own_account} (they delete it with {@code delete_account}), a user's own 403 {@code forbidden}.
     */
    public void deleteByAdministrator(EntityManager em, String actorId, UserAccount target, Instant now) {
        requireAdministrator(em, actorId, target);
        if (target.getId().equals(actorId)) {
            throw ApiError.conflict("own_account", "Administrators delete their own account with"
                    + " user_account/delete_account.");
        }
        delete(em, actorId, target, now);
    }

    /** Whether {@code target}, deleted, can still be restored at {@code now}. */
    public boolean restorable(UserAccount target, Instant now) {
        Optional<Instant> deletedAt = target.getDeletedAt();
        return target.getStatus() == UserStatus.DELETED && deletedAt.isPresent()
                && now.isBefore(deletedAt.get().plus(retention));
    }

    private void restore(UserAccount target, UserStatus status, Instant now) {
        if (!restorable(target, now)) {
            throw ApiError.conflict("retention_over", "This account was deleted longer ago than"
                    + " account.deleted.retention (" + retention + "); it can no longer be restored.");
        }
        target.setStatus(status);
        target.setDeletedAt(null);
    }

    private static void leave(UserAccount target, UserStatus status, Instant now) {
        if (target.isActive() && status != UserStatus.ACTIVE) {
            target.invalidateTokensIssuedBefore(now); // no old token comes back if it is activated again
        }
        target.setStatus(status);
    }

    private static boolean lastActiveAdministrator(EntityManager em, UserAccount target) {
        if (!PermissionStore.subject(em, target.getId()).administrator()) {
            return false;
        }
        Long others = em.createQuery("select count(m) from GroupMembership m, UserGroup g, UserAccount u"
                        + " where m.groupId = g.id and g.name = :administrators and m.userId = u.id"
                        + " and u.id <> :target and u.status = :active", Long.class)
                .setParameter("administrators", UserGroup.ADMINISTRATORS)
                .setParameter("target", target.getId())
                .setParameter("active", UserStatus.ACTIVE)
                .getSingleResult();
        return others == 0;
    }

    private static void requireAdministrator(EntityManager em, String actorId, UserAccount target) {
        if (!PermissionStore.subject(em, actorId).administrator()) {
            throw target.getId().equals(actorId)
                    ? ApiError.forbidden("forbidden", "Only administrators change an account's status, flags or lock.")
                    : notFound(); // not yours: as if it did not exist
        }
    }

    private static void requireUnlocked(String actorId, UserAccount target) {
        if (target.isLocked() && !target.getId().equals(actorId)) {
            throw ApiError.forbidden("locked", "This account is locked: only its owner changes it;"
                    + " an administrator clears 'locked' first.");
        }
    }

    private static ApiError badStatus() {
        return ApiError.badRequest("bad_status", "'status' must be one of active, inactive, pending_approval,"
                + " pending_verification (\"disabled\" is read as \"inactive\"); \"deleted\" is set by DELETE"
                + " /api/user_account/<id> or user_account/delete_account.");
    }

    private static ApiError notFound() {
        return new ApiError(404, "not_found", "There is no such user account.");
    }
}
