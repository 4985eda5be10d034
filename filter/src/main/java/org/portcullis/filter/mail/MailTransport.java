package org.portcullis.filter.mail;

/**
 * What carries a {@link Message} out: SMTP ({@link SmtpTransport}), the server log ({@link LogTransport}),
 * a module's own (a test's mailbox, a provider's HTTP API). Portcullis' own is chosen by
 * {@code mail.transport}; a module brings one by registering it on the kernel's {@link Mail}
 * ({@code kernel.mail().use(transport)}), in place of {@code log} or {@code none}. Either way the
 * outbox's background sender calls it, after the commit that queued the mail, never inside a request.
 *
 * <pre>{@code
 * kernel.mail().use(message -> provider.post(message.to(), message.subject(), message.text()));
 * }</pre>
 */
@FunctionalInterface
public interface MailTransport {

    /**
     * Sends one message. Never logs the text or the HTML.
     *
     * @throws RuntimeException when the message could not be handed on; the sender tries again later
     */
    void send(Message message);
}
