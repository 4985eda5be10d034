package org.portcullis.filter.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Redirect targets Portcullis will send a browser to: paths on this site only. A target must start
 * with {@code /} not followed by {@code /} or {@code \} ({@code //evil.example} and {@code /\evil.example}
 * leave the site), hold no backslash, no control character (browsers drop tabs and newlines, so
 * {@code /\t/evil.example} is {@code //evil.example}) and no unencoded white space, and still be all that
 * (an encoded space aside) after percent-decoding, as
 * often as decoding changes it. Anything else is replaced by a fallback rather than refused, since the
 * target usually comes from a link someone else wrote.
 *
 * <pre>{@code
 * SafeRedirect.isRelative("/notes?x=1");         // true
 * SafeRedirect.isRelative("//evil.example");     // false
 * SafeRedirect.isRelative("/%2F/evil.example");  // false
 * SafeRedirect.orElse("https://evil.example", "/"); // "/"
 * }</pre>
 */
public final class SafeRedirect {

    /** How many rounds of percent-decoding are followed before a target counts as unsafe. */
    private static final int MAX_DECODINGS = 3;

    private SafeRedirect() {
    }

    /** Whether {@code target} is a path on this site, before and after percent-decoding. */
    public static boolean isRelative(String target) {
        String current = target;
        for (int round = 0; round <= MAX_DECODINGS; round++) {
            if (!plainPath(current) || (round == 0 && current.chars().anyMatch(Character::isWhitespace))) {
                return false;
            }
            String decoded;
            try {
                decoded = URLDecoder.decode(current.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return false; // a malformed escape: some reader will read it some other way
            }
            if (decoded.equals(current)) {
                return true;
            }
            current = decoded;
        }
        return false;
    }

    /** {@code target} if it {@link #isRelative is relative}, else {@code fallback}. */
    public static String orElse(String target, String fallback) {
        return isRelative(target) ? target : fallback;
    }

    private static boolean plainPath(String target) {
        if (target == null || target.isEmpty() || target.length() > 2048 || target.charAt(0) != '/') {
            return false;
        }
        if (target.length() > 1 && (target.charAt(1) == '/' || target.charAt(1) == '\\')) {
            return false;
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '\\' || Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return false;
            }
        }
        return true;
    }
}
