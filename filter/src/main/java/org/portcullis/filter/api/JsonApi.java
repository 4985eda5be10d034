package org.portcullis.filter.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.portcullis.filter.actions.ApiError;
import org.portcullis.filter.web.Json;
import org.portcullis.filter.web.RequestBody;
import org.portcullis.filter.web.Responses;

/**
 * The JSON:API shapes the management resources share: a resource object, the error document
 * {@code {"errors":[{"status","code","title"}]}}, and reading a request's {@code data} object with
 * the body-size and JSON limits every body gets.
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

    static void error(HttpServletRequest request, HttpServletResponse response, ApiError error) throws IOException {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("status", Integer.toString(error.status()));
        item.put("code", error.code());
        item.put("title", error.getMessage());
        Responses.json(request, response, error.status(), Map.of("errors", List.of(item)));
    }

    /** Whether {@code path} is the collection {@code collection} or lies below it. */
    static boolean covers(String path, String collection) {
        return path.equals(collection) || path.startsWith(collection + "/");
    }

    static ApiError notFound(String what) {
        return new ApiError(404, "not_found", "There is no such " + what + ".");
    }

    static ApiError methodNotAllowed(HttpServletResponse response, String allow) {
        response.setHeader("Allow", allow);
        return new ApiError(405, "method_not_allowed", "Use " + allow + " here.");
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
}
