package org.portcullis.filter.identity;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * The token a request carries: {@code Authorization: Bearer} first, else the token cookie. Never
 * the query string ({@code ?token=}, {@code ?access_token=} are not read). A request that carries two
 * different tokens (two headers, two cookies, or a header and a cookie that disagree) carries none: it
 * is a guest, never the "better" of the two. So does a request with two {@code Authorization} headers,
 * even equal ones, and a token that is not exactly one compact JWS (three base64url parts: a JWE has
 * five, an unsigned token an empty third) or is longer than {@value #MAX_LENGTH} characters.
 */
final class PresentedToken {

    /** Longest token read; ours are a few hundred characters. */
    public static final int MAX_LENGTH = 8192;

    /** The header or cookie value the token is in, and where: a token is copied out only when asked for. */
    private final String source;
    private final int start;
    private final int end;
    private final AuthType authType;
    /** Whether {@link #of} scanned it: one compact JWS, so ASCII only. */
    private final boolean scanned;
    private String token;

    public PresentedToken(String token, AuthType authType) {
        this(token, 0, token.length(), authType, false);
    }

    private PresentedToken(String source, int start, int end, AuthType authType, boolean scanned) {
        this.source = source;
        this.start = start;
        this.end = end;
        this.authType = authType;
        this.scanned = scanned;
    }

    /** The token of a {@code Bearer} header, where {@link #bearerRange} found it. */
    static PresentedToken bearer(String header, long range) {
        return new PresentedToken(header, (int) (range >>> 32), (int) range, AuthType.BEARER, true);
    }

    /** The token itself (copied out of the header on the first call; a cached token never needs it). */
    public String token() {
        String copied = token;
        if (copied == null) {
            copied = start == 0 && end == source.length() ? source : source.substring(start, end);
            token = copied;
        }
        return copied;
    }

    public AuthType authType() {
        return authType;
    }

    /** The header or cookie value holding the token; with {@link #start()} and {@link #end()}, the token without a copy. */
    String source() {
        return source;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    /** Whether the token was found by scanning a request (one compact JWS: ASCII only). */
    boolean scanned() {
        return scanned;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PresentedToken that && authType == that.authType && token().equals(that.token());
    }

    @Override
    public int hashCode() {
        return token().hashCode() * 31 + (authType == null ? 0 : authType.hashCode());
    }

    @Override
    public String toString() {
        return "PresentedToken[" + authType + "]"; // never the token itself
    }

    /** The one token of the request, or empty. */
    public static Optional<PresentedToken> of(HttpServletRequest request, String cookieName) {
        return of(request, cookieName, PresentedToken::bearerRange);
    }

    /**
     * As {@link #of(HttpServletRequest, String)}, finding the token in an {@code Authorization: Bearer}
     * value with {@code bearerRange} (which must answer as {@link #bearerRange} does).
     */
    static Optional<PresentedToken> of(HttpServletRequest request, String cookieName, ToLongFunction<String> bearerRange) {
        Enumeration<String> headers = request.getHeaders("Authorization");
        PresentedToken bearer = null;
        if (headers != null && headers.hasMoreElements()) {
            String header = headers.nextElement();
            if (headers.hasMoreElements()) {
                return Optional.empty();
            }
            if (header.regionMatches(true, 0, "bearer", 0, 6)) {
                long range = bearerRange.applyAsLong(header);
                if (range < 0) {
                    return Optional.empty(); // a malformed bearer header, or no JWS in it: guest
                }
                bearer = bearer(header, range);
            }
        }
        String cookie = null;
        // Without a Cookie header there is nothing to parse; Jetty's getCookies() costs a cache lookup anyway.
        Cookie[] cookies = request.getHeader("Cookie") == null ? null : request.getCookies();
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
        if (bearer != null && cookie != null && !bearer.token().equals(cookie)) {
            return Optional.empty();
        }
        if (bearer != null) {
            return Optional.of(bearer);
        }
        return Optional.ofNullable(cookie).filter(PresentedToken::compactJws)
                .map(c -> new PresentedToken(c, 0, c.length(), AuthType.COOKIE, true));
    }

    /**
     * The credentials of {@code Bearer <token68>} (RFC 6750: the scheme in any case, one or more
     * spaces, token68, trailing spaces) when they are one compact JWS, else {@code null}: a header of
     * another shape, and token68 credentials that are no JWS, make a guest alike. Scanned by hand and
     * once: this runs on every request, and a case-insensitive regex cost microseconds per token.
     */
    static String bearerJws(String header) {
        long range = bearerRange(header);
        return range < 0 ? null : header.substring((int) (range >>> 32), (int) range);
    }

    /** As {@link #bearerJws}, without the copy: the token's start and end packed as {@code start << 32 | end}, or -1. */
    static long bearerRange(String header) {
        int length = header.length();
        int at = 6; // "bearer", matched by the caller in any case
        if (at >= length || header.charAt(at) != ' ') {
            return -1;
        }
        while (at < length && header.charAt(at) == ' ') {
            at++;
        }
        int start = at;
        int end = jwsEnd(header, start);
        if (end < 0) {
            return -1;
        }
        at = end;
        while (at < length && header.charAt(at) == ' ') {
            at++;
        }
        return at == length ? (long) start << 32 | end : -1;
    }

    /** Per ASCII character: whether it is one of base64url's 64 (RFC 4648 §5). */
    private static final boolean[] BASE64URL = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            BASE64URL[c] = true;
            BASE64URL[Character.toUpperCase(c)] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            BASE64URL[c] = true;
        }
        BASE64URL['-'] = true;
        BASE64URL['_'] = true;
    }

    private static boolean isBase64Url(char c) {
        return c < 128 && BASE64URL[c];
    }

    /** Whether {@code token} has the shape of one compact JWS (three non-empty base64url parts), before anything looks inside it. */
    static boolean compactJws(String token) {
        return jwsEnd(token, 0) == token.length();
    }

    /**
     * Where the compact JWS that begins at {@code start} ends (the index of the first character after
     * it), or -1 when none begins there: three non-empty base64url parts joined by two dots, at most
     * {@value #MAX_LENGTH} characters.
     */
    private static int jwsEnd(String text, int start) {
        int dots = 0;
        int partLength = 0;
        int at = start;
        for (int length = text.length(); at < length; at++) {
            char c = text.charAt(at);
            if (c == '.') {
                if (partLength == 0 || ++dots > 2) {
                    return -1;
                }
                partLength = 0;
            } else if (isBase64Url(c)) {
                partLength++;
            } else {
                break;
            }
        }
        return dots == 2 && partLength > 0 && at - start <= MAX_LENGTH ? at : -1;
    }
}
