package org.portcullis.filter.firewall;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.portcullis.filter.web.ApiError;

/**
 * What a request to a guarded path may say about its method. Portcullis checks the permission of the
 * method the container saw ({@code getMethod()}; {@code HEAD} as {@code GET}). A host that honours a
 * method-override header or a {@code _method} parameter would run another method than the one checked
 * ({@code GET} with {@code X-HTTP-Method-Override: DELETE}), so such requests are refused outright
 * rather than trusted or ignored.
 *
 * <ul>
 *   <li>{@code TRACE}, {@code TRACK}, {@code CONNECT}: 405 {@code method_not_allowed}; a route's own
 *       {@code :permission} would otherwise let them through, and TRACE echoes cookies and tokens.</li>
 *   <li>{@code X-HTTP-Method-Override}, {@code X-HTTP-Method}, {@code X-Method-Override}: 400
 *       {@code method_override}.</li>
 *   <li>{@code _method} in the query string, or in an {@code application/x-www-form-urlencoded} POST
 *       body (the form is parsed with {@code getParameter}, as the host would): 400 {@code method_override}.</li>
 * </ul>
 */
public final class MethodCheck {

    /** The headers with which clients ask a server to run another method. */
    public static final List<String> OVERRIDE_HEADERS = List.of("X-HTTP-Method-Override", "X-HTTP-Method",
            "X-Method-Override");

    private static final List<String> REFUSED_METHODS = List.of("TRACE", "TRACK", "CONNECT");

    private MethodCheck() {
    }

    /**
     * @throws ApiError 405 for TRACE and its kin, 400 {@code method_override} for an override header or
     *         parameter
     */
    public static void check(HttpServletRequest request) {
        String method = request.getMethod();
        for (String refused : REFUSED_METHODS) {
            if (refused.equalsIgnoreCase(method)) {
                throw new ApiError(405, "method_not_allowed", "This method is not allowed on a guarded path.");
            }
        }
        for (String header : OVERRIDE_HEADERS) {
            if (request.getHeader(header) != null) {
                throw override();
            }
        }
        if (queryHasMethod(request.getQueryString()) || formHasMethod(request)) {
            throw override();
        }
    }

    private static ApiError override() {
        return ApiError.badRequest("method_override",
                "Method overrides (X-HTTP-Method-Override, _method) are refused on guarded paths; send the real method.");
    }

    private static boolean queryHasMethod(String query) {
        if (query == null) {
            return false;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            if (decoded(name).equalsIgnoreCase("_method")) {
                return true;
            }
        }
        return false;
    }

    /** The name as a host decodes it: "%5Fmethod" is "_method"; an undecodable name stays as it is. */
    private static String decoded(String name) {
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return name;
        }
    }

    private static boolean formHasMethod(HttpServletRequest request) {
        String type = request.getContentType();
        return "POST".equals(request.getMethod()) && type != null
                && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")
                && request.getParameter("_method") != null;
    }
}
