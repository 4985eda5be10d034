package org.portcullis.filter.management;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.persistence.EntityManager;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.portcullis.filter.identity.Identity;
import org.portcullis.filter.permission.AccessRow;
import org.portcullis.filter.permission.AccessRule;
import org.portcullis.filter.permission.EntityRow;
import org.portcullis.filter.permission.Permission;
import org.portcullis.filter.permission.Subject;
import org.portcullis.filter.persistence.AccessCache;
import org.portcullis.filter.persistence.AccountRows;
import org.portcullis.filter.persistence.Change;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.persistence.PermissionEdits;
import org.portcullis.filter.persistence.PermissionStore;
import org.portcullis.filter.web.ApiError;
import org.portcullis.filter.web.Responses;
import org.portcullis.model.WorldEntity;

/**
 * The entity-level permissions in JSON:API:
 * <pre>
 *   GET   /api/world                  rows whose entity the caller may Peek (administrators: all)
 *   PATCH /api/world/&lt;entity_name&gt;    administrators only;
 *         {"data":{"type":"world","attributes":{"permission":"owner:prcudxf group:pr guest:p","default_permission":65409,"owner":null}}}
 *   PUT    /api/world/&lt;entity_name&gt;/groups/&lt;group id&gt;   administrators only; one group's own tier:
 *         {"data":{"type":"usergroup","attributes":{"permission":"group:prc"}}}
 *   DELETE /api/world/&lt;entity_name&gt;/groups/&lt;group id&gt;   administrators only
 *   PUT    /api/world/&lt;entity_name&gt;/users/&lt;user id&gt;     administrators only; one user's own bits,
 *         deciding for that user instead of their groups: {"permission":"prc"} (letters or 0..127)
 *   DELETE /api/world/&lt;entity_name&gt;/users/&lt;user id&gt;     administrators only
 * </pre>
 * Each attribute is optional; a permission is a mask or the readable form ({@link Permission#parse}),
 * {@code owner} a user id or {@code null}. A PATCH of {@code permission} also writes its group tier
 * to every group link of the entity; the group links endpoint gives one group rights of its own.
 * A change holds from the very next request on this node, and within {@code cache.ttl} on the others.
 */
public final class WorldApi {

    /** Path of the collection. */
    public static final String PATH = "/api/world";
    private static final String TYPE = "world";
    private static final List<String> ATTRIBUTES = List.of("permission", "default_permission", "owner");

    private final Database database;
    private final AccessCache access;
    private final int maxBodyBytes;

    public WorldApi(Database database, AccessCache access, int maxBodyBytes) {
        this.database = database;
        this.access = access;
        this.maxBodyBytes = maxBodyBytes;
    }

    public void serve(String path, HttpServletRequest request, HttpServletResponse response, Identity identity)
            throws IOException {
        JsonApi.signedIn(identity);
        String method = request.getMethod();
        if (path.equals(PATH)) {
            if (!method.equals("GET") && !method.equals("HEAD")) {
                throw JsonApi.methodNotAllowed("GET, HEAD");
            }
            Responses.json(request, response, 200, Map.of("data", list(identity)));
            return;
        }
        String[] rest = path.substring(PATH.length() + 1).split("/", -1);
        if (rest.length == 3 && rest[1].equals("groups")) {
            groupLink(rest[0], rest[2], request, response, identity);
            return;
        }
        if (rest.length == 3 && rest[1].equals("users")) {
            userEntry(rest[0], rest[2], request, response, identity);
            return;
        }
        if (rest.length != 1 || rest[0].isEmpty()) {
            throw JsonApi.notFound("entity");
        }
        if (!method.equals("PATCH")) {
            throw JsonApi.methodNotAllowed("PATCH");
        }
        Responses.json(request, response, 200, Map.of("data", patch(rest[0], request, identity)));
    }

    private List<Map<String, Object>> list(Identity identity) {
        Subject subject = access.subject(identity.userId());
        return database.read(em -> PermissionStore.worldRows(em).stream()
                .filter(w -> AccessRule.allows(subject, access.world(w.getEntityName()).orElse(null),
                        Permission.Action.PEEK))
                .map(w -> resource(em, w))
                .toList());
    }

