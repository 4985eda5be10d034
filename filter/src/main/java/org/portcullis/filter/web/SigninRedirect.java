package org.portcullis.filter.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * How a guest refused on a guarded page is answered when it is a browser loading the page
 * ({@link BrowserNavigation}): 302 to the sign-in page, whose {@code ?next=} brings the browser back to the
 * page once signed in, instead of the JSON 401 an API client gets. Only the request's own dispatch is
 * redirected, before anything of the reply has gone out; a forward or include keeps its 401. Switched by
 * {@code signin.redirect}, and off whenever the sign-in page is.
 *
 * <pre>{@code
 * GET /app/notes/1?view=full  Accept: text/html  (a guest, under the context path /app)
 * 302 Location: /app/auth/signin?next=%2Fapp%2Fnotes%2F1%3Fview%3Dfull
 * }</pre>
 */
public final class SigninRedirect {

    /** ASCII a path keeps as it is; everything else (also {@code ;}, {@code %}, {@code ?}, {@code #}) is encoded. */
    private static final String PATH_SAFE = "abcdefghijklmnopqrstuvwxyz" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ" + "0123456789"
            + "-._~!$&'()*+,=:@/";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    /** The request header the answer to a guest depends on, besides those that make a caller an API client. */
    private static final String VARY = "Accept";

    private final boolean on;

    /** @param on {@code signin.redirect}, already off when the sign-in page is off */
    public SigninRedirect(boolean on) {
        this.on = on;
    }

    /** Whether {@code refusal} of {@code request} is answered by {@link #send} rather than as JSON. */
    public boolean redirects(HttpServletRequest request, HttpServletResponse response, ApiError refusal) {
        return vary(request, refusal).isPresent() && !response.isCommitted() && BrowserNavigation.is(request);
    }

    /**
     * The {@code Vary} header the JSON reply to {@code refusal} carries: {@code Accept} wherever a browser
     * would have been redirected instead, so that no cache hands one the other's reply.
     */
    public Optional<String> vary(HttpServletRequest request, ApiError refusal) {
        boolean redirectable = on && refusal.isNotSignedIn() && request.getDispatcherType() == DispatcherType.REQUEST;
        return redirectable ? Optional.of(VARY) : Optional.empty();
    }

    /**
     * Sends the browser to sign in: 302, never cached, with a line of HTML and nothing of the guarded page.
     *
     * @param path the decoded path the container saw (servlet path and path info)
     */
    public void send(HttpServletRequest request, HttpServletResponse response, String path) throws IOException {
        String location = location(request.getContextPath(), path, request.getQueryString());
        byte[] body = ("<!DOCTYPE html>\n<title>Sign in</title>\n<p><a href=\"" + PageTemplate.escape(location)
                + "\">Sign in</a> to see this page.</p>\n").getBytes(StandardCharsets.UTF_8);
        response.reset();
        RequestBody.settle(request, response);
        response.setStatus(302);
        response.setHeader("Location", location);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Vary", VARY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentType("text/html;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * The sign-in page under {@code contextPath}, with {@code ?next=} the page asked for (the context path,
     * {@code path} encoded again, and the raw {@code query}) when that is a path on this site
     * ({@link SafeRedirect}); else without {@code next}, and the browser lands where a sign-in sends it.
     */
    static String location(String contextPath, String path, String query) {
        String next = contextPath + encoded(path) + (query == null ? "" : "?" + query);
        String signin = contextPath + AuthPages.SIGNIN;
        return SafeRedirect.isRelative(next)
                ? signin + "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)
                : signin;
    }

    /** A decoded path percent-encoded again (UTF-8), so that a character the container decoded means the same. */
    private static String encoded(String path) {
        StringBuilder out = new StringBuilder(path.length() + 16);
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && PATH_SAFE.indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        return out.toString();
    }
}
