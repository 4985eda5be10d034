package org.portcullis.filter.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes Portcullis' own replies: JSON and pages, never cached, never a stack trace. */
public final class Responses {

    /** Seconds a client is asked to wait before retrying while the database is down. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private Responses() {
    }

    /** Writes {@code body} as Portcullis' own JSON reply to {@code request}, with {@code status}. */
    public static void json(HttpServletRequest request, HttpServletResponse response, int status, Object body)
            throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        RequestBody.settle(request, response);
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer");
        } else if (status == 503 && !response.containsHeader("Retry-After")) {
            response.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        }
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /**
     * The pages' policy: their own script and stylesheet only, no inline script or style, no frames, no
     * forms or requests elsewhere.
     */
    public static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /**
     * Writes a plain HTML page with {@code status}: never stored, never framed, sending no referrer (a page
     * may carry a mailed link's token in its address).
     */
    public static void html(HttpServletRequest request, HttpServletResponse response, int status, String page)
            throws IOException {
        byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
        RequestBody.settle(request, response);
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Content-Security-Policy", PAGE_POLICY);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
