package org.portcullis.filter.firewall;

import org.portcullis.filter.web.ApiError;

/**
 * What the CSRF policy ({@link CsrfPolicy}) makes of a request, and what each place on the request's path
 * does with it: Portcullis' own endpoints, a guarded route, an unguarded host page.
 */
public enum CsrfVerdict {
    /** Nothing to refuse: a safe method, a bearer token, or a cookie request that shows it comes from here. */
    PASSES,
    /**
     * A state-changing request without the cookie's authority (a guest, or a request identified in an earlier
     * pass) that the browser says comes from another origin. Only Portcullis' own endpoints refuse it: it
     * would be login CSRF, another site signing the visitor in to the attacker's account.
     */
    FROM_ELSEWHERE,
    /** A cookie-authenticated state-changing request that does not show it comes from here. */
    FORGED;

    /** Whether Portcullis' own endpoints (actions, management API, pages) refuse the request. */
    public boolean refusedByEndpoints() {
        return this != PASSES;
    }

    /** Whether a guarded route refuses the request. */
    public boolean refusedByGuardedRoutes() {
        return this == FORGED;
    }

    /**
     * Whether an unguarded host page sees the request as a guest's: such a page may act on
     * {@code getRemoteUser()}, so a forged request must not carry the user there.
     */
    public boolean reachesUnguardedAsGuest() {
        return this == FORGED;
    }

    /** The 403 {@code csrf} a refused request is answered with. */
    public static ApiError refusal() {
        return ApiError.forbidden("csrf", "This request looks forged from another site: send it from this site's pages,"
                + " with the header " + CrossSiteCheck.HEADER + ", or with an Authorization header.");
    }
}
