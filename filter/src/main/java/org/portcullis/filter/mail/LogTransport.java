package org.portcullis.filter.mail;

import java.util.logging.Logger;

/**
 * {@code mail.transport=log}, the default for development: every mail becomes one line in the server
 * log naming the recipient and the template, never the subject, text or HTML, where codes and links are.
 * A developer who needs the code itself points {@code mail.transport=smtp} at a local mail catcher.
 *
 * <pre>{@code
 * new LogTransport().send(message);   // INFO: Portcullis mail (mail.transport=log): add_email to ada@example.com ...
 * }</pre>
 */
public final class LogTransport implements MailTransport {

    private static final Logger LOG = Logger.getLogger(LogTransport.class.getName());

    @Override
    public void send(Message message) {
        LOG.info("Portcullis mail (mail.transport=log): " + message.template() + " to " + message.to()
                + "; its text is not logged, set mail.transport=smtp to deliver it");
    }

    @Override
    public String toString() {
        return "the log transport";
    }
}
