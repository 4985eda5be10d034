package org.portcullis.filter.web;

import java.time.Duration;

/**
 * The cookie that carries a browser's refresh token: {@code HttpOnly}, {@code SameSite=Strict}, and sent
 * only to the refresh action ({@code Path=<context>/action/user_account/refresh}), so no page script and no
 * other request ever sees it. With {@code cookie.host.prefix} it is {@code __Secure-refresh_token} and always
 * {@code Secure} ({@code __Host-} would need {@code Path=/}).
 *
 * <pre>{@code
 * // refresh_token=<token>; Path=/app/action/user_account/refresh; Max-Age=2592000; HttpOnly; SameSite=Strict
 * }</pre>
 */
public final class RefreshCookie {

    /** The action the cookie is scoped to. */
    public static final String ACTION_PATH = "/action/user_account/refresh";
    private static final String NAME = "refresh_token";

    private final boolean securePrefix;

    /** @param securePrefix {@code cookie.host.prefix}: name it {@code __Secure-refresh_token}, always Secure */
    public RefreshCookie(boolean securePrefix) {
        this.securePrefix = securePrefix;
    }

    public String name() {
        return securePrefix ? "__Secure-" + NAME : NAME;
    }

    /** A cookie holding {@code token} for {@code maxAge}. */
    public String set(String token, String contextPath, Duration maxAge, boolean secure) {
        return header(token, contextPath, Math.max(0, maxAge.toSeconds()), secure);
    }

    /** A cookie that makes the browser forget the refresh token. */
    public String clear(String contextPath, boolean secure) {
        return header("", contextPath, 0, secure);
    }

    private String header(String value, String contextPath, long maxAge, boolean secure) {
        String path = (contextPath == null ? "" : contextPath) + ACTION_PATH;
        return name() + "=" + value + "; Path=" + path + "; Max-Age=" + maxAge + "; HttpOnly; SameSite=Strict"
                + (secure || securePrefix ? "; Secure" : "");
    }
}
