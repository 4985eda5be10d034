package org.portcullis.filter.builtin;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.portcullis.filter.codes.OneTimeCodes;
import org.portcullis.filter.config.PageSettings;
import org.portcullis.filter.identity.Identity;
import org.portcullis.filter.spi.Endpoint;
import org.portcullis.filter.spi.Feature;
import org.portcullis.filter.spi.FeatureException;
import org.portcullis.filter.spi.Kernel;
import org.portcullis.filter.spi.Registry;
import org.portcullis.filter.web.ApiError;
import org.portcullis.filter.web.AuthPages;
import org.portcullis.filter.web.ErrorReplies;
import org.portcullis.filter.web.HostApplication;
import org.portcullis.filter.web.Responses;

/**
 * Portcullis' pages that are switched on ({@link AuthPages}), each at exactly its path, the page of
 * mailed links under {@code /auth/link/}, and {@code GET /auth/me}, who is signed in, for the host's
 * pages: any other path under {@code /auth/} stays the host's.
 */
public final class SigninPages implements Feature {

    /** Who is signed in, for the host's pages: {@code {"signed_in":true,"email":…,"name":…}}. */
    static final String SIGNED_IN_AS = "/auth/me";

    @Override
    public void register(Registry registry, Kernel kernel) {
        PageSettings settings = kernel.config().pages();
        AuthPages.Switches on = new AuthPages.Switches(settings.signinPage(), settings.signupPage(),
                settings.accountPages(), settings.signoutPage(), settings.signedInAs(),
                kernel.config().invitations().required());
        AuthPages pages = pages(on, settings, kernel.host(), kernel.codes());
        Endpoint endpoint = (path, request, response, identity) -> pages.serve(path, request, response);
        for (String path : pages.paths()) {
            registry.endpointAt(path, ErrorReplies.Shape.PLAIN, endpoint);
        }
        if (pages.linkPages()) {
            registry.endpoint(AuthPages.LINK, ErrorReplies.Shape.PLAIN,
                    (path, request, response, identity) -> pages.serveLink(path, request, response));
        }
        if (on.signedInAs()) {
            registry.endpointAt(SIGNED_IN_AS, ErrorReplies.Shape.PLAIN, (path, request, response, identity) -> {
                if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
                    throw ApiError.methodNotAllowed("GET, HEAD", "Read who is signed in with GET or HEAD.");
                }
                Responses.json(request, response, 200, signedInAs(identity));
            });
        }
    }

    private static AuthPages pages(AuthPages.Switches on, PageSettings settings, HostApplication host, OneTimeCodes codes) {
        String appName = host.appName(settings.appName());
        try {
            return new AuthPages(on, appName, host, token -> codes.linkPurpose(token).map(purpose -> switch (purpose) {
                case VERIFY_EMAIL -> AuthPages.LinkKind.VERIFY_EMAIL;
                case RESET_PASSWORD -> AuthPages.LinkKind.RESET_PASSWORD;
                case INVITATION -> AuthPages.LinkKind.INVITATION;
                default -> AuthPages.LinkKind.DEAD; // no other purpose is mailed as a link
            }).orElse(AuthPages.LinkKind.DEAD));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new FeatureException("pages cannot start: " + e.getMessage(), e);
        }
    }

    /** What {@code /auth/me} says: never the token, the id or anything but what a page shows. */
    static Map<String, Object> signedInAs(Identity identity) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("signed_in", !identity.isGuest());
        if (!identity.isGuest()) {
            body.put("email", identity.email().orElse(null));
            body.put("name", identity.name().orElse(null));
        }
        return body;
    }
}
