package org.portcullis.filter.mail;

/**
 * What carries a {@link Message} out: SMTP, an outbox, a test's mailbox. A module brings one by
 * registering it on the kernel's {@link Mail} ({@code kernel.mail().use(transport)}); Portcullis itself
 * ships none yet, so features that mail answer 503 {@code mail_unavailable} until one is there.
 */
@FunctionalInterface
public interface MailTransport {

    /**
     * Sends, or queues for sending, one message. Never logs the text.
     *
     * @throws RuntimeException when the message could not be handed on; the caller answers 503
     */
    void send(Message message);
}
