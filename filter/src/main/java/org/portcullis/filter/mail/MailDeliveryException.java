package org.portcullis.filter.mail;

/**
 * A transport could not hand a mail on: the relay was unreachable, too slow, refused the sign-in or the
 * mail. Its message names the failure's class only, never the relay's reply, which may quote the mail.
 */
public final class MailDeliveryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MailDeliveryException(Throwable cause) {
        super("mail not sent: " + cause.getClass().getName(), cause);
    }

    /** The innermost cause's class, e.g. {@code java.net.ConnectException}: what the outbox records. */
    public static String rootClass(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getName();
    }
}
