package org.portcullis.filter.mail;

import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.portcullis.filter.persistence.Change;
import org.portcullis.filter.persistence.Database;
import org.portcullis.model.OutboxMail;

/**
 * The {@code mail_outbox} table: mail is {@linkplain #add added} in the caller's transaction and taken out
 * by {@link OutboxSender}. A row is taken by a lease, one conditional {@code UPDATE} per row
 * ({@code ... where id = ? and (claimed_until is null or claimed_until < now)}): on every database the
 * second of two racing updates counts zero rows, so of several nodes exactly one sends each mail. A row
 * is deleted when its mail has gone out or been given up, so no code or link stays in the table after
 * sending; a node that dies holding a lease leaves the row to be taken again when the lease is over (so
 * a mail sent just before a crash, whose row could not be deleted, is sent a second time: at least once).
 *
 * <pre>{@code
 * database.inTransaction(Change.nothing(), em -> { outbox.add(em, message); return null; });
 * for (String id : outbox.due(10)) {
 *     outbox.claim(id, node, Duration.ofMinutes(2)).ifPresent(sender::deliver);
 * }
 * }</pre>
 */
public final class Outbox {

    /** A row this node holds the lease of. */
    public record Claimed(String id, String node, Message message, int attempts) {
    }

    private final Database database;
    private final Clock clock;
    /** Set on the thread whose open transaction added a row; read and cleared right after its commit. */
    private final ThreadLocal<Boolean> added = new ThreadLocal<>();

    public Outbox(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Writes {@code message} in the transaction {@code em} belongs to: it is sent only if that commits.
     *
     * @throws IllegalArgumentException when the subject, text or HTML is longer than the table takes
     */
    public void add(EntityManager em, Message message) {
        refuseLonger("subject", message.subject(), OutboxMail.MAX_SUBJECT);
        refuseLonger("text", message.text(), OutboxMail.MAX_TEXT);
        if (message.html() != null) {
            refuseLonger("html", message.html(), OutboxMail.MAX_HTML);
        }
        em.persist(new OutboxMail(message.to(), message.template(), message.subject(), message.text(), message.html(),
                clock.instant()));
        added.set(Boolean.TRUE);
    }

    private static void refuseLonger(String what, String value, int max) {
        if (value.length() > max) {
            throw new IllegalArgumentException("a mail's " + what + " holds " + value.length() + " characters; the outbox"
                    + " takes at most " + max);
        }
    }

    /**
     * Runs {@code wake} on the committing thread after each commit of a transaction that {@linkplain #add added}
     * mail (a rolled-back one may cause one wake more, never one fewer).
     */
    public void onCommitOfAdded(Runnable wake) {
        Objects.requireNonNull(wake, "wake");
        database.onCommit((tenant, change) -> {
            if (added.get() != null) {
                added.remove();
                wake.run();
            }
        });
    }

    /** Ids of at most {@code max} rows due now and held by nobody, the longest waiting first. */
    public List<String> due(int max) {
        long now = clock.millis();
        return database.read(em -> em.createQuery("select m.id from OutboxMail m where m.nextAttemptAt <= :now"
                        + " and (m.claimedUntil is null or m.claimedUntil < :now) order by m.nextAttemptAt, m.id", String.class)
                .setParameter("now", now)
                .setMaxResults(max)
                .getResultList());
    }

    /** Takes the lease of row {@code id} for {@code lease}; empty when another node holds it or it is gone. */
    public Optional<Claimed> claim(String id, String node, Duration lease) {
        long now = clock.millis();
        return database.inTransaction(Change.nothing(), em -> {
            int won = em.createQuery("update OutboxMail m set m.claimedBy = :node, m.claimedUntil = :until"
                            + " where m.id = :id and (m.claimedUntil is null or m.claimedUntil < :now)")
                    .setParameter("node", node)
                    .setParameter("until", now + lease.toMillis())
                    .setParameter("id", id)
                    .setParameter("now", now)
                    .executeUpdate();
            if (won != 1) {
                return Optional.<Claimed>empty();
            }
            OutboxMail row = em.find(OutboxMail.class, id);
            return Optional.of(new Claimed(id, node, new Message(row.getRecipient(), row.getTemplate(), row.getSubject(),
                    row.getText(), row.getHtml()), row.getAttempts()));
        });
    }

    /**
     * Deletes a row this node holds: its mail went out or was given up.
     *
     * @return false when the lease had passed to another node meanwhile (which then sends it again)
     */
    public boolean remove(Claimed claimed) {
        return database.inTransaction(Change.nothing(), em -> em.createQuery("delete from OutboxMail m"
                        + " where m.id = :id and m.claimedBy = :node")
                .setParameter("id", claimed.id())
                .setParameter("node", claimed.node())
                .executeUpdate()) == 1;
    }

    /** Counts a failed attempt, gives the lease back and makes the row due again at {@code next}. */
    public void failed(Claimed claimed, Instant next, String errorClass) {
        database.inTransaction(Change.nothing(), em -> em.createQuery("update OutboxMail m set m.attempts = m.attempts + 1,"
                        + " m.nextAttemptAt = :next, m.claimedBy = null, m.claimedUntil = null, m.lastError = :error"
                        + " where m.id = :id and m.claimedBy = :node")
                .setParameter("next", next.toEpochMilli())
                .setParameter("error", errorClass.length() > 200 ? errorClass.substring(0, 200) : errorClass)
                .setParameter("id", claimed.id())
                .setParameter("node", claimed.node())
                .executeUpdate());
    }
}
