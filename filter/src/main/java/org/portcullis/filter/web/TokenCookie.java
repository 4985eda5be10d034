package org.portcullis.filter.web;

import java.time.Duration;

/**
 * The {@code Set-Cookie} header that carries a token to a browser: {@code HttpOnly} so scripts
 * cannot read it, {@code SameSite=Strict} so other sites cannot send it, {@code Secure} whenever
 * the request came over HTTPS. Written by hand so it reads the same on every container.
 *
 * <p>With the host prefix ({@code cookie.host.prefix}) the cookie is {@code __Host-<name>}: always
 * {@code Secure}, {@code Path=/}, no {@code Domain}. Browsers then refuse any such cookie that a sibling
 * subdomain or a plain-HTTP page tries to set, so nobody can plant a token of their own (session
 * fixation). The name the filter reads is the same prefixed name. Browsers keep {@code Secure} cookies
 * only from HTTPS pages (and {@code http://localhost}).
 *
 * <pre>{@code
 * new TokenCookie("token", false).set(jwt, "/app", Duration.ofHours(1), false);
 * // token=<jwt>; Path=/app; Max-Age=3600; HttpOnly; SameSite=Strict
 * new TokenCookie("token", true).set(jwt, "/app", Duration.ofHours(1), false);
 * // __Host-token=<jwt>; Path=/; Max-Age=3600; HttpOnly; SameSite=Strict; Secure
 * }</pre>
 */
public final class TokenCookie {

    /** The prefix browsers tie to Secure, Path=/ and no Domain (RFC 6265bis §4.1.3.2). */
    public static final String HOST_PREFIX = "__Host-";

    private final String name;
    private final boolean hostPrefix;

    public TokenCookie(String name) {
        this(name, false);
    }

    /**
     * @param name       the configured {@code cookie.name}, without any prefix
     * @param hostPrefix whether the cookie is named and shaped as a {@code __Host-} cookie
     */
    public TokenCookie(String name, boolean hostPrefix) {
        this.name = hostPrefix ? HOST_PREFIX + name : name;
        this.hostPrefix = hostPrefix;
    }

    /** The cookie of the refresh token that goes with this one (prefixed {@code __Secure-} when this is {@code __Host-}). */
    public RefreshCookie refresh() {
        return new RefreshCookie(hostPrefix);
    }

    /** The cookie's name as it is set and read, with the prefix when there is one. */
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
        String path = hostPrefix || contextPath == null || contextPath.isEmpty() ? "/" : contextPath;
        return name + "=" + value + "; Path=" + path + "; Max-Age=" + maxAge + "; HttpOnly; SameSite=Strict"
                + (secure || hostPrefix ? "; Secure" : "");
    }
}
