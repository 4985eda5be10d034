package org.portcullis.filter.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes Portcullis' own replies: JSON, never cached, never a stack trace. */
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

    /** Writes a plain HTML page as Portcullis' own reply to {@code request}. */
    public static void html(HttpServletRequest request, HttpServletResponse response, String page) throws IOException {
        byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
        RequestBody.settle(request, response);
        response.setStatus(200);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy",
                "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
