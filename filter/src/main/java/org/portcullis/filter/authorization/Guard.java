package org.portcullis.filter.authorization;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.logging.Logger;
import org.portcullis.filter.identity.Identity;
import org.portcullis.filter.permission.AccessRow;
import org.portcullis.filter.permission.AccessRule;
import org.portcullis.filter.permission.EntityRow;
import org.portcullis.filter.permission.Permission;
import org.portcullis.filter.permission.Subject;
import org.portcullis.filter.persistence.AccessCache;
import org.portcullis.filter.persistence.Change;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.persistence.Fresh;
import org.portcullis.filter.persistence.PermissionStore;
import org.portcullis.filter.routing.CanonicalPath;
import org.portcullis.filter.routing.RejectedPathException;
import org.portcullis.filter.routing.RouteMatch;
import org.portcullis.filter.routing.RouteTable;
import org.portcullis.filter.web.ApiError;

/**
 * The four checks around a guarded request (contract §5): entity-before and instance-before decide
 * whether the host servlet runs at all; instance-after and entity-after act on its reply: a create
 * registers the new instance, a delete removes its rows, a collection read loses the items the
 * caller may not read. Any failure inside a check is a denial or a 503, never a pass.
 *
 * <p>A request the before-checks let straight through is remembered ({@link RecentDecisions}): the same
 * caller, route, instance and method is let through again without its rows being looked up, for as
 * long as those rows would have been used from the caches.
 */
public final class Guard {

    private static final Logger LOG = Logger.getLogger(Guard.class.getName());

    private final Database database;
    private final AccessCache access;
    private final RouteTable routes;
    private final int maxReplyBytes;
    private final CheckedListings listings;
    /** Null when caching is off ({@code cache.ttl=PT0S}): then every request is decided from the database. */
    private final RecentDecisions recent;

    /**
     * @param access where the checks read subjects and rows; the writes after a create or delete go to {@code database}
     * @param listingBytes most bytes of checked collection replies remembered ({@code cache.listings}; 0: none)
     */
    public Guard(Database database, AccessCache access, RouteTable routes, int maxReplyBytes, long listingBytes) {
        this.database = database;
        this.access = access;
        this.routes = routes;
        this.maxReplyBytes = maxReplyBytes;
        this.listings = new CheckedListings(access, listingBytes);
        this.recent = access.caching() ? new RecentDecisions() : null;
    }

    /**
     * Runs the checks and, if they pass, the host's servlet.
     *
     * @throws ApiError when the request is refused; nothing of the host has run
     */
    public void guard(RouteMatch match, HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                      Identity identity) throws IOException, ServletException {
        String entity = match.route().entity();
        Optional<String> instanceId = match.instanceId();
        String method = request.getMethod();
        Permission.Action action = RequiredAction.of(method, instanceId.isPresent(), match.route().permission())
                .orElseThrow(() -> new ApiError(405, "method_not_allowed", "This method is not allowed here."));

        String userId = identity.userId().orElse(null);
        String id = instanceId.orElse(null);
        long changes = access.changes(); // before any row is read: see CheckedListings
        if (recent != null && recent.passes(userId, match.route(), id, method, changes, access.now())) {
            chain.doFilter(request, response);
            return;
        }
        Fresh<Subject> asked = access.freshSubject(identity.userId());
        Subject subject = asked.value();
        Fresh<Optional<EntityRow>> worldRow = access.freshEntity(entity);
        Optional<EntityRow> world = worldRow.value();
        long until = worldRow.until(asked.until());
        if (!AccessRule.allows(subject, world.map(EntityRow::access).orElse(null), action)) {
            throw refusal(subject, false);
        }
        if (id != null) {
            Fresh<Optional<AccessRow>> row = access.freshInstance(entity, id);
            AccessRow instance = row.value().orElse(null);
            until = row.until(until);
            if (!AccessRule.allows(subject, instance, action)) {
                throw refusal(subject, !AccessRule.allows(subject, instance, Permission.Action.PEEK));
            }
        }

        boolean create = id == null && action == Permission.Action.CREATE && "POST".equals(method);
        boolean delete = id != null && "DELETE".equals(method);
        boolean listing = id == null && action == Permission.Action.READ && "GET".equals(method)
                && !subject.administrator();
        if (!create && !delete && !listing) {
            if (recent != null) {
                recent.remember(userId, match.route(), id, method, changes, until);
            }
            chain.doFilter(request, response);
            return;
        }
        BufferedResponse buffered = new BufferedResponse(response, maxReplyBytes);
        chain.doFilter(request, buffered);
        byte[] body = buffered.body();
        if (buffered.overflowed()) {
            throw new ApiError(502, "reply_too_large", "The reply is larger than Portcullis may check.");
        }
        int status = response.getStatus();
        boolean success = status >= 200 && status < 300;
        if (success && create) {
            registerCreated(request, response, entity, subject,
                    world.map(EntityRow::defaultPermission).orElse(Permission.INSTANCE_DEFAULT));
        } else if (success && delete) {
            database.inTransaction(Change.instance(entity, instanceId.get()),
                    em -> PermissionStore.remove(em, entity, instanceId.get()));
        } else if (success && listing) {
            body = listings.check(asked, changes, match.route(), body);
        }
        if (!response.isCommitted() && body.length > 0) {
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }

    private void registerCreated(HttpServletRequest request, HttpServletResponse response, String entity,
                                 Subject subject, Permission permission) {
        String location = response.getHeader("Location");
        Optional<String> created = location == null ? Optional.empty() : instanceNamedBy(location, request, entity);
        if (created.isEmpty()) {
            // Unregistered means readable by administrators only: safe, but the host should say where it put it.
            LOG.warning("a create on entity '" + entity + "' answered without a Location naming the new instance");
            return;
        }
        boolean registered = database.inTransaction(Change.instance(entity, created.get()),
                em -> PermissionStore.register(em, entity, created.get(), subject.userId(), subject.personalGroupId(),
                        permission));
        if (!registered) {
            LOG.warning("entity '" + entity + "': the host reused an instance id; its existing permission rows stay");
        }
    }

    /** The id of the instance of {@code entity} that a {@code Location} header names, read with the route table. */
    private Optional<String> instanceNamedBy(String location, HttpServletRequest request, String entity) {
        try {
            String path = URI.create(location).getPath();
            String context = request.getContextPath();
            if (path == null || !path.startsWith(context + "/")) {
                return Optional.empty();
            }
            return routes.resolve(CanonicalPath.of(path.substring(context.length()), null))
                    .routeMatch()
                    .filter(m -> m.route().entity().equals(entity))
                    .flatMap(RouteMatch::instanceId);
        } catch (IllegalArgumentException | RejectedPathException e) {
            return Optional.empty();
        }
    }

    /** 401 for a guest, 404 where the user may not even peek at the instance, else 403. */
    private static ApiError refusal(Subject subject, boolean hide) {
        if (subject.isGuest()) {
            return ApiError.notSignedIn();
        }
        if (hide) {
            return new ApiError(404, "not_found", "There is no such resource.");
        }
        return ApiError.forbidden("forbidden", "You may not do this.");
    }
}
