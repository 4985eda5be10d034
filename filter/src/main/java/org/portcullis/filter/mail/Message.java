package org.portcullis.filter.mail;

import java.util.Objects;

/**
 * One mail to one recipient: what it is ({@code template}, e.g. {@code add_email}), its subject, its
 * text and, optionally, an HTML part. The text may carry a code or a link, so {@link #toString} shows the
 * recipient and the template only, and no transport may log more.
 *
 * <pre>{@code
 * Message code = new Message("ada@example.com", "add_email", "Your code", "Your code is 123456.");
 * Message rich = new Message("ada@example.com", "add_email", "Your code", "Your code is 123456.",
 *         "<p>Your code is <b>123456</b>.</p>");
 * }</pre>
 *
 * @param to the recipient's address
 * @param template the kind of mail, for logs and for the templates of a real transport
 * @param html the HTML alternative of {@code text}, or {@code null} for a text-only mail
 */
public record Message(String to, String template, String subject, String text, String html) {

    public Message {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
    }

    /** A text-only mail. */
    public Message(String to, String template, String subject, String text) {
        this(to, template, subject, text, null);
    }

    /**
     * The part of the recipient's address after the {@code @}: what a log line about this mail may name
     * of the recipient.
     */
    public String recipientDomain() {
        int at = to.lastIndexOf('@');
        return at < 0 ? "?" : to.substring(at + 1);
    }

    @Override
    public String toString() {
        return "Message[to=" + to + ", template=" + template + "]";
    }
}
