package org.portcullis.filter.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The plain HTML sign-in and sign-up pages at {@code /auth/signin} and {@code /auth/signup}, and
 * the one script they share at {@code /auth/portcullis.js}. Each page can be switched off.
 */
public final class AuthPages {

    /** Path prefix of the pages. */
    public static final String PREFIX = "/auth/";

    private final Map<String, String> pages;
    private final byte[] script;

    public AuthPages(boolean signinEnabled, boolean signupEnabled) {
        this.pages = signinEnabled && signupEnabled
                ? Map.of("/auth/signin", resource("signin.html"), "/auth/signup", resource("signup.html"))
                : signinEnabled ? Map.of("/auth/signin", resource("signin.html"))
                : signupEnabled ? Map.of("/auth/signup", resource("signup.html")) : Map.of();
        this.script = resource("portcullis.js").getBytes(StandardCharsets.UTF_8);
    }

    /** Whether Portcullis answers this path (the pages that are switched on, and their script). */
    public boolean handles(String path) {
        return pages.containsKey(path) || (!pages.isEmpty() && path.equals("/auth/portcullis.js"));
    }

    public void serve(String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            response.setHeader("Allow", "GET, HEAD");
            Responses.json(request, response, 405, Map.of("error", "method_not_allowed"));
            return;
        }
        if (path.equals("/auth/portcullis.js")) {
            response.setContentType("text/javascript;charset=UTF-8");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setContentLength(script.length);
            response.getOutputStream().write(script);
            return;
        }
        Responses.html(request, response, pages.get(path).replace("{{context}}", escape(request.getContextPath())));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
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
