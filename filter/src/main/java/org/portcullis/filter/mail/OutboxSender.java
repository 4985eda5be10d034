package org.portcullis.filter.mail;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.portcullis.filter.persistence.BackgroundThread;
import org.portcullis.filter.persistence.DatabaseUnavailableException;

/**
 * The background job that sends what the {@link Outbox} holds: every {@code mail.outbox.interval}, and at
 * once after a commit on this node that queued mail. Each due row is taken by a lease, handed to the
 * transport, and deleted when it went out. A failure counts an attempt and makes the row due again after
 * a back-off ({@link Policy#retryAfter}: 30 s, 1 min, 2 min … at most 1 h); after
 * {@link Policy#maxAttempts} failures the mail is given up, its row deleted, and one warning names the
 * template and the recipient's domain, never the address's local part, the subject or the text.
 *
 * <p>One run takes at most {@link Policy#batch} rows per look, and looks at most {@link #MAX_BATCHES_PER_RUN}
 * times, so a backlog never holds the thread for long. Every node runs a sender; the leases keep them from
 * sending one mail twice. A restart loses nothing: rows wait in the table, and a lease a stopped node held
 * runs out.
 *
 * <pre>{@code
 * OutboxSender sender = new OutboxSender(mail, outbox, clock, Duration.ofSeconds(5), OutboxSender.Policy.DEFAULT);
 * registry.onStart(sender::start);
 * registry.onStop(sender);   // the thread ends at the filter's destroy
 * }</pre>
 */
public final class OutboxSender implements AutoCloseable {

    /** Looks at the outbox in one run at most. */
    public static final int MAX_BATCHES_PER_RUN = 20;

    private static final Logger LOG = Logger.getLogger(OutboxSender.class.getName());

    /**
     * How rows are taken and tried again.
     *
     * @param batch rows taken per look
     * @param lease how long a taken row is this node's: longer than one send may take (three 10 s timeouts)
     * @param firstRetry the wait after the first failure; each further failure doubles it
     * @param maxRetry the longest wait between two attempts
     * @param maxAttempts failed attempts after which a mail is given up
     */
    public record Policy(int batch, Duration lease, Duration firstRetry, Duration maxRetry, int maxAttempts) {

        /** 10 rows a look, a 2-minute lease, 30 s doubling to at most 1 h, 8 attempts (about 2 hours). */
        public static final Policy DEFAULT = new Policy(10, Duration.ofMinutes(2), Duration.ofSeconds(30),
                Duration.ofHours(1), 8);

        /** The wait after the {@code failures}-th failure (1 = the first). */
        public Duration retryAfter(int failures) {
            Duration wait = firstRetry;
            for (int i = 1; i < failures && wait.compareTo(maxRetry) < 0; i++) {
                wait = wait.multipliedBy(2);
            }
            return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
        }
    }

    /** What one run did. */
    public record Run(int sent, int failed, int abandoned) {
    }

    private final Mail mail;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration interval;
    private final Policy policy;
    private final String node = UUID.randomUUID().toString();
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private BackgroundThread thread;

    public OutboxSender(Mail mail, Outbox outbox, Clock clock, Duration interval, Policy policy) {
        this.mail = Objects.requireNonNull(mail, "mail");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** Starts the one daemon thread, which runs every {@code interval} and after each commit that queued mail. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("the mail sender has been started already");
        }
        // The thread keeps this thread's context class loader: Jakarta Mail finds its stream provider through it.
        thread = BackgroundThread.start("portcullis-mail-sender", interval, this::runQuietly);
        outbox.onCommitOfAdded(this::wake);
    }

    /** Asks for a run soon, on the sender's thread; several asks before it starts make one run. */
    public void wake() {
        BackgroundThread current;
        synchronized (this) {
            current = thread;
        }
        if (current != null && wakePending.compareAndSet(false, true)) {
            current.runSoon(() -> {
                wakePending.set(false);
                runQuietly();
            });
        }
    }

    /**
     * One run: takes and sends due mail, batch after batch.
     *
     * @throws DatabaseUnavailableException when the database cannot be reached; what was done stays done
     */
    public Run runOnce() {
        int sent = 0;
        int failed = 0;
        int abandoned = 0;
        for (int look = 0; look < MAX_BATCHES_PER_RUN; look++) {
            List<String> due = outbox.due(policy.batch());
            for (String id : due) {
                Optional<Outbox.Claimed> claimed = outbox.claim(id, node, policy.lease());
                if (claimed.isEmpty()) {
                    continue; // another node's
                }
                switch (deliver(claimed.get())) {
                    case SENT -> sent++;
                    case FAILED -> failed++;
                    case ABANDONED -> abandoned++;
                }
            }
            if (due.size() < policy.batch()) {
                break;
            }
        }
        return new Run(sent, failed, abandoned);
    }

    private enum Outcome { SENT, FAILED, ABANDONED }

    private Outcome deliver(Outbox.Claimed claimed) {
        Message message = claimed.message();
        try {
            MailTransport transport = mail.transport()
                    .orElseThrow(() -> new IllegalStateException("no mail transport is registered"));
            transport.send(message);
        } catch (RuntimeException e) {
            return failed(claimed, e);
        }
        if (!outbox.remove(claimed)) {
            LOG.warning("Portcullis sent a " + message.template() + " mail to a recipient at " + message.recipientDomain()
                    + " after its lease had passed to another node, which may send it again");
        }
        return Outcome.SENT;
    }

    private Outcome failed(Outbox.Claimed claimed, RuntimeException e) {
        Message message = claimed.message();
        int failures = claimed.attempts() + 1;
        String error = MailDeliveryException.rootClass(e);
        LOG.log(Level.FINE, "sending " + message.template() + " failed", e.getClass().getName());
        if (failures >= policy.maxAttempts()) {
            outbox.remove(claimed);
            LOG.warning("Portcullis gave up a " + message.template() + " mail to a recipient at " + message.recipientDomain()
                    + " after " + failures + " failed attempts; the last: " + error);
            return Outcome.ABANDONED;
        }
        Duration wait = policy.retryAfter(failures);
        outbox.failed(claimed, clock.instant().plus(wait), error);
        LOG.info("Portcullis could not send a " + message.template() + " mail to a recipient at " + message.recipientDomain()
                + " (attempt " + failures + " of " + policy.maxAttempts() + ": " + error + "); it tries again in " + wait);
        return Outcome.FAILED;
    }

    private void runQuietly() {
        try {
            runOnce();
        } catch (DatabaseUnavailableException e) {
            LOG.fine("Portcullis' mail sender waits for the database: " + e.getClass().getName());
        } catch (RuntimeException e) {
            // Never let the schedule die; the class only, a message might quote the mail.
            LOG.warning("Portcullis' mail sender failed (" + e.getClass().getName() + "); it runs again in " + interval);
        }
    }

    /** Stops the thread, waiting a few seconds for a send under way; a second close does nothing. */
    @Override
    public synchronized void close() throws InterruptedException {
        if (thread != null) {
            thread.close("mail sender");
            thread = null;
        }
    }

    @Override
    public String toString() {
        return "the mail sender";
    }
}
