package org.portcullis.filter.mail;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.portcullis.filter.web.ApiError;

/**
 * The one way a feature mails a user: through the transport some feature registered, or, while none
 * is, not at all (503 {@code mail_unavailable}). One per filter instance, in the {@code Kernel}.
 *
 * <pre>{@code
 * kernel.mail().use(smtp);                                     // a mail module, while registering
 * kernel.mail().require();                                     // an action, before it does any work
 * kernel.mail().send(new Message(to, "add_email", subject, text));
 * }</pre>
 */
public final class Mail {

    private static final Logger LOG = Logger.getLogger(Mail.class.getName());

    private volatile MailTransport transport;

    /**
     * Sends every mail through {@code transport} from now on.
     *
     * @throws IllegalStateException when a transport was registered already: two would each send a half
     */
    public synchronized void use(MailTransport transport) {
        if (this.transport != null) {
            throw new IllegalStateException("a mail transport is registered already ("
                    + this.transport.getClass().getName() + "); " + transport.getClass().getName() + " cannot be a second");
        }
        this.transport = transport;
    }

    /** Whether mail can go out at all. */
    public boolean available() {
        return transport != null;
    }

    /** @throws ApiError 503 {@code mail_unavailable} when no transport is registered */
    public void require() {
        if (transport == null) {
            throw unavailable();
        }
    }

    /**
     * Hands {@code message} to the transport.
     *
     * @throws ApiError 503 {@code mail_unavailable} when there is no transport or it failed
     */
    public void send(Message message) {
        MailTransport current = transport;
        if (current == null) {
            throw unavailable();
        }
        try {
            current.send(message);
        } catch (RuntimeException e) {
            // The class only: a transport's message might quote the mail.
            LOG.warning("Portcullis could not send " + message + ": " + e.getClass().getName());
            LOG.log(Level.FINE, "sending " + message.template(), e);
            throw unavailable();
        }
    }

    private static ApiError unavailable() {
        return new ApiError(503, "mail_unavailable", "Mail cannot be sent from this site right now.");
    }
}
