package org.portcullis.filter.builtin;

import org.portcullis.filter.config.PortcullisConfig;
import org.portcullis.filter.spi.Endpoint;
import org.portcullis.filter.spi.Feature;
import org.portcullis.filter.spi.Kernel;
import org.portcullis.filter.spi.Registry;
import org.portcullis.filter.web.AuthPages;
import org.portcullis.filter.web.ErrorReplies;

/**
 * The sign-in and sign-up pages that are switched on, and their script, each at exactly its path
 * ({@code /auth/signin}, {@code /auth/signup}, {@code /auth/portcullis.js}): any other path under
 * {@code /auth/} stays the host's.
 */
public final class SigninPages implements Feature {

    @Override
    public void register(Registry registry, Kernel kernel) {
        PortcullisConfig config = kernel.config();
        AuthPages pages = new AuthPages(config.signinPageEnabled(), config.signupPageEnabled());
        Endpoint endpoint = (path, request, response, identity) -> pages.serve(path, request, response);
        for (String path : pages.paths()) {
            registry.endpointAt(path, ErrorReplies.Shape.PLAIN, endpoint);
        }
    }
}
