package org.portcullis.filter.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.portcullis.filter.actions.ApiError;
import org.portcullis.filter.identity.Identity;
import org.portcullis.filter.persistence.AccessCache;
import org.portcullis.filter.persistence.Accounts;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.web.Responses;
import org.portcullis.model.UserAccount;

/**
 * {@code GET /api/user_account[/<id>]} in JSON:API: a user sees their own account, an
 * administrator sees every account, a guest sees none. A password or hash is never returned.
 */
public final class UserAccountApi {

    /** Path of the collection. */
    public static final String PATH = "/api/user_account";
    /** Largest page an administrator may ask for. */
    public static final int MAX_PAGE_SIZE = 200;

    private final Database database;
    private final AccessCache access;

    public UserAccountApi(Database database, AccessCache access) {
        this.database = database;
        this.access = access;
    }

    /** Whether {@code path} is this resource or one of its members. */
    public static boolean handles(String path) {
        return JsonApi.covers(path, PATH);
    }

    public void serve(String path, HttpServletRequest request, HttpServletResponse response, Identity identity)
            throws IOException {
        try {
            if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
                response.setHeader("Allow", "GET, HEAD");
                throw new ApiError(405, "method_not_allowed", "This resource is read-only here.");
            }
            if (identity.isGuest()) {
                throw ApiError.notSignedIn();
            }
            String me = identity.userId().orElseThrow();
            Object body = path.equals(PATH) ? list(request, me) : one(path.substring(PATH.length() + 1), me);
            Responses.json(request, response, 200, body);
        } catch (ApiError error) {
            JsonApi.error(request, response, error);
        }
    }

    private Map<String, Object> list(HttpServletRequest request, String me) {
        int size = pageParameter(request, "page[size]", 50, MAX_PAGE_SIZE);
        int number = pageParameter(request, "page[number]", 1, Integer.MAX_VALUE / MAX_PAGE_SIZE);
        boolean administrator = access.subject(me).administrator();
        List<UserAccount> users = database.read(em -> {
            if (administrator) {
                return Accounts.users(em, (number - 1) * size, size);
            }
            return number == 1 ? Accounts.userById(em, me).stream().toList() : List.<UserAccount>of();
        });
        return Map.of("data", users.stream().map(UserAccountApi::resource).toList());
    }

    private Map<String, Object> one(String id, String me) {
        boolean administrator = access.subject(me).administrator();
        Optional<UserAccount> user = database.read(em -> {
            if (!id.equals(me) && !administrator) {
                return Optional.<UserAccount>empty(); // not yours: as if it did not exist
            }
            return Accounts.userById(em, id);
        });
        return Map.of("data", resource(user.orElseThrow(
                () -> new ApiError(404, "not_found", "There is no such user account."))));
    }

    private static int pageParameter(HttpServletRequest request, String name, int fallback, int max) {
        String value = request.getParameter(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= 1 && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiError.badRequest("bad_request", "'" + name + "' must be a whole number from 1 to " + max + ".");
    }

    private static Map<String, Object> resource(UserAccount user) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("email", user.getEmail());
        attributes.put("name", user.getName());
        attributes.put("status", user.getStatus().name().toLowerCase(java.util.Locale.ROOT));
        attributes.put("created_at", String.valueOf(user.getCreatedAt()));
        attributes.put("updated_at", String.valueOf(user.getUpdatedAt()));
        return JsonApi.resource("user_account", user.getId(), attributes);
    }
}
