package org.portcullis.filter.identity;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The token a request carries: {@code Authorization: Bearer} first, else the token cookie. Never
 * the query string ({@code ?token=}, {@code ?access_token=} are not read). A request that carries two
 * different tokens (two headers, two cookies, or a header and a cookie that disagree) carries none: it
 * is a guest, never the "better" of the two. So does a request with two {@code Authorization} headers,
 * even equal ones, and a token that is not exactly one compact JWS (three base64url parts: a JWE has
 * five, an unsigned token an empty third) or is longer than {@value #MAX_LENGTH} characters.
 */
public record PresentedToken(String token, AuthType authType) {

    /** Longest token read; ours are a few hundred characters. */
    public static final int MAX_LENGTH = 8192;


    @Override
    public String toString() {
        return "PresentedToken[" + authType + "]"; // never the token itself
    }

    /** The one token of the request, or empty. */
    public static Optional<PresentedToken> of(HttpServletRequest request, String cookieName) {
        List<String> headers = Collections.list(request.getHeaders("Authorization"));
        String bearer = null;
        if (headers.size() > 1) {
            return Optional.empty();
        }
        if (headers.size() == 1) {
            String header = headers.get(0);
            if (header.regionMatches(true, 0, "bearer", 0, 6)) {
                bearer = bearerCredentials(header);
                if (bearer == null) {
                    return Optional.empty(); // a malformed bearer header: guest
                }
            }
        }
        String cookie = null;
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (cookieName.equals(c.getName()) && c.getValue() != null && !c.getValue().isEmpty()) {
                    if (cookie != null && !cookie.equals(c.getValue())) {
                        return Optional.empty();
                    }
                    cookie = c.getValue();
                }
            }
        }
        if (bearer != null && cookie != null && !bearer.equals(cookie)) {
            return Optional.empty();
        }
        if (bearer != null) {
            return compactJws(bearer) ? Optional.of(new PresentedToken(bearer, AuthType.BEARER)) : Optional.empty();
        }
        return Optional.ofNullable(cookie).filter(PresentedToken::compactJws).map(c -> new PresentedToken(c, AuthType.COOKIE));
    }

    /**
     * The credentials of {@code Bearer <token68>} (RFC 6750: the scheme in any case, one or more
     * spaces, token68, trailing spaces), or {@code null}. Scanned by hand: this runs on every request,
     * and a case-insensitive regex cost microseconds per token.
     */
    static String bearerCredentials(String header) {
        int length = header.length();
        int at = 6; // "bearer", matched by the caller in any case
        if (at >= length || header.charAt(at) != ' ') {
            return null;
        }
        while (at < length && header.charAt(at) == ' ') {
            at++;
        }
        int start = at;
        while (at < length && isToken68(header.charAt(at))) {
            at++;
        }
        if (at == start) {
            return null;
        }
        while (at < length && header.charAt(at) == '=') {
            at++;
        }
        int end = at;
        while (at < length && header.charAt(at) == ' ') {
            at++;
        }
        return at == length ? header.substring(start, end) : null;
    }

    /** Per ASCII character: {@link #BASE64URL} (also token68), {@link #TOKEN68_ONLY}, or 0. */
    private static final byte[] CHARACTER_CLASS = new byte[128];
    private static final byte BASE64URL = 1;
    private static final byte TOKEN68_ONLY = 2;

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            CHARACTER_CLASS[c] = BASE64URL;
            CHARACTER_CLASS[Character.toUpperCase(c)] = BASE64URL;
        }
        for (char c = '0'; c <= '9'; c++) {
            CHARACTER_CLASS[c] = BASE64URL;
        }
        CHARACTER_CLASS['-'] = BASE64URL;
        CHARACTER_CLASS['_'] = BASE64URL;
        for (char c : new char[] {'.', '~', '+', '/'}) {
            CHARACTER_CLASS[c] = TOKEN68_ONLY;
        }
    }

    private static boolean isToken68(char c) {
        return c < 128 && CHARACTER_CLASS[c] != 0;
    }

    private static boolean isBase64Url(char c) {
        return c < 128 && CHARACTER_CLASS[c] == BASE64URL;
    }

    /** Whether {@code token} has the shape of one compact JWS (three non-empty base64url parts), before anything looks inside it. */
    static boolean compactJws(String token) {
        int length = token.length();
        if (length > MAX_LENGTH) {
            return false;
        }
        int dots = 0;
        int partLength = 0;
        for (int i = 0; i < length; i++) {
            char c = token.charAt(i);
            if (c == '.') {
                if (partLength == 0 || ++dots > 2) {
                    return false;
                }
                partLength = 0;
            } else if (isBase64Url(c)) {
                partLength++;
            } else {
                return false;
            }
        }
        return dots == 2 && partLength > 0;
    }
}
