package org.portcullis.filter.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.portcullis.filter.identity.Identity;
import org.portcullis.filter.web.ApiError;
import org.portcullis.filter.web.Json;
import org.portcullis.filter.web.RequestBody;
import org.portcullis.filter.web.Responses;

/**
 * Serves {@code POST /action/<entity>/<action>}: reads {@code {"attributes": {...}}}, runs the
 * action, and writes its reply; a refusal is thrown, for the endpoint dispatch to write as the
 * contract's error array with the right status.
 */
public final class ActionDispatcher {

    /** Path prefix of every action. */
    public static final String PREFIX = "/action/";

    private final Map<String, Action> actions = new HashMap<>();
    private final int maxBodyBytes;

    /** @throws IllegalArgumentException when two of {@code actions} share one {@link #key} */
    public ActionDispatcher(List<Action> actions, int maxBodyBytes) {
        for (Action action : actions) {
            Action before = this.actions.putIfAbsent(key(action), action);
            if (before != null) {
                throw new IllegalArgumentException("two actions " + key(action) + ": " + before.getClass().getName()
                        + " and " + action.getClass().getName());
            }
        }
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The part of the path after {@link #PREFIX} that names {@code action}, e.g. {@code user_account/signup}. */
    public static String key(Action action) {
        return action.entity() + "/" + action.name();
    }

    /**
     * Answers one action request; {@code path} is the request's path within the application.
     *
     * @throws ApiError when the action refuses, for the caller to write in the action shape
     *     ({@link org.portcullis.filter.web.ErrorReplies.Shape#ACTION}); database failures propagate too,
     *     for the caller to answer 503
     */
    public void serve(String path, HttpServletRequest request, HttpServletResponse response, Identity identity)
            throws IOException {
        Reply reply = perform(path, request, identity);
        for (String cookie : reply.setCookies()) {
            response.addHeader("Set-Cookie", cookie);
        }
        Responses.json(request, response, reply.status(), reply.items());
    }

    private Reply perform(String path, HttpServletRequest request, Identity identity) throws IOException {
        Action action = actions.get(path.substring(PREFIX.length()));
        if (action == null) {
            throw new ApiError(404, "unknown_action", "There is no such action.");
        }
        if (!"POST".equals(request.getMethod())) {
            throw ApiError.methodNotAllowed("POST", "Actions are called with POST.");
        }
        Attributes attributes = new Attributes(attributesOf(RequestBody.read(request, maxBodyBytes)));
        return action.perform(new ActionRequest(identity, attributes, request.getContextPath(), request.isSecure(),
                request.getRemoteAddr(), cookies(request)));
    }

    private static java.util.Map<String, String> cookies(HttpServletRequest request) {
        jakarta.servlet.http.Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return java.util.Map.of();
        }
        java.util.Map<String, String> byName = new java.util.HashMap<>();
        for (jakarta.servlet.http.Cookie cookie : cookies) {
            byName.putIfAbsent(cookie.getName(), cookie.getValue());
        }
        return byName;
    }

    static ObjectNode attributesOf(byte[] body) throws IOException {
        if (body.length == 0) {
            return JsonNodeFactory.instance.objectNode();
        }
        JsonNode root = Json.read(body);
        if (root == null || root.isMissingNode()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!root.isObject()) {
            throw ApiError.badRequest("bad_request", "The body must be a JSON object {\"attributes\": {...}}.");
        }
        JsonNode attributes = root.get("attributes");
        if (attributes == null || attributes.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!attributes.isObject()) {
            throw ApiError.badRequest("bad_request", "'attributes' must be a JSON object.");
        }
        return (ObjectNode) attributes;
    }
}
