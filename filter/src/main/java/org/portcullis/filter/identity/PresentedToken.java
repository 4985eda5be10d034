package org.portcullis.filter.identity;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The token a request carries: {@code Authorization: Bearer} first, else the token cookie. Never
 * the query string ({@code ?token=}, {@code ?access_token=} are not read). A request that carries two
 * different tokens (two headers, two cookies, or a header and a cookie that disagree) carries none: it
 * is a guest, never the "better" of the two. So does a request with two {@code Authorization} headers,
 * even equal ones, and a token that is not exactly one compact JWS (three base64url parts: a JWE has
 * five, an unsigned token an empty third) or is longer than {@value #MAX_LENGTH} characters.
 */
public record PresentedToken(String token, AuthType authType) {

    private static final Pattern BEARER = Pattern.compile("^Bearer +([A-Za-z0-9\\-._~+/]+=*) *$",
            Pattern.CASE_INSENSITIVE);

    /** Longest token read; ours are a few hundred characters. */
    public static final int MAX_LENGTH = 8192;

    private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

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
                Matcher m = BEARER.matcher(header);
                if (!m.matches()) {
                    return Optional.empty(); // a malformed bearer header: guest
                }
                bearer = m.group(1);
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

    /** Whether {@code token} has the shape of one compact JWS, before anything looks inside it. */
    static boolean compactJws(String token) {
        return token.length() <= MAX_LENGTH && COMPACT_JWS.matcher(token).matches();
    }
}
