package org.portcullis.filter.web;

import java.time.Duration;

/**
 * The {@code Set-Cookie} header that carries a token to a browser: {@code HttpOnly} so scripts
 * cannot read it, {@code SameSite=Strict} so other sites cannot send it, {@code Secure} whenever
 * the request came over HTTPS. Written by hand so it reads the same on every container.
 */
public final class TokenCookie {

    private final String name;

    public TokenCookie(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** A cookie that holds {@code token} for {@code maxAge}. */
    public String set(String token, String contextPath, Duration maxAge, boolean secure) {
        return header(token, contextPath, maxAge.toSeconds(), secure);
    }

    /** A cookie that makes the browser forget the token. */
    public String clear(String contextPath, boolean secure) {
        return header("", contextPath, 0, secure);
    }

    private String header(String value, String contextPath, long maxAge, boolean secure) {
        String path = contextPath == null || contextPath.isEmpty() ? "/" : contextPath;
        return name + "=" + value + "; Path=" + path + "; Max-Age=" + maxAge + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }
}
