package org.portcullis.filter.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body, refusing one over the configured size before reading it whole; and, before
 * Portcullis answers a request itself, settles whatever body is left (see {@link #settle}).
 */
public final class RequestBody {

    /** Largest unread body drained, rather than the connection closed, before a reply of ours. */
    static final int DRAIN_LIMIT = 64 * 1024;

    private static final String STATE = RequestBody.class.getName() + ".state";
    private static final String READ = "read";
    private static final String OVERSIZED = "oversized";

    private RequestBody() {
    }

    /**
     * @throws ApiError 413 when the body is longer than {@code maxBytes}
     */
    public static byte[] read(HttpServletRequest request, int maxBytes) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(request, maxBytes);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw tooLarge(request, maxBytes);
            }
            request.setAttribute(STATE, READ);
            return body;
        }
    }

    /**
     * Called before Portcullis writes a reply of its own (a refusal, an endpoint's answer). A body
     * left unread makes the container drop the connection after the reply, and a client that reuses
     * it loses its next request; so a small unread body is drained, and otherwise the reply says
     * {@code Connection: close}.
     */
    static void settle(HttpServletRequest request, HttpServletResponse response) {
        Object state = request.getAttribute(STATE);
        if (READ.equals(state)) {
            return;
        }
        long length = request.getContentLengthLong();
        boolean chunked = request.getHeader("Transfer-Encoding") != null;
        if (!OVERSIZED.equals(state)) {
            if (length == 0 || (length < 0 && !chunked)) {
                return; // no body
            }
            if (length > 0 && length <= DRAIN_LIMIT && drained(request, length)) {
                return;
            }
        }
        response.setHeader("Connection", "close");
    }

    private static boolean drained(HttpServletRequest request, long length) {
        try {
            InputStream in = request.getInputStream();
            in.readNBytes((int) length);
            return in.read() == -1;
        } catch (IOException | IllegalStateException e) {
            return false; // unreadable here (the host took a reader, or the client went away): close
        }
    }

    private static ApiError tooLarge(HttpServletRequest request, int maxBytes) {
        request.setAttribute(STATE, OVERSIZED);
        return new ApiError(413, "body_too_large", "The request body is larger than " + maxBytes + " bytes.");
    }
}
