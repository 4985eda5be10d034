package org.portcullis.filter.firewall;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/**
 * The cross-site request forgery policy: which requests are forged, judged once per request as it is
 * identified, from how its token came and what the browser says of its origin ({@link CrossSiteCheck}).
 * The filter only asks and acts on the {@link CsrfVerdict}.
 *
 * <pre>{@code
 * CsrfVerdict csrf = policy.judge(request, true, false); // a cookie request identified in this pass
 * if (csrf.refusedByGuardedRoutes()) throw CsrfVerdict.refusal();
 * }</pre>
 */
public final class CsrfPolicy {

    private final CrossSiteCheck crossSite;

    /** @param trustedOrigins further origins, lower case, accepted besides the request's own */
    public CsrfPolicy(List<String> trustedOrigins) {
        this.crossSite = new CrossSiteCheck(trustedOrigins);
    }

    /**
     * @param cookie whether the request's token came from the cookie, which a browser attaches on its own,
     *     and the request is identified in this pass (a request identified already was judged then)
     * @param bearer whether the token came from an {@code Authorization} header, which no other site can
     *     make a browser send
     */
    public CsrfVerdict judge(HttpServletRequest request, boolean cookie, boolean bearer) {
        if (bearer || !CrossSiteCheck.unsafe(request)) {
            return CsrfVerdict.PASSES;
        }
        if (cookie) {
            return crossSite.cookieRequestPasses(request) ? CsrfVerdict.PASSES : CsrfVerdict.FORGED;
        }
        return crossSite.fromElsewhere(request) ? CsrfVerdict.FROM_ELSEWHERE : CsrfVerdict.PASSES;
    }
}
