package org.portcullis.filter.management;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.portcullis.filter.identity.Identity;
import org.portcullis.filter.web.Responses;

/**
 * {@code GET /api/tenant}: the tenant of the request (contract §10), for anyone, a guest included, so that a
 * page can show which customer's site it is on. It names the code alone: the tenant's hosts and the other
 * tenants are nobody's business.
 *
 * <pre>{@code
 * GET /api/tenant   ->   {"data":{"type":"tenant","id":"acme","attributes":{"code":"acme"}}}
 * }</pre>
 */
public final class TenantApi {

    /** Path of the resource. */
    public static final String PATH = "/api/tenant";

    public void serve(String path, HttpServletRequest request, HttpServletResponse response, Identity identity)
            throws IOException {
        if (!path.equals(PATH)) {
            throw JsonApi.notFound("resource");
        }
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            throw JsonApi.methodNotAllowed("GET, HEAD");
        }
        String code = identity.tenant().code();
        Responses.json(request, response, 200, Map.of("data", JsonApi.resource("tenant", code, Map.of("code", code))));
    }
}
