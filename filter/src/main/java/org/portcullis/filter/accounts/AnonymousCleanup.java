package org.portcullis.filter.accounts;

import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.portcullis.filter.persistence.BatchedJob;
import org.portcullis.filter.persistence.Change;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.persistence.IdentityRows;
import org.portcullis.model.UserAccount;
import org.portcullis.model.UserIdentity;
import org.portcullis.model.UserStatus;

/**
 * The background job that deletes anonymous users not signed in for {@code anonymous.idle}: each becomes
 * {@code deleted} (its tokens refused from the next request), loses its secret and its handle, and is then
 * erased after {@code account.deleted.retention} like any deleted account ({@link DeletedAccountErasure});
 * its id stays, so rows it owns keep a target. An upgraded user is no longer anonymous and never touched.
 *
 * <p>Bounded and restart-safe as the erasure is: at most {@link #BATCH} users a transaction, at most
 * {@link #MAX_BATCHES_PER_RUN} batches a run; a deleted user is no longer selected, so a run that stops
 * half-way leaves whole batches done and the next run finds the rest. Two nodes at once write the same values.
 *
 * <pre>{@code
 * AnonymousCleanup cleanup = new AnonymousCleanup(database, clock, Duration.ofDays(30), Duration.ofHours(1));
 * registry.onStart(cleanup::start);
 * registry.onStop(cleanup);
 * }</pre>
 */
public final class AnonymousCleanup implements AutoCloseable {

    public static final int BATCH = 100;
    public static final int MAX_BATCHES_PER_RUN = 50;

    private final BatchedJob job;

    /** @param idle {@code anonymous.idle}; @param interval how often it runs ({@code account.erasure.interval}) */
    public AnonymousCleanup(Database database, Clock clock, Duration idle, Duration interval) {
        Objects.requireNonNull(idle, "idle");
        this.job = new BatchedJob("portcullis-anonymous-cleanup", "anonymous clean-up", database, clock, interval, BATCH,
                MAX_BATCHES_PER_RUN, Change.Region.USERS, (em, now) -> deleteBatch(em, now.minus(idle).toEpochMilli(), now),
                deleted -> "deleted " + deleted + " anonymous user(s) idle longer than " + idle);
    }

    public void start() {
        job.start();
    }

    /**
     * One run: batch after batch, each in its own transaction.
     *
     * @return how many anonymous users were deleted
     */
    public int runOnce() {
        return job.runOnce();
    }

    private static int deleteBatch(EntityManager em, long cutoff, Instant now) {
        List<UserAccount> due = em.createQuery("select u from UserAccount u where u.anonymous = true"
                        + " and u.status <> :deleted and (u.lastSigninAt is null or u.lastSigninAt < :cutoff) order by u.id",
                        UserAccount.class)
                .setParameter("deleted", UserStatus.DELETED)
                .setParameter("cutoff", cutoff)
                .setMaxResults(BATCH)
                .getResultList();
        for (UserAccount user : due) {
            user.setStatus(UserStatus.DELETED);
            user.setDeletedAt(now);
            user.invalidateTokensIssuedBefore(now);
            user.setAnonymous(true, null);
            for (UserIdentity row : IdentityRows.of(em, user.getId())) {
                em.remove(row);
            }
        }
        return due.size();
    }

    @Override
    public void close() throws InterruptedException {
        job.close();
    }

    @Override
    public String toString() {
        return "the anonymous clean-up job";
    }
}
