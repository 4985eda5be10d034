package org.portcullis.filter;

import jakarta.servlet.ServletRequest;
import java.util.Optional;
import org.portcullis.filter.identity.Identity;
import org.portcullis.filter.identity.PortcullisPrincipal;

/**
 * The Java API for host code that wants more than the standard request methods.
 *
 * <pre>{@code
 * Optional<PortcullisPrincipal> me = Portcullis.currentUser(request);
 * String owner = me.map(PortcullisPrincipal::userId).orElse(null);
 * }</pre>
 */
public final class Portcullis {

    /** Request attribute holding the request's {@link Identity}. */
    public static final String IDENTITY_ATTRIBUTE = "org.portcullis.identity";

    private Portcullis() {
    }

    /** Who the request is; a guest when the filter has not seen it. */
    public static Identity identity(ServletRequest request) {
        return request.getAttribute(IDENTITY_ATTRIBUTE) instanceof Identity identity ? identity : Identity.guest();
    }

    /** The signed-in user, or empty for a guest. */
    public static Optional<PortcullisPrincipal> currentUser(ServletRequest request) {
        Identity identity = identity(request);
        if (identity.isGuest()) {
            return Optional.empty();
        }
        return Optional.of(new PortcullisPrincipal(identity.userId().orElseThrow(), identity.email().orElseThrow(),
                identity.name().orElse(null)));
    }
}
