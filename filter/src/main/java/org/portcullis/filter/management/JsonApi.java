package org.portcullis.filter.management;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.persistence.EntityManager;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.portcullis.filter.identity.Identity;
import org.portcullis.filter.permission.Permission;
import org.portcullis.filter.persistence.AccountRows;
import org.portcullis.filter.web.ApiError;
import org.portcullis.filter.web.ErrorReplies;
import org.portcullis.filter.web.Json;
import org.portcullis.filter.web.RequestBody;
import org.portcullis.model.UserGroup;

/**
 * The JSON:API shapes the management resources share: a resource object, and reading a request's
 * {@code data} object with the body-size and JSON limits every body gets. Their refusals are thrown,
 * and written as the error document {@code {"errors":[{"status","code","title"}]}} by
 * {@link ErrorReplies} ({@link ErrorReplies.Shape#JSON_API}).
 */
final class JsonApi {

    private JsonApi() {
    }

    static Map<String, Object> resource(String type, String id, Map<String, Object> attributes) {
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("type", type);
        resource.put("id", id);
        resource.put("attributes", attributes);
        return resource;
    }

    /**
     * The caller's user id.
     *
     * @throws ApiError 401 {@code not_signed_in} for a guest
     */
    static String signedIn(Identity identity) {
        return identity.userId().orElseThrow(ApiError::notSignedIn);
    }

    static ApiError notFound(String what) {
        return new ApiError(404, "not_found", "There is no such " + what + ".");
    }

    static ApiError methodNotAllowed(String allow) {
        return ApiError.methodNotAllowed(allow, "Use " + allow + " here.");
    }

    /**
     * The body's {@code data} object, checked to be of {@code type}.
     *
     * @throws ApiError 413 for a body over {@code maxBytes}, 400 {@code bad_json} for one that is not
     *     JSON within {@link Json}'s limits, 400 {@code bad_request} for one that is not
     *     {@code {"data":{"type":type,…}}}
     */
    static JsonNode data(HttpServletRequest request, int maxBytes, String type) throws IOException {
        JsonNode root = Json.read(RequestBody.read(request, maxBytes));
        JsonNode data = root == null ? null : root.get("data");
        if (data == null || !data.isObject() || !type.equals(data.path("type").asText(null))
                || !data.path("type").isTextual()) {
            throw ApiError.badRequest("bad_request", "The body must be {\"data\":{\"type\":\"" + type + "\",…}}.");
        }
        return data;
    }

    /** The {@code attributes} object of {@code data}, refusing names outside {@code allowed}. */
    static JsonNode attributes(JsonNode data, List<String> allowed) {
        JsonNode attributes = data.get("attributes");
        if (attributes == null) {
            return Json.MAPPER.createObjectNode();
        }
        if (!attributes.isObject()) {
            throw ApiError.badRequest("bad_request", "'attributes' must be an object.");
        }
        attributes.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                throw ApiError.badRequest("unknown_attribute", "Unknown attribute '" + name + "'; expected one of "
                        + allowed + ".");
            }
        });
        return attributes;
    }

    /** The attribute as a permission, {@code null} when absent; 400 {@code bad_permission} when not one. */
    static Permission permission(JsonNode attributes, String name) {
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

    /**
     * The permission of a group link from the body of a PUT:
     * {@code {"data":{"type":"usergroup","attributes":{"permission":"group:pr"}}}}. Only the group
     * tier of a link counts, so any other bit is refused rather than silently dropped.
     */
    static Permission groupLinkPermission(HttpServletRequest request, int maxBytes) throws IOException {
        Permission permission = permission(attributes(data(request, maxBytes, "usergroup"), List.of("permission")),
                "permission");
        if (permission == null) {
            throw ApiError.badRequest("bad_permission", "'permission' is required, e.g. \"group:pr\".");
        }
        if (!permission.within(Permission.Tier.GROUP)) {
            throw ApiError.badRequest("bad_permission", "A group link counts only its group tier; write it as"
                    + " 'group:...', not '" + permission + "'.");
        }
        return permission;
    }

    /**
     * The bits of a named-user entry from the body of a PUT: {@code {"permission":"pr"}} or, as the
     * other management bodies, {@code {"data":{"type":"user_account","attributes":{"permission":"pr"}}}};
     * the permission is one tier's letters ({@code prcudxf}) or {@code 0..127}.
     *
     * @throws ApiError 400 {@code bad_permission} for anything else as the permission, 400
     *     {@code bad_request} for another body
     */
    static int userEntryBits(HttpServletRequest request, int maxBytes) throws IOException {
        JsonNode root = Json.read(RequestBody.read(request, maxBytes));
        JsonNode attributes;
        if (root != null && root.isObject() && root.size() == 1 && root.has("permission")) {
            attributes = root;
        } else if (root != null && root.isObject() && root.size() == 1 && root.path("data").isObject()
                && root.path("data").path("type").isTextual()
                && root.path("data").path("type").asText().equals("user_account")) {
            attributes = attributes(root.get("data"), List.of("permission"));
        } else {
            throw ApiError.badRequest("bad_request", "The body must be {\"permission\":\"pr\"} or"
                    + " {\"data\":{\"type\":\"user_account\",\"attributes\":{\"permission\":\"pr\"}}}.");
        }
        JsonNode value = attributes.get("permission");
        try {
            if (value != null && value.isIntegralNumber() && value.canConvertToInt()) {
                return Permission.requireTierBits(value.intValue());
            }
            if (value != null && value.isTextual()) {
                return Permission.parseTierBits(value.asText());
            }
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("bad_permission", "'permission': " + e.getMessage());
        }
        throw ApiError.badRequest("bad_permission", "'permission' is required: letters of 'prcudxf' such as \"pr\","
                + " or an integer 0..127.");
    }

    /** Named-user entries as JSON: the user's id, the entry's bits and their letters, by user id. */
    static List<Map<String, Object>> userEntries(Map<String, Integer> entries) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String userId : new TreeSet<>(entries.keySet())) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", userId);
            item.put("permission", entries.get(userId));
            item.put("permission_text", Permission.tierLetters(entries.get(userId)));
            out.add(item);
        }
        return out;
    }

    /** Group links as JSON: id, name, the link's group tier and its readable form, by group name. */
    static List<Map<String, Object>> groupLinks(EntityManager em, Map<String, Permission> links) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<String, Permission> link : links.entrySet()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", link.getKey());
            item.put("name", AccountRows.groupById(em, link.getKey()).map(UserGroup::getName).orElse(null));
            Permission groupTier = Permission.of(link.getValue().tierBits(Permission.Tier.GROUP)
                    << Permission.Tier.GROUP.shift());
            item.put("permission", groupTier.mask());
            item.put("permission_text", groupTier.toString(Permission.Tier.GROUP));
            out.add(item);
        }
        out.sort(Comparator.comparing(item -> String.valueOf(item.get("name"))));
        return out;
    }
}
