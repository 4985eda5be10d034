package org.portcullis.filter.management;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.portcullis.filter.identity.Identity;
import org.portcullis.filter.persistence.AccessCache;
import org.portcullis.filter.persistence.AccountRows;
import org.portcullis.filter.persistence.Change;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.persistence.PermissionStore;
import org.portcullis.filter.web.ApiError;
import org.portcullis.filter.web.Responses;
import org.portcullis.model.UserAccount;
import org.portcullis.model.UserStatus;

/**
 * {@code GET /api/user_account[/<id>]} in JSON:API: a user sees their own account, an
 * administrator sees every account, a guest sees none. A password or hash is never returned.
 * {@code PATCH /api/user_account/<id>} with {@code {"data":{"type":"user_account","attributes":{"status":"disabled"}}}}
 * lets an administrator disable (or enable again) another user's account: a disabled account
 * cannot sign in and its tokens are refused from the next request (within {@code cache.ttl} on
 * other nodes).
 */
public final class UserAccountApi {

    /** Path of the collection. */
    public static final String PATH = "/api/user_account";
    /** Largest page an administrator may ask for. */
    public static final int MAX_PAGE_SIZE = 200;
    /** A status change is a few dozen bytes. */
    private static final int MAX_PATCH_BYTES = 4096;

    private final Database database;
    private final AccessCache access;
    private final IdentitiesApi identities;

    public UserAccountApi(Database database, AccessCache access) {
        this.database = database;
        this.access = access;
        this.identities = new IdentitiesApi(database, access);
    }

    public void serve(String path, HttpServletRequest request, HttpServletResponse response, Identity identity)
            throws IOException {
        if (IdentitiesApi.serves(path)) { // /api/user_account/<id>/identities
            identities.serve(path, request, response, identity);
            return;
        }
        boolean patch = "PATCH".equals(request.getMethod()) && !path.equals(PATH);
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod()) && !patch) {
            throw JsonApi.methodNotAllowed(path.equals(PATH) ? "GET, HEAD" : "GET, HEAD, PATCH");
        }
        String me = JsonApi.signedIn(identity);
        if (patch) {
            Responses.json(request, response, 200, setStatus(path.substring(PATH.length() + 1), me, request));
            return;
        }
        Object body = path.equals(PATH) ? list(request, me) : one(path.substring(PATH.length() + 1), me);
        Responses.json(request, response, 200, body);
    }

    private Map<String, Object> list(HttpServletRequest request, String me) {
        int size = pageParameter(request, "page[size]", 50, MAX_PAGE_SIZE);
        int number = pageParameter(request, "page[number]", 1, Integer.MAX_VALUE / MAX_PAGE_SIZE);
        boolean administrator = access.subject(me).administrator();
        List<UserAccount> users = database.read(em -> {
            if (administrator) {
                return AccountRows.users(em, (number - 1) * size, size);
            }
            return number == 1 ? AccountRows.userById(em, me).stream().toList() : List.<UserAccount>of();
        });
        return Map.of("data", users.stream().map(UserAccountApi::resource).toList());
    }

    private Map<String, Object> setStatus(String id, String me, HttpServletRequest request) throws IOException {
        JsonNode attributes = JsonApi.attributes(JsonApi.data(request, MAX_PATCH_BYTES, "user_account"),
                List.of("status"));
        String status = attributes.path("status").asText("");
        if (!status.equals("active") && !status.equals("inactive") && !status.equals("disabled")) {
            throw ApiError.badRequest("bad_status", "'status' must be \"active\" or \"inactive\" (\"disabled\" is read as \"inactive\").");
        }
        UserAccount changed = database.inTransaction(Change.user(id), em -> {
            if (!PermissionStore.subject(em, me).administrator()) {
                throw id.equals(me) ? ApiError.forbidden("forbidden", "Only administrators change an account's status.")
                        : JsonApi.notFound("user account");
            }
            if (id.equals(me)) {
                throw ApiError.conflict("own_account", "Administrators cannot disable their own account.");
            }
            UserAccount user = AccountRows.userById(em, id).orElseThrow(() -> JsonApi.notFound("user account"));
            user.setStatus(status.equals("active") ? UserStatus.ACTIVE : UserStatus.INACTIVE);
            return user;
        });
        return Map.of("data", resource(changed));
    }

    private Map<String, Object> one(String id, String me) {
        boolean administrator = access.subject(me).administrator();
        Optional<UserAccount> user = database.read(em -> {
            if (!id.equals(me) && !administrator) {
                return Optional.<UserAccount>empty(); // not yours: as if it did not exist
            }
            return AccountRows.userById(em, id);
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
        attributes.put("username", user.getUsername());
        attributes.put("status", user.getStatus().code());
        attributes.put("created_at", String.valueOf(user.getCreatedAt()));
        attributes.put("updated_at", String.valueOf(user.getUpdatedAt()));
        return JsonApi.resource("user_account", user.getId(), attributes);
    }
}
