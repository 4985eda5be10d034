package org.portcullis.filter.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The plain HTML sign-in and sign-up pages at {@code /auth/signin} and {@code /auth/signup}, and
 * the one script they share at {@code /auth/portcullis.js}. Each page can be switched off.
 * {@code /auth/signin?next=/path} sends the browser to {@code /path} after signing in, if that is a path on
 * this site; any other {@code next} is ignored.
 */
public final class AuthPages {

    /** The sign-in page's path. */
    public static final String SIGNIN = "/auth/signin";
    private static final String SIGNUP = "/auth/signup";
    private static final String SCRIPT = "/auth/portcullis.js";

    private final Map<String, String> pages;
    private final byte[] script;

    public AuthPages(boolean signinEnabled, boolean signupEnabled) {
        this.pages = signinEnabled && signupEnabled
                ? Map.of(SIGNIN, resource("signin.html"), SIGNUP, resource("signup.html"))
                : signinEnabled ? Map.of(SIGNIN, resource("signin.html"))
                : signupEnabled ? Map.of(SIGNUP, resource("signup.html")) : Map.of();
        this.script = resource("portcullis.js").getBytes(StandardCharsets.UTF_8);
    }

    /** The paths Portcullis answers: the pages that are switched on, and their script if any is. */
    public List<String> paths() {
        List<String> paths = new ArrayList<>(new TreeSet<>(pages.keySet()));
        if (!pages.isEmpty()) {
            paths.add(SCRIPT);
        }
        return List.copyOf(paths);
    }

    /**
     * Serves one of {@link #paths}.
     *
     * @throws ApiError 405 for a method other than GET or HEAD, written in {@link ErrorReplies.Shape#PLAIN}
     */
    public void serve(String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            throw ApiError.methodNotAllowed("GET, HEAD", "Pages are read with GET or HEAD.");
        }
        if (path.equals(SCRIPT)) {
            response.setContentType("text/javascript;charset=UTF-8");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setContentLength(script.length);
            response.getOutputStream().write(script);
            return;
        }
        Responses.html(request, response, pages.get(path)
                .replace("{{context}}", escape(request.getContextPath()))
                .replace("{{next}}", escape(next(request))));
    }

    /**
     * Where the sign-in page sends the browser afterwards: its {@code ?next=}, if that is a path on this
     * site ({@link SafeRedirect}), else nothing, and the page follows the action's own redirect.
     */
    private static String next(HttpServletRequest request) {
        String next = request.getParameter("next");
        return next != null && SafeRedirect.isRelative(next) ? next : "";
    }

    /** {@code s} safe inside HTML text and quoted attribute values. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("'", "&#39;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String resource(String name) {
        try (InputStream in = AuthPages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing page resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
