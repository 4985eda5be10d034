package org.portcullis.filter.firewall;

import java.util.Locale;
import org.portcullis.filter.routing.RejectedPathException;

/**
 * The request firewall in front of route matching, after Spring Security's {@code StrictHttpFirewall}
 * and Shiro's {@code InvalidRequestFilter}. It refuses spellings that only serve to make two readers of
 * one request see two paths: the container, Portcullis and a host router that reads
 * {@code getRequestURI()} itself.
 *
 * <p>Two levels:
 * <ul>
 *   <li>{@link #checkRequestUri}: every request, whether guarded or not, because a host router may read
 *       the raw URI of a path Portcullis thinks unguarded as a guarded one ({@code /public/..;/notes/1}).
 *       Refused: {@code ..;}, {@code .;}, {@code %2e}, {@code %2f} (unless allowed), {@code %5c},
 *       {@code %25}, in either case.</li>
 *   <li>{@link #checkGuarded}: paths that the route table guards. The raw URI must also be normalised
 *       (no {@code ;}, {@code //}, {@code /./}, {@code /../}) and the decoded path plain: no {@code ;},
 *       {@code \}, control character, U+2028/U+2029, empty or dot segment, and no non-ASCII character
 *       unless allowed. A trailing slash is allowed.</li>
 * </ul>
 * A refusal is a {@link RejectedPathException}, which the filter answers with 400 {@code bad_path}.
 *
 * <pre>{@code
 * RequestFirewall firewall = new RequestFirewall(false, false);
 * firewall.checkRequestUri("/notes/1");          // fine
 * firewall.checkRequestUri("/x/..;/notes/1");    // throws RejectedPathException
 * firewall.checkGuarded("/notes/1", "/notes/1"); // fine
 * firewall.checkGuarded(null, "/notes/./1");     // throws: a dot segment in a guarded path
 * }</pre>
 */
public final class RequestFirewall {

    private final boolean allowNonAscii;
    private final boolean allowEncodedSlash;

    /**
     * @param allowNonAscii     let non-ASCII characters through in the decoded paths of guarded routes
     * @param allowEncodedSlash let {@code %2F} through in the raw URI (a container may still refuse it)
     */
    public RequestFirewall(boolean allowNonAscii, boolean allowEncodedSlash) {
        this.allowNonAscii = allowNonAscii;
        this.allowEncodedSlash = allowEncodedSlash;
    }

    /**
     * Checks the raw request URI ({@code getRequestURI()}, without the query string) of any request.
     *
     * @throws RejectedPathException naming what was found, never echoing the URI
     */
    public void checkRequestUri(String requestUri) {
        if (requestUri == null || requestUri.indexOf('%') < 0 && requestUri.indexOf(';') < 0) {
            return; // every spelling below needs a '%' or a ';': most URIs are done here, unfolded
        }
        String uri = requestUri.toLowerCase(Locale.ROOT);
        if (uri.contains(".;")) {
            // "/..;/admin" is "/admin" to Tomcat and "/..;/admin" to a router reading the raw URI (CVE-2020-1957).
            throw new RejectedPathException("a dot segment with path parameters ('.;' or '..;') in the URI");
        }
        if (uri.contains("%2e")) {
            throw new RejectedPathException("an encoded '.' (%2e) in the URI");
        }
        if (!allowEncodedSlash && uri.contains("%2f")) {
            throw new RejectedPathException("an encoded '/' (%2f) in the URI");
        }
        if (uri.contains("%5c")) {
            throw new RejectedPathException("an encoded backslash (%5c) in the URI");
        }
        if (uri.contains("%25")) {
            throw new RejectedPathException("an encoded '%' (%25) in the URI");
        }
    }

    /**
     * Checks a request whose path the route table guards.
     *
     * @param requestUri  the raw request URI, or null on a forward or include (the container built it)
     * @param decodedPath the servlet path and path info as the container decoded them
     * @throws RejectedPathException naming what was found, never echoing the path
     */
    public void checkGuarded(String requestUri, String decodedPath) {
        if (requestUri != null) {
            if (requestUri.indexOf(';') >= 0) {
                throw new RejectedPathException("path parameters (';') in the URI of a guarded path");
            }
            if (requestUri.contains("//") || requestUri.contains("/./") || requestUri.contains("/../")
                    || requestUri.endsWith("/.") || requestUri.endsWith("/..")) {
                throw new RejectedPathException("a URI that is not normalised (empty or dot segment)");
            }
        }
        checkDecoded(decodedPath == null ? "" : decodedPath);
    }

    private void checkDecoded(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == ';') {
                throw new RejectedPathException("a ';' in a guarded path");
            }
            if (c == '\\') {
                throw new RejectedPathException("a backslash in the path");
            }
            if (Character.isISOControl(c)) {
                throw new RejectedPathException("a control character in the path");
            }
            if (c == '\u2028' || c == '\u2029') {
                throw new RejectedPathException("a line or paragraph separator in the path");
            }
            if (c > 0x7e && !allowNonAscii) {
                throw new RejectedPathException("a non-ASCII character in a guarded path");
            }
        }
        // Each segment between slashes, scanned in place: no "." or "..", none empty but the last.
        int length = path.length();
        for (int start = length > 0 && path.charAt(0) == '/' ? 1 : 0; start <= length; ) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? length : slash;
            int size = end - start;
            if (size > 0 && size <= 2 && path.charAt(start) == '.' && (size == 1 || path.charAt(start + 1) == '.')) {
                throw new RejectedPathException("a dot segment in a guarded path");
            }
            if (size == 0 && slash >= 0) {
                throw new RejectedPathException("an empty segment in a guarded path");
            }
            if (slash < 0) {
                break;
            }
            start = end + 1;
        }
    }
}
