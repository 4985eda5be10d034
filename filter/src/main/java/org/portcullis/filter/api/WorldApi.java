package org.portcullis.filter.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.portcullis.filter.actions.ApiError;
import org.portcullis.filter.authorization.AccessRule;
import org.portcullis.filter.authorization.Permission;
import org.portcullis.filter.authorization.Subject;
import org.portcullis.filter.identity.Identity;
import org.portcullis.filter.persistence.AccessCache;
import org.portcullis.filter.persistence.Change;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.persistence.PermissionStore;
import org.portcullis.filter.web.Responses;
import org.portcullis.model.WorldEntity;

/**
 * The entity-level permissions in JSON:API:
 * <pre>
 *   GET   /api/world                  rows whose entity the caller may Peek (administrators: all)
 *   PATCH /api/world/&lt;entity_name&gt;    administrators only;
 *         {"data":{"type":"world","attributes":{"permission":"owner:prcudxf group:pr guest:p","default_permission":65409}}}
 * </pre>
 * Each attribute is optional and is a mask or the readable form ({@link Permission#parse}). A change
 * holds from the very next request on this node, and within {@code cache.ttl} on the others.
 */
public final class WorldApi {

    /** Path of the collection. */
    public static final String PATH = "/api/world";
    private static final String TYPE = "world";
    private static final List<String> ATTRIBUTES = List.of("permission", "default_permission");

    private final Database database;
    private final AccessCache access;
    private final int maxBodyBytes;

    public WorldApi(Database database, AccessCache access, int maxBodyBytes) {
        this.database = database;
        this.access = access;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Whether {@code path} is this resource or one of its members. */
    public static boolean handles(String path) {
        return JsonApi.covers(path, PATH);
    }

    public void serve(String path, HttpServletRequest request, HttpServletResponse response, Identity identity)
            throws IOException {
        try {
            if (identity.isGuest()) {
                throw ApiError.notSignedIn();
            }
            String method = request.getMethod();
            if (path.equals(PATH)) {
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    throw JsonApi.methodNotAllowed(response, "GET, HEAD");
                }
                Responses.json(request, response, 200, Map.of("data", list(identity)));
                return;
            }
            String entity = path.substring(PATH.length() + 1);
            if (entity.isEmpty() || entity.contains("/")) {
                throw JsonApi.notFound("entity");
            }
            if (!method.equals("PATCH")) {
                throw JsonApi.methodNotAllowed(response, "PATCH");
            }
            Responses.json(request, response, 200, Map.of("data", patch(entity, request, identity)));
        } catch (ApiError error) {
            JsonApi.error(request, response, error);
        }
    }

    private List<Map<String, Object>> list(Identity identity) {
        Subject subject = access.subject(identity);
        return database.read(PermissionStore::worldRows).stream()
                .filter(w -> AccessRule.allows(subject, access.world(w.getEntityName()).orElse(null),
                        Permission.Action.PEEK))
                .map(WorldApi::resource)
                .toList();
    }

    private Map<String, Object> patch(String entity, HttpServletRequest request, Identity identity)
            throws IOException {
        JsonNode data = JsonApi.data(request, maxBodyBytes, TYPE);
        if (data.has("id") && !entity.equals(data.get("id").asText(null))) {
            throw ApiError.badRequest("bad_request", "'data.id', when given, must be the entity name in the path.");
        }
        JsonNode attributes = JsonApi.attributes(data, ATTRIBUTES);
        Permission permission = permission(attributes, "permission");
        Permission defaultPermission = permission(attributes, "default_permission");
        WorldEntity changed = database.inTransaction(Change.entity(entity), em -> {
            if (!PermissionStore.subject(em, identity).administrator()) {
                throw ApiError.forbidden("forbidden", "Only administrators change entity permissions.");
            }
            return PermissionStore.updateWorld(em, entity, permission, defaultPermission)
                    .orElseThrow(() -> JsonApi.notFound("entity"));
        });
        return resource(changed);
    }

    /** The attribute as a permission, {@code null} when absent; 400 {@code bad_permission} when not one. */
    private static Permission permission(JsonNode attributes, String name) {
        JsonNode value = attributes.get(name);
        if (value == null) {
            return null;
        }
        try {
            if (value.isIntegralNumber() && value.canConvertToInt()) {
                return Permission.of(value.intValue());
            }
            if (value.isTextual()) {
                return Permission.parse(value.asText());
            }
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("bad_permission", "'" + name + "': " + e.getMessage());
        }
        throw ApiError.badRequest("bad_permission", "'" + name + "' must be an integer 0..2097151 or text such as '"
                + Permission.INSTANCE_DEFAULT + "'.");
    }

    private static Map<String, Object> resource(WorldEntity world) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("entity_name", world.getEntityName());
        attributes.put("permission", world.getPermission());
        attributes.put("permission_text", Permission.of(world.getPermission()).toString());
        attributes.put("default_permission", world.getDefaultPermission());
        attributes.put("default_permission_text", Permission.of(world.getDefaultPermission()).toString());
        return JsonApi.resource(TYPE, world.getEntityName(), attributes);
    }
}
