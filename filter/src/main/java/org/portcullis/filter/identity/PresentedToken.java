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
 * the query string. A request that carries two different tokens (two headers, two cookies, or a
 * header and a cookie that disagree) carries none: it is a guest, never the "better" of the two.
 */
public record PresentedToken(String token, AuthType authType) {

    private static final Pattern BEARER = Pattern.compile("^Bearer +([A-Za-z0-9\\-._~+/]+=*) *$",
            Pattern.CASE_INSENSITIVE);

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
            return Optional.of(new PresentedToken(bearer, AuthType.BEARER));
        }
        return Optional.ofNullable(cookie).map(c -> new PresentedToken(c, AuthType.COOKIE));
    }

}
