package org.portcullis.filter.accounts;

import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.portcullis.filter.persistence.BatchedJob;
import org.portcullis.filter.persistence.Change;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.persistence.DatabaseUnavailableException;
import org.portcullis.filter.persistence.IdentityRows;
import org.portcullis.model.UserAccount;
import org.portcullis.model.UserIdentity;
import org.portcullis.model.UserStatus;

/**
 * The background job that erases the personal data of accounts deleted longer than
 * {@code account.deleted.retention} ago: e-mail, name, first and last name, profile and password hash.
 * The id stays, so that ownership rows keep a target, and so does the status {@code deleted}.
 *
 * <p>The e-mail column is {@code NOT NULL} and unique: an erased account's e-mail becomes
 * {@code deleted-<id>@invalid} ({@code .invalid} is reserved, RFC 2606, and the id is unique), which
 * is also how the job tells an erased account from one still to erase. So it is restart-safe without a
 * column of its own: a run that stops half-way leaves whole batches erased or untouched, and the next
 * run finds what is left. Each batch is at most {@link #BATCH} accounts in one transaction; a run goes on
 * until a batch comes back short, at most {@link #MAX_BATCHES_PER_RUN} batches. Two nodes running it at
 * once write the same values.
 *
 * <pre>{@code
 * DeletedAccountErasure erasure = new DeletedAccountErasure(database, clock, Duration.ofDays(30), Duration.ofHours(1));
 * registry.onStart(erasure::start);
 * registry.onStop(erasure);   // the thread ends at the filter's destroy
 * }</pre>
 */
public final class DeletedAccountErasure implements AutoCloseable {

    /** Accounts erased in one transaction. */
    public static final int BATCH = 100;
    /** Batches in one run at most, so that a backlog never holds the thread for long. */
    public static final int MAX_BATCHES_PER_RUN = 50;
    /** What an erased account's e-mail becomes: {@code deleted-<id>@invalid}. */
    public static final String ERASED_EMAIL_PREFIX = "deleted-";
    public static final String ERASED_EMAIL_DOMAIN = "@invalid";

    private final BatchedJob job;

    public DeletedAccountErasure(Database database, Clock clock, Duration retention, Duration interval) {
        Objects.requireNonNull(retention, "retention");
        this.job = new BatchedJob("portcullis-account-erasure", "account erasure", database, clock, interval, BATCH,
                MAX_BATCHES_PER_RUN, Change.Region.USERS,
                (em, now) -> eraseBatch(em, now.minus(retention).toEpochMilli()),
                erased -> "erased the personal data of " + erased + " deleted account(s) past the retention");
    }

    /** The e-mail an erased account keeps: unique, and no address anyone can receive mail at. */
    public static String erasedEmail(String userId) {
        return ERASED_EMAIL_PREFIX + userId + ERASED_EMAIL_DOMAIN;
    }

    /** Starts the one daemon thread that runs {@link #runOnce} every {@code interval}. */
    public void start() {
        job.start();
    }

    /**
     * One run: erases batch after batch of accounts past the retention, each in its own transaction.
     *
     * @return how many accounts were erased
     * @throws DatabaseUnavailableException when the database cannot be reached; what was committed stays
     */
    public int runOnce() {
        return job.runOnce();
    }

    private static int eraseBatch(EntityManager em, long cutoff) {
        List<UserAccount> due = em.createQuery("select u from UserAccount u where u.status = :deleted"
                        + " and u.deletedAt < :cutoff and u.email <> concat(:prefix, u.id, :domain) order by u.id",
                        UserAccount.class)
                .setParameter("deleted", UserStatus.DELETED)
                .setParameter("cutoff", cutoff)
                .setParameter("prefix", ERASED_EMAIL_PREFIX)
                .setParameter("domain", ERASED_EMAIL_DOMAIN)
                .setMaxResults(BATCH)
                .getResultList();
        due.forEach(user -> erase(em, user));
        return due.size();
    }

    private static void erase(EntityManager em, UserAccount user) {
        user.eraseEmail(erasedEmail(user.getId()));
        user.setName("");
        user.setFirstName(null);
        user.setLastName(null);
        user.setProfile(null);
        user.setPasswordHash(null);
        eraseIdentities(em, user);
    }

    /**
     * The identities of an account beyond its e-mail column: the username and every {@code user_identity}
     * row (further e-mails, the username's row), in the same transaction. The identities' values are
     * personal data too, and removing the rows frees the addresses and the username for others.
     */
    private static void eraseIdentities(EntityManager em, UserAccount user) {
        user.setUsername(null);
        for (UserIdentity identity : IdentityRows.of(em, user.getId())) {
            em.remove(identity);
        }
    }

    /** Stops the thread, waiting a few seconds for a run under way; a second close does nothing. */
    @Override
    public void close() throws InterruptedException {
        job.close();
    }

    @Override
    public String toString() {
        return "the account erasure job";
    }
}
