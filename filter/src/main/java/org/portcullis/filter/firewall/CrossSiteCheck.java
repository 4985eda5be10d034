package org.portcullis.filter.firewall;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Cross-site request forgery defence for requests that a browser may send on its own. The token cookie
 * is {@code SameSite=Strict} already; this check also covers sibling subdomains (same site, other origin),
 * browsers that ignore {@code SameSite}, and login CSRF.
 *
 * <p>A browser tells where a request comes from with {@code Sec-Fetch-Site} (all current browsers) or
 * {@code Origin}. Read in this order:
 * <ol>
 *   <li>{@code Origin} is one of {@code csrf.trusted.origins}: from here.</li>
 *   <li>{@code Sec-Fetch-Site} is present: from here only if {@code same-origin} or {@code none}.</li>
 *   <li>{@code Origin} is present: from here only if it is the request's own
 *       {@code scheme://host[:port]} ({@code Origin: null} never is).</li>
 *   <li>Neither header: the client does not say (an old browser, or not a browser).</li>
 * </ol>
 * A state-changing request authenticated by the cookie {@link #cookieRequestPasses passes} only when it is
 * said to come from here, or, when nothing is said, when it carries {@value #HEADER} or
 * {@code X-Requested-With} (a header no other site can add without a CORS preflight). A request that is
 * said to come from elsewhere never passes, custom header or not. What each place on the request's path
 * does with the answer is {@link CsrfPolicy}'s.
 */
final class CrossSiteCheck {

    /** The custom header Portcullis' own script sends; any non-empty value. */
    static final String HEADER = "X-Portcullis-CSRF";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final Set<String> trustedOrigins;

    /** @param trustedOrigins further origins, lower case, accepted besides the request's own */
    CrossSiteCheck(List<String> trustedOrigins) {
        this.trustedOrigins = Set.copyOf(trustedOrigins);
    }

    /** Whether the method may change state: anything but GET, HEAD and OPTIONS. */
    static boolean unsafe(HttpServletRequest request) {
        return !SAFE_METHODS.contains(request.getMethod());
    }

    /** Whether the browser says the request comes from another origin. False when it says nothing. */
    boolean fromElsewhere(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin != null && trustedOrigins.contains(origin.toLowerCase(Locale.ROOT))) {
            return false;
        }
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            String s = site.strip().toLowerCase(Locale.ROOT);
            return !s.equals("same-origin") && !s.equals("none");
        }
        return origin != null && !origin.strip().equalsIgnoreCase(ownOrigin(request));
    }

    /** Whether a cookie-authenticated request may change state (see the class comment). */
    boolean cookieRequestPasses(HttpServletRequest request) {
        if (fromElsewhere(request)) {
            return false;
        }
        if (request.getHeader("Sec-Fetch-Site") != null || request.getHeader("Origin") != null) {
            return true;
        }
        return nonEmpty(request.getHeader(HEADER)) || nonEmpty(request.getHeader("X-Requested-With"));
    }

    /** {@code scheme://host[:port]} of the request as the container sees it; the port only if not the default. */
    static String ownOrigin(HttpServletRequest request) {
        String scheme = request.getScheme().toLowerCase(Locale.ROOT);
        int port = request.getServerPort();
        boolean defaultPort = port <= 0 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        String host = request.getServerName().toLowerCase(Locale.ROOT);
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]"; // an IPv6 address, as an Origin spells it
        }
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }

    private static boolean nonEmpty(String value) {
        return value != null && !value.isBlank();
    }
}
