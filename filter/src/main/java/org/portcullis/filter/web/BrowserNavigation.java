package org.portcullis.filter.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Locale;

/**
 * Whether a request is a browser loading a page, as opposed to a script or an API client: a GET or
 * HEAD whose {@code Accept} prefers {@code text/html} (no media range has a higher weight; a browser's
 * navigation sends {@code text/html,application/xhtml+xml,...,*}{@code /*;q=0.8}), carrying neither
 * {@code Authorization} (an API client says who it is) nor {@code X-Requested-With} (a script's mark).
 * {@code Accept: *}{@code /*} alone, {@code application/json} or no {@code Accept} at all is an API client.
 *
 * <pre>{@code
 * BrowserNavigation.prefersHtml("text/html,application/xhtml+xml,image/webp;q=0.8"); // true
 * BrowserNavigation.prefersHtml("application/json, text/html;q=0.5");               // false
 * BrowserNavigation.prefersHtml("application/json");                                // false
 * }</pre>
 */
final class BrowserNavigation {

    private static final String HTML = "text/html";

    private BrowserNavigation() {
    }

    /** Whether {@code request} is a browser loading a page (see the class comment). */
    public static boolean is(HttpServletRequest request) {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return false;
        }
        if (request.getHeader("Authorization") != null || request.getHeader("X-Requested-With") != null) {
            return false;
        }
        // Several Accept headers mean the same as one with their values joined by commas (RFC 9110 §5.3).
        return prefersHtml(String.join(",", Collections.list(request.getHeaders("Accept"))));
    }

    /**
     * Whether an {@code Accept} value names {@code text/html} with a weight above zero and no range with a
     * higher one. A weight that is not a number from 0 to 1 counts as zero: the range is not asked for.
     */
    public static boolean prefersHtml(String accept) {
        if (accept == null) {
            return false;
        }
        double html = 0;
        double others = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            if (type.isEmpty()) {
                continue;
            }
            double weight = weight(parts);
            if (type.equals(HTML)) {
                html = Math.max(html, weight);
            } else {
                others = Math.max(others, weight);
            }
        }
        return html > 0 && html >= others;
    }

    private static double weight(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.length() > 2 && parameter.regionMatches(true, 0, "q=", 0, 2)) {
                try {
                    double q = Double.parseDouble(parameter.substring(2));
                    return q >= 0 && q <= 1 ? q : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
