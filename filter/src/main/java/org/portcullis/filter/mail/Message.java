package org.portcullis.filter.mail;

import java.util.Objects;

/**
 * One mail to one recipient: what it is ({@code template}, e.g. {@code add_email}), its subject and its
 * text. The text may carry a code or a link, so {@link #toString} shows the recipient and the template
 * only, and no transport may log more.
 *
 * @param to the recipient's address
 * @param template the kind of mail, for logs and for the templates of a real transport
 */
public record Message(String to, String template, String subject, String text) {

    public Message {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
        return "Message[to=" + to + ", template=" + template + "]";
    }
}
