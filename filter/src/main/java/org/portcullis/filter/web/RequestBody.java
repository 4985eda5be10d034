package org.portcullis.filter.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.portcullis.filter.actions.ApiError;

/** Reads a request body, refusing one over the configured size before reading it whole. */
public final class RequestBody {

    private RequestBody() {
    }

    /**
     * @throws ApiError 413 when the body is longer than {@code maxBytes}
     */
    public static byte[] read(HttpServletRequest request, int maxBytes) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(maxBytes);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw tooLarge(maxBytes);
            }
            return body;
        }
    }

    private static ApiError tooLarge(int maxBytes) {
        return new ApiError(413, "body_too_large", "The request body is larger than " + maxBytes + " bytes.");
    }
}
