package org.portcullis.filter.routing;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The path the filter decides on, built from the container's decoded servlet path and path info, never
 * from {@code getRequestURI()}: the raw URI keeps {@code %61dmin}, {@code /x/../admin} and {@code ;params},
 * which is how prefix checks in Shiro and Spring Security were bypassed (security-notes §5).
 *
 * <p>Path parameters are removed from every segment, {@code .} and {@code ..} are resolved, repeated
 * slashes collapse and a trailing slash is dropped. A spelling that two readers could resolve to two
 * different paths is not normalised but rejected with a {@link RejectedPathException}: Tomcat hands such
 * spellings to the servlet where Jetty answers 400, and a host router may read them either way.
 *
 * <pre>{@code
 * CanonicalPath.of("/notes", "/x/../1;v=2/").value(); // "/notes/1"
 * CanonicalPath.of("", "/NOTES/1").lowerCase();       // "/notes/1"
 * CanonicalPath.of(null, null).value();               // "/"
 * CanonicalPath.of("/notes", "/%2e/1");              // throws RejectedPathException
 * }</pre>
 */
public final class CanonicalPath {

    private final List<String> segments;
    /** Made when first asked for: route matching needs only the segments. */
    private String value;

    private CanonicalPath(List<String> segments) {
        this.segments = Collections.unmodifiableList(segments);
    }

    /**
     * The canonical form of {@code servletPath + pathInfo}, both as the container decoded them.
     *
     * @param servletPath the servlet path; null counts as empty
     * @param pathInfo    the path info; null counts as empty
     * @throws RejectedPathException when the decoded path contains a control character, a backslash,
     *         U+2028/U+2029, a {@code %} (still encoded after one decoding), a {@code ..} above the root
     *         or after an empty segment, path parameters on an empty, {@code .} or {@code ..} segment, or a
     *         compatibility character that folds to path syntax
     */
    public static CanonicalPath of(String servletPath, String pathInfo) {
        return of((servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo));
    }

    /**
     * As {@link #of(String, String)}, for a servlet path and path info already joined.
     *
     * @param decoded the servlet path followed by the path info, as the container decoded them; not null
     */
    public static CanonicalPath of(String decoded) {
        rejectSuspiciousCharacters(decoded);
        if (decoded.isEmpty()) {
            return new CanonicalPath(List.of());
        }
        if (decoded.charAt(0) != '/') {
            throw new RejectedPathException("the path does not start with '/'");
        }
        List<String> resolved = new ArrayList<>();
        boolean afterEmpty = false;
        int length = decoded.length();
        for (int start = 1; start <= length; ) {
            int slash = decoded.indexOf('/', start);
            int end = slash < 0 ? length : slash;
            String name = withoutParameters(decoded.substring(start, end));
            start = end + 1;
            rejectFoldingToSyntax(name);
            if (name.equals("..")) {
                // "/a//../b" is "/b" to a reader that collapses slashes first and "/a/b" to one that does not.
                if (afterEmpty) {
                    throw new RejectedPathException("'..' after an empty segment");
                }
                if (resolved.isEmpty()) {
                    throw new RejectedPathException("'..' above the root");
                }
                resolved.remove(resolved.size() - 1);
            } else if (!name.isEmpty() && !name.equals(".")) {
                resolved.add(name);
            }
            afterEmpty = name.isEmpty();
        }
        return new CanonicalPath(resolved);
    }

    /** The canonical path, always starting with {@code /}; case as the client sent it. */
    public String value() {
        String joined = value;
        if (joined == null) {
            joined = "/" + String.join("/", segments);
            value = joined; // racy but idempotent: every thread computes the same string
        }
        return joined;
    }

    /**
     * The canonical path in lower case ({@link Locale#ROOT}). Whether a path is guarded does not depend on
     * its case, because many host routers (and Shiro 3) match without case; an id keeps its own case.
     */
    public String lowerCase() {
        return value().toLowerCase(Locale.ROOT);
    }

    /** The segments of {@link #value()}, none empty; empty for the root. */
    List<String> segments() {
        return segments;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CanonicalPath that && segments.equals(that.segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }

    @Override
    public String toString() {
        return value();
    }

    private static void rejectSuspiciousCharacters(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (Character.isISOControl(c)) {
                // Tomcat passes %09, %0a, %0d through; a regex "." then stops matching (Spring CVE-2022-22978).
                throw new RejectedPathException("a control character in the path");
            }
            if (c == '\\') {
                throw new RejectedPathException("a backslash in the path");
            }
            if (c == '\u2028' || c == '\u2029') {
                throw new RejectedPathException("a line or paragraph separator in the path");
            }
            if (c == '%') {
                // The container decoded once; whoever decodes again sees another path (Shiro CVE-2020-11989).
                // A literal '%' in a path has no honest use, so every '%' goes, not only '%' + two hex digits.
                throw new RejectedPathException("'%' in the decoded path (encoded twice?)");
            }
        }
    }

    /**
     * The segment without its {@code ;parameters}. A {@code ;} left in a decoded path came from {@code %3B}
     * or from an include path; on an empty or dot segment it can only be an attempt to hide something:
     * {@code /..;/admin} is {@code /admin} to Tomcat (Shiro CVE-2020-1957), and {@code /notes/;1} is the
     * collection to us but note 1 to a router that just drops the {@code ;}.
     */
    private static String withoutParameters(String segment) {
        int semicolon = segment.indexOf(';');
        if (semicolon < 0) {
            return segment;
        }
        String name = segment.substring(0, semicolon);
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new RejectedPathException("path parameters on an empty, '.' or '..' segment");
        }
        return name;
    }

    /**
     * Rejects a segment whose compatibility form (NFKC) holds path syntax it does not hold itself, such as
     * a fullwidth solidus or {@code ．．}: harmless to the container, a bypass for a host that folds later.
     */
    private static void rejectFoldingToSyntax(String segment) {
        boolean ascii = true;
        for (int i = 0; i < segment.length() && ascii; i++) {
            ascii = segment.charAt(i) < 0x80;
        }
        if (ascii) {
            return;
        }
        String folded = Normalizer.normalize(segment, Normalizer.Form.NFKC);
        boolean syntax = folded.equals(".") || folded.equals("..")
                || folded.chars().anyMatch(c -> c == '/' || c == '\\' || c == '%' || c == ';' || c < 0x20);
        if (syntax) {
            throw new RejectedPathException("a character that folds to path syntax");
        }
    }
}
