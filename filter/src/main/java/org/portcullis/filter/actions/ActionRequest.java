package org.portcullis.filter.actions;

import java.util.Map;
import java.util.Optional;
import org.portcullis.filter.identity.Identity;
import org.portcullis.filter.web.ApiError;

/**
 * What an action is given: the caller, its attributes, and what it needs of the HTTP request to
 * build links and cookies.
 *
 * @param contextPath the web application's context path, {@code ""} for the root
 * @param secure whether the request came over HTTPS, so cookies get {@code Secure}
 * @param clientAddress the peer's address as the container sees it ({@code getRemoteAddr()}); never
 *     taken from {@code X-Forwarded-For}, which any client can write
 * @param cookies the request's cookies by name (the first of a name), e.g. the refresh token's
 */
public record ActionRequest(Identity identity, Attributes attributes, String contextPath, boolean secure,
                            String clientAddress, Map<String, String> cookies) {

    public ActionRequest {
        cookies = Map.copyOf(cookies);
    }

    /** A request without cookies. */
    public ActionRequest(Identity identity, Attributes attributes, String contextPath, boolean secure,
                         String clientAddress) {
        this(identity, attributes, contextPath, secure, clientAddress, Map.of());
    }

    /** The value of the cookie {@code name}, if the request carries it. */
    public Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies.get(name));
    }

    @Override
    public String toString() {
        return "ActionRequest[" + identity + ", " + contextPath + "]"; // never the cookies' values
    }

    /**
     * The caller's user id, for an action only a signed-in user may run:
     * {@code String userId = request.signedIn();}
     *
     * @throws ApiError 401 {@code not_signed_in} for a guest
     */
    public String signedIn() {
        return identity.userId().orElseThrow(ApiError::notSignedIn);
    }

    /** A path inside the web application, e.g. {@code link("/auth/signin")}. */
    public String link(String path) {
        return contextPath + path;
    }

    /** A page's path with the {@code email} it is about, e.g. {@code link("/auth/verify", email)}: {@code /auth/verify?email=ada%40example.com}. */
    public String link(String path, String email) {
        return link(path + "?email=" + java.net.URLEncoder.encode(email, java.nio.charset.StandardCharsets.UTF_8));
    }
}