    private Map<String, Object> patch(String entity, HttpServletRequest request, Identity identity)
            throws IOException {
        JsonNode data = JsonApi.data(request, maxBodyBytes, TYPE);
        if (data.has("id") && !entity.equals(data.get("id").asText(null))) {
            throw ApiError.badRequest("bad_request", "'data.id', when given, must be the entity name in the path.");
        }
        JsonNode attributes = JsonApi.attributes(data, ATTRIBUTES);
        Permission permission = JsonApi.permission(attributes, "permission");
        Permission defaultPermission = JsonApi.permission(attributes, "default_permission");
        JsonNode owner = attributes.get("owner");
        if (owner != null && !owner.isTextual() && !owner.isNull()) {
            throw ApiError.badRequest("bad_request", "'owner' must be a user id as a string, or null.");
        }
        return database.inTransaction(Change.entity(entity), em -> {
            requireAdministrator(em, identity);
            WorldEntity changed = PermissionStore.updateWorld(em, entity, permission, defaultPermission)
                    .orElseThrow(() -> JsonApi.notFound("entity"));
            if (owner != null) {
                if (owner.isTextual() && AccountRows.userById(em, owner.asText()).isEmpty()) {
                    throw ApiError.badRequest("unknown_user", "There is no user with id '" + owner.asText() + "'.");
                }
                PermissionEdits.setWorldOwner(em, entity, owner.isNull() ? null : owner.asText());
            }
            em.flush();
            return resource(em, changed);
        });
    }

    /** PUT or DELETE of one group's link to an entity's {@code world} row. */
    private void groupLink(String entity, String groupId, HttpServletRequest request, HttpServletResponse response,
                           Identity identity) throws IOException {
        edit(entity, "group link", request, response, identity, () -> {
            Permission permission = JsonApi.groupLinkPermission(request, maxBodyBytes);
            return em -> {
                if (AccountRows.groupById(em, groupId).isEmpty()) {
                    throw JsonApi.notFound("group");
                }
                return PermissionEdits.linkWorld(em, entity, groupId, permission);
            };
        }, em -> PermissionEdits.unlinkWorld(em, entity, groupId));
    }

    /** PUT or DELETE of one user's named-user entry on an entity's {@code world} row. */
    private void userEntry(String entity, String userId, HttpServletRequest request, HttpServletResponse response,
                           Identity identity) throws IOException {
        edit(entity, "user entry", request, response, identity, () -> {
            int bits = JsonApi.userEntryBits(request, maxBodyBytes);
            return em -> {
                if (AccountRows.userById(em, userId).isEmpty()) {
                    throw JsonApi.notFound("user");
                }
                return PermissionEdits.setWorldUser(em, entity, userId, bits);
            };
        }, em -> PermissionEdits.removeWorldUser(em, entity, userId));
    }

    /**
     * A request body read before the transaction begins, as the change it asks for. (Not a generic
     * method: the Eclipse Transformer leaves {@code jakarta.servlet} in a generic method's signature, and
     * the javax jar must not name it.)
     */
    private interface Body {
        Predicate<EntityManager> read() throws IOException;
    }

    /**
     * One link or entry of an entity's {@code world} row, administrators only: PUT reads {@code body} and
     * gives it ({@code put} answers false when the entity has no row), 200 and the row; DELETE takes it
     * away ({@code remove} answers false when there was none), 204.
     */
    private void edit(String entity, String what, HttpServletRequest request, HttpServletResponse response,
                      Identity identity, Body body, Predicate<EntityManager> remove) throws IOException {
        String method = request.getMethod();
        if (method.equals("PUT")) {
            Predicate<EntityManager> put = body.read();
            Map<String, Object> changed = database.inTransaction(Change.entity(entity), em -> {
                requireAdministrator(em, identity);
                if (!put.test(em)) {
                    throw JsonApi.notFound("entity");
                }
                em.flush();
                return resource(em, PermissionStore.worldEntity(em, entity));
            });
            Responses.json(request, response, 200, Map.of("data", changed));
        } else if (method.equals("DELETE")) {
            database.inTransaction(Change.entity(entity), em -> {
                requireAdministrator(em, identity);
                if (PermissionStore.world(em, entity).isEmpty()) {
                    throw JsonApi.notFound("entity");
                }
                if (!remove.test(em)) {
                    throw JsonApi.notFound(what);
                }
                return null;
            });
            response.setStatus(204);
            response.setHeader("Cache-Control", "no-store");
        } else {
            throw JsonApi.methodNotAllowed("PUT, DELETE");
        }
    }

    private static void requireAdministrator(EntityManager em, Identity identity) {
        if (!PermissionStore.subject(em, identity.userId()).administrator()) {
            throw ApiError.forbidden("forbidden", "Only administrators change entity permissions.");
        }
    }

    private static Map<String, Object> resource(EntityManager em, WorldEntity world) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("entity_name", world.getEntityName());
        attributes.put("owner", world.getOwnerId());
        attributes.put("permission", world.getPermission());
        attributes.put("permission_text", Permission.of(world.getPermission()).toString());
        attributes.put("default_permission", world.getDefaultPermission());
        attributes.put("default_permission_text", Permission.of(world.getDefaultPermission()).toString());
        AccessRow row = PermissionStore.entity(em, world.getEntityName()).map(EntityRow::access)
                .orElseThrow(() -> JsonApi.notFound("entity"));
        attributes.put("groups", JsonApi.groupLinks(em, row.groupLinks()));
        attributes.put("users", JsonApi.userEntries(row.userEntries()));
        return JsonApi.resource(TYPE, world.getEntityName(), attributes);
    }
}
