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
import org.portcullis.filter.tenancy.Tenant;
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
     * Runs the checks and, if they pass, the host's servlet, in four named phases: the action the
     * request needs; the checks before (entity, then instance); the host; the checks after, for the
     * requests whose reply Portcullis acts on (a create registers its owner, a delete forgets its
     * rows, a listing loses what the caller may not read).
     *
     * @throws ApiError when the request is refused; nothing of the host has run
     */
    public void guard(RouteMatch match, HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                      Identity identity) throws IOException, ServletException {
        String method = request.getMethod();
        Permission.Action action = requiredAction(match, method);
        String userId = identity.userId().orElse(null);
        Tenant tenant = identity.tenant();
        String id = match.instanceId().orElse(null);
        long changes = access.changes(); // before any row is read: see CheckedListings
        if (recent != null && recent.passes(tenant, userId, match.route(), id, method, changes, access.now())) {
            chain.doFilter(request, response);
            return;
        }
        Before before = checkBefore(identity, match.route().entity(), id, action);
        After after = After.of(id, action, method, before.subject());
        if (after == After.NOTHING) {
            if (recent != null) {
                recent.remember(tenant, userId, match.route(), id, method, changes, before.until());
            }
            chain.doFilter(request, response);
            return;
        }
        runHostThenCheckAfter(after, match, request, response, chain, before, changes);
    }

    /** Phase 1: the permission the method asks for on this route; a method the route does not take is a 405. */
    private static Permission.Action requiredAction(RouteMatch match, String method) {
        return RequiredAction.of(method, match.instanceId().isPresent(), match.route().permission())
                .orElseThrow(() -> new ApiError(405, "method_not_allowed", "This method is not allowed here."));
    }

    /** What the checks before read, and until when all of it stands. */
    private record Before(Tenant tenant, Fresh<Subject> asked, Optional<EntityRow> world, long until) {
        Subject subject() {
            return asked.value();
        }
    }

    /** Phase 2: entity before, then instance before; a refusal is thrown. */
    private Before checkBefore(Identity identity, String entity, String id, Permission.Action action) {
        Fresh<Subject> asked = access.freshSubject(identity.userId());
        Subject subject = asked.value();
        Fresh<Optional<EntityRow>> worldRow = access.freshEntity(entity);
        Optional<EntityRow> world = worldRow.value();
        long until = worldRow.until(asked.until());
        if (!AccessRule.allows(subject, world.map(EntityRow::access).orElse(null), action)) {
            throw refusal(subject, false);
        }
        if (id != null) {
            Fresh<Optional<AccessRow>> row = access.freshInstance(identity.tenant(), entity, id);
            AccessRow instance = row.value().orElse(null);
            until = row.until(until);
            if (!AccessRule.allows(subject, instance, action)) {
                throw refusal(subject, !AccessRule.allows(subject, instance, Permission.Action.PEEK));
            }
        }
        return new Before(identity.tenant(), asked, world, until);
    }

    /** Which check after a request needs, if any; only these hold the host's reply back. */
    private enum After {
        NOTHING, REGISTER_CREATED, FORGET_DELETED, FILTER_LISTING;

        static After of(String id, Permission.Action action, String method, Subject subject) {
            if (id == null && action == Permission.Action.CREATE && "POST".equals(method)) {
                return REGISTER_CREATED;
            } else if (id != null && "DELETE".equals(method)) {
                return FORGET_DELETED;
            } else if (id == null && action == Permission.Action.READ && "GET".equals(method) && !subject.administrator()) {
                return FILTER_LISTING;
            }
            return NOTHING;
        }
    }

    /** Phases 3 and 4: the host into a buffer, then the check after on a successful reply, then the reply. */
    private void runHostThenCheckAfter(After after, RouteMatch match, HttpServletRequest request, HttpServletResponse response,
                                       FilterChain chain, Before before, long changes) throws IOException, ServletException {
        BufferedResponse buffered = new BufferedResponse(response, maxReplyBytes);
        chain.doFilter(request, buffered);
        byte[] body = buffered.body();
        if (buffered.overflowed()) {
            throw new ApiError(502, "reply_too_large", "The reply is larger than Portcullis may check.");
        }
        int status = response.getStatus();
        if (status >= 200 && status < 300) {
            String entity = match.route().entity();
            switch (after) {
                case REGISTER_CREATED -> registerCreated(request, response, entity, before.subject(),
                        before.world().map(EntityRow::defaultPermission).orElse(Permission.INSTANCE_DEFAULT));
                case FORGET_DELETED -> {
                    String id = match.instanceId().orElseThrow();
                    database.inTransaction(Change.instance(entity, id), em -> PermissionStore.remove(em, entity, id));
                }
                case FILTER_LISTING -> body = listings.check(before.tenant(), before.asked(), changes, match.route(), body);
                case NOTHING -> throw new IllegalStateException("no check after to run");
            }
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
