package org.portcullis.filter;

import jakarta.servlet.ServletRequest;
import java.util.Optional;
import org.portcullis.filter.authorization.PermissionEngine;
import org.portcullis.filter.identity.Identity;
import org.portcullis.filter.identity.PortcullisPrincipal;
import org.portcullis.filter.permission.Permission;

/**
 * The Java API for host code that wants more than the standard request methods: who the request
 * is, and the permission engine of the filter that saw it.
 *
 * <pre>{@code
 * Optional<PortcullisPrincipal> me = Portcullis.currentUser(request);
 * String owner = me.map(PortcullisPrincipal::userId).orElse(null);
 *
 * if (!Portcullis.may(request, "invoice", invoiceId, Permission.Action.UPDATE)) {
 *     response.sendError(403);
 *     return;
 * }
 * PermissionEngine permissions = Portcullis.permissions(request);
 * permissions.share(Portcullis.identity(request), "invoice", invoiceId, "accounting", Permission.parse("group:pr"));
 * }</pre>
 */
public final class Portcullis {

    /** Request attribute holding the request's {@link Identity}. */
    public static final String IDENTITY_ATTRIBUTE = "org.portcullis.identity";
    /** Request attribute holding the {@link PermissionEngine} of the filter that identified the request. */
    public static final String PERMISSIONS_ATTRIBUTE = "org.portcullis.permissions";

    private Portcullis() {
    }

    /** Who the request is; a guest when the filter has not seen it. */
    public static Identity identity(ServletRequest request) {
        return request.getAttribute(IDENTITY_ATTRIBUTE) instanceof Identity identity ? identity : Identity.guest();
    }

    /** The signed-in user, or empty for a guest. */
    public static Optional<PortcullisPrincipal> currentUser(ServletRequest request) {
        return PortcullisPrincipal.of(identity(request));
    }

    /**
     * The permission engine of the filter that identified {@code request}, for checks, sharing and
     * SQL filters beyond what the request itself needs.
     *
     * <pre>{@code
     * ReadableFilter readable = Portcullis.permissions(request).readableBy(Portcullis.identity(request), "note", "n.id");
     * }</pre>
     *
     * @throws IllegalStateException when the filter did not see the request: a missing answer must not
     *     be mistaken for "allowed" or "refused"
     */
    public static PermissionEngine permissions(ServletRequest request) {
        if (request.getAttribute(PERMISSIONS_ATTRIBUTE) instanceof PermissionEngine permissions) {
            return permissions;
        }
        throw new IllegalStateException("Portcullis has not seen this request: map PortcullisFilter to /* for every"
                + " dispatcher type (REQUEST, FORWARD, INCLUDE, ASYNC, ERROR) in front of this servlet");
    }

    /**
     * Whether the request's user (or guest) may do {@code action} to one instance, by the same rule
     * as a guarded route: the entity's row, then the instance's.
     *
     * <pre>{@code
     * boolean editable = Portcullis.may(request, "note", "42", Permission.Action.UPDATE);
     * }</pre>
     *
     * @throws IllegalStateException when the filter did not see the request
     * @throws org.portcullis.filter.persistence.DatabaseUnavailableException when the database cannot be
     *     reached; thrown out of a host servlet before its reply has begun, the filter
     *     answers 503
     */
    public static boolean may(ServletRequest request, String entity, String instanceId, Permission.Action action) {
        return permissions(request).may(identity(request), entity, instanceId, action);
    }
}
