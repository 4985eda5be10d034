package org.portcullis.filter.routing;

/**
 * A path Portcullis will not decide on because its spelling is suspicious: a control character, a
 * backslash, text that is still percent-encoded after the container decoded it, a {@code ..} above the
 * root. The filter answers 400 before any route is looked at; the message is a short reason that never
 * repeats the path, so it is safe to send back and to log.
 *
 * <pre>{@code
 * try {
 *     CanonicalPath.of("/notes", "/%2e/1");
 * } catch (RejectedPathException e) {
 *     e.reason(); // "'%' in the decoded path (encoded twice?)"
 * }
 * }</pre>
 */
public final class RejectedPathException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RejectedPathException(String reason) {
        // No stack trace: anyone can trigger this with one request, and the reason says it all.
        super(reason, null, false, false);
    }

    /** The short reason, the same text as {@link #getMessage()}. */
    public String reason() {
        return getMessage();
    }
}
