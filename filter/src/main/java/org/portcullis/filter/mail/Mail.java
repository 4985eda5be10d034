package org.portcullis.filter.mail;

import jakarta.persistence.EntityManager;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;
import org.portcullis.filter.config.MailSettings;
import org.portcullis.filter.web.ApiError;

/**
 * The one way a feature mails a user: {@link #enqueue} writes the mail to the {@link Outbox} in the
 * feature's own transaction, and the {@link OutboxSender} hands it to the transport after the commit. So a
 * change rolled back mails nothing, a request never waits for SMTP, and SMTP being down delays mail
 * without losing it. One per filter instance, in the {@code Kernel}.
 *
 * <p>The transport is the one {@code mail.transport} names ({@code log}, the default; {@code smtp}; or
 * {@code none}, no transport: features that mail answer 503 {@code mail_unavailable}). A module may
 * {@linkplain #use bring its own} in place of {@code log} or {@code none}, never beside {@code smtp}.
 *
 * <pre>{@code
 * kernel.mail().use(provider);                                   // a mail module, while registering
 * kernel.mail().require();                                       // an action, before it does any work
 * database.inTransaction(Change.nothing(), em -> {
 *     String code = codes.issue(em, purpose, to, userId, ttl);
 *     kernel.mail().enqueue(em, kernel.mail().templates().render("add_email", to, Map.of("code", code)));
 *     return null;
 * });
 * }</pre>
 */
public final class Mail {

    private static final Logger LOG = Logger.getLogger(Mail.class.getName());

    private final Outbox outbox;
    private final MailSettings.Transport configured;
    private final MailTemplates templates;
    private volatile MailTransport transport;
    private boolean fromModule;

    /**
     * @param configured what {@code mail.transport} says
     * @param transport its transport, or null for {@code none}
     */
    public Mail(Outbox outbox, MailSettings.Transport configured, MailTransport transport) {
        this(outbox, configured, transport, new MailTemplates(org.portcullis.filter.web.HostApplication.none(), "Portcullis"));
    }

    /**
     * @param templates the subjects and texts of every mail, the host's replacements included
     */
    public Mail(Outbox outbox, MailSettings.Transport configured, MailTransport transport, MailTemplates templates) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.configured = Objects.requireNonNull(configured, "configured");
        this.transport = transport;
        this.templates = Objects.requireNonNull(templates, "templates");
    }

    /**
     * The mail of {@code settings}: the log, SMTP, or no transport.
     *
     * @throws org.portcullis.filter.config.ConfigException when the SMTP settings cannot be used
     */
    public static Mail configured(MailSettings settings, Outbox outbox) {
        return configured(settings, outbox, new MailTemplates(org.portcullis.filter.web.HostApplication.none(), "Portcullis"));
    }

    /** As {@link #configured(MailSettings, Outbox)}, with the host's {@code templates}. */
    public static Mail configured(MailSettings settings, Outbox outbox, MailTemplates templates) {
        MailTransport transport = switch (settings.transport()) {
            case LOG -> new LogTransport();
            case SMTP -> SmtpTransport.from(settings);
            case NONE -> null;
        };
        return new Mail(outbox, settings.transport(), transport, templates);
    }

    /** The mail templates, Portcullis' own or the host's ({@link MailTemplates}). */
    public MailTemplates templates() {
        return templates;
    }

    /**
     * Sends every mail through a module's {@code transport} from now on, in place of {@code mail.transport}'s
     * {@code log} or {@code none}.
     *
     * @throws IllegalStateException when {@code mail.transport} is {@code smtp}, or another module registered
     *     one already: two would each send a half
     */
    public synchronized void use(MailTransport transport) {
        Objects.requireNonNull(transport, "transport");
        if (configured == MailSettings.Transport.SMTP || fromModule) {
            throw new IllegalStateException("a mail transport is registered already (" + this.transport + "); "
                    + transport.getClass().getName() + " cannot be a second"
                    + (fromModule ? "" : ": set mail.transport to none to send through the module's"));
        }
        LOG.info("Portcullis sends mail through " + transport.getClass().getName() + " in place of mail.transport="
                + configured.name().toLowerCase(java.util.Locale.ROOT));
        this.transport = transport;
        fromModule = true;
    }

    /** Whether mail can go out at all. */
    public boolean available() {
        return transport != null;
    }

    /** @throws ApiError 503 {@code mail_unavailable} when there is no transport */
    public void require() {
        if (transport == null) {
            throw new ApiError(503, "mail_unavailable", "Mail cannot be sent from this site right now.");
        }
    }

    /**
     * Queues {@code message} in the transaction {@code em} belongs to; the sender sends it once that
     * commits, and not at all if it rolls back.
     *
     * @throws ApiError 503 {@code mail_unavailable} when there is no transport
     */
    public void enqueue(EntityManager em, Message message) {
        require();
        outbox.add(em, message);
    }

    /** The transport the sender hands mail to; empty with {@code none} and no module's. */
    Optional<MailTransport> transport() {
        return Optional.ofNullable(transport);
    }

    /** The outbox {@link #enqueue} writes to. */
    public Outbox outbox() {
        return outbox;
    }
}
