package org.portcullis.filter.management;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.portcullis.filter.accounts.AccountLifecycle;
import org.portcullis.filter.accounts.Identities;
import org.portcullis.filter.accounts.ProfileFields;
import org.portcullis.filter.identity.Identity;
import org.portcullis.filter.persistence.AccessCache;
import org.portcullis.filter.persistence.AccountRows;
import org.portcullis.filter.persistence.Change;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.web.ApiError;
import org.portcullis.filter.web.Responses;
import org.portcullis.model.UserAccount;
import org.portcullis.model.UserStatus;

/**
 * {@code GET /api/user_account[/<id>]} in JSON:API: a user sees their own account, an
 * administrator sees every account, a guest sees none. A password or hash is never returned.
 * Deleted accounts are listed only when an administrator asks ({@code filter[status]=deleted} or
 * {@code include_deleted=true}), and are 404 to anyone else.
 * {@code PATCH /api/user_account/<id>} changes an account by {@link AccountEdits}' rules: the user their
 * names and username, an administrator also {@code status}, {@code locked}, {@code api_access} and
 * {@code bo_access}, e.g. {@code {"data":{"type":"user_account","attributes":{"status":"inactive"}}}}: an
 * account that is not active cannot sign in and its tokens are refused from the next request (within
 * {@code cache.ttl} on other nodes).
 * {@code DELETE /api/user_account/<id>} (administrators) deletes it: 204.
 */
public final class UserAccountApi {

    /** Path of the collection. */
    public static final String PATH = "/api/user_account";
    /** Largest page an administrator may ask for. */
    public static final int MAX_PAGE_SIZE = 200;
    /** A PATCH is names, flags and a profile of at most 4,000 characters. */
    private static final int MAX_PATCH_BYTES = 16 * 1024;

    private final Database database;
    private final AccessCache access;
    private final AccountLifecycle lifecycle;
    private final Clock clock;
    private final IdentitiesApi identities;
    private final AccountEdits edits;
    private final ProfileFields profile;
    private final AccountCreationApi creation;

    /**
     * @param usernames {@code usernames.enabled}: a PATCH may set, change or clear the username
     * @param profile   the declared profile fields, shown in the {@code profile} attribute and written by a PATCH
     * @param creation  {@code POST /api/user_account}
     */
    public UserAccountApi(Database database, AccessCache access, AccountLifecycle lifecycle, Identities identities,
                          boolean usernames, Clock clock, ProfileFields profile, AccountCreationApi creation) {
        this.database = database;
        this.access = access;
        this.lifecycle = lifecycle;
        this.clock = clock;
        this.identities = new IdentitiesApi(database, access);
        this.edits = new AccountEdits(lifecycle, identities, usernames, clock, profile);
        this.profile = profile;
        this.creation = creation;
    }

    public void serve(String path, HttpServletRequest request, HttpServletResponse response, Identity identity)
            throws IOException {
        if (IdentitiesApi.serves(path)) { // /api/user_account/<id>/identities
            identities.serve(path, request, response, identity);
            return;
        }
        if (path.equals(PATH) && "POST".equals(request.getMethod())) {
            creation.create(request, response, identity, this::resource);
            return;
        }
        boolean patch = "PATCH".equals(request.getMethod()) && !path.equals(PATH);
        boolean delete = "DELETE".equals(request.getMethod()) && !path.equals(PATH);
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod()) && !patch && !delete) {
            throw JsonApi.methodNotAllowed(path.equals(PATH) ? "GET, HEAD, POST" : "GET, HEAD, PATCH, DELETE");
        }
        String me = JsonApi.signedIn(identity);
        if (delete) {
            delete(path.substring(PATH.length() + 1), me);
            response.setStatus(204);
            return;
        }
        if (patch) {
            Responses.json(request, response, 200, patch(path.substring(PATH.length() + 1), me, request));
            return;
        }
        Object body = path.equals(PATH) ? list(request, me) : one(path.substring(PATH.length() + 1), me);
        Responses.json(request, response, 200, body);
    }

    private Map<String, Object> list(HttpServletRequest request, String me) {
        int size = pageParameter(request, "page[size]", 50, MAX_PAGE_SIZE);
        int number = pageParameter(request, "page[number]", 1, Integer.MAX_VALUE / MAX_PAGE_SIZE);
        boolean administrator = access.subject(me).administrator();
        Set<UserStatus> shown = shownStatuses(request, administrator);
        List<UserAccount> users = database.read(em -> {
            if (administrator) {
                return AccountRows.usersInStatus(em, shown, (number - 1) * size, size);
            }
            return number == 1 ? AccountRows.userById(em, me).filter(u -> shown.contains(u.getStatus())).stream()
                    .toList() : List.<UserAccount>of();
        });
        return Map.of("data", users.stream().map(this::resource).toList());
    }

    private Map<String, Object> patch(String id, String me, HttpServletRequest request) throws IOException {
        AccountEdits.Edit edit = edits.read(JsonApi.data(request, MAX_PATCH_BYTES, "user_account"));
        UserAccount changed = database.inTransaction(Change.user(id), em -> {
            UserAccount user = AccountRows.userById(em, id).orElseThrow(() -> JsonApi.notFound("user account"));
            edits.apply(em, me, user, edit);
            return user;
        });
        return Map.of("data", resource(changed));
    }

    private void delete(String id, String me) {
        database.inTransaction(Change.user(id), em -> {
            UserAccount user = AccountRows.userById(em, id).orElseThrow(() -> JsonApi.notFound("user account"));
            lifecycle.deleteByAdministrator(em, me, user, clock.instant());
            return null;
        });
    }

    /**
     * The statuses a listing shows: {@code filter[status]=<status>} only that one; without it every status but
     * {@code deleted}, unless {@code include_deleted=true}. Deleted accounts are an administrator's alone to see.
     */
    private static Set<UserStatus> shownStatuses(HttpServletRequest request, boolean administrator) {
        String filter = request.getParameter("filter[status]");
        String includeDeleted = request.getParameter("include_deleted");
        if (includeDeleted != null && !includeDeleted.equals("true") && !includeDeleted.equals("false")) {
            throw ApiError.badRequest("bad_request", "'include_deleted' must be true or false.");
        }
        Set<UserStatus> shown = EnumSet.allOf(UserStatus.class);
        if (filter != null) {
            shown = filter.equals(UserStatus.DELETED.code()) ? EnumSet.of(UserStatus.DELETED)
                    : EnumSet.of(AccountLifecycle.parseStatus(filter));
        } else if (!"true".equals(includeDeleted)) {
            shown.remove(UserStatus.DELETED);
        }
        if (!administrator) {
            shown.remove(UserStatus.DELETED);
        }
        return shown;
    }

    private Map<String, Object> one(String id, String me) {
        boolean administrator = access.subject(me).administrator();
        Optional<UserAccount> user = database.read(em -> {
            if (!id.equals(me) && !administrator) {
                return Optional.<UserAccount>empty(); // not yours: as if it did not exist
            }
            return AccountRows.userById(em, id).filter(u -> administrator || u.getStatus() != UserStatus.DELETED);
        });
        return Map.of("data", resource(user.orElseThrow(
                () -> new ApiError(404, "not_found", "There is no such user account."))));
    }

    static int pageParameter(HttpServletRequest request, String name, int fallback, int max) {
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

    private Map<String, Object> resource(UserAccount user) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("email", user.isAnonymous() ? null : user.getEmail()); // the reserved address is no one's
        attributes.put("name", user.getName());
        attributes.put("username", user.getUsername());
        attributes.put("first_name", user.getFirstName());
        attributes.put("last_name", user.getLastName());
        attributes.put("status", user.getStatus().code());
        attributes.put("locked", user.isLocked());
        attributes.put("api_access", user.hasApiAccess());
        attributes.put("bo_access", user.hasBoAccess());
        attributes.put("anonymous", user.isAnonymous());
        attributes.put("profile", profile.read(user.getProfile()));
        attributes.put("invited_by", user.getInvitedBy());
        attributes.put("invitation_metadata", InvitationApi.metadata(user.getInvitationMetadata()));
        user.getDeletedAt().ifPresent(at -> attributes.put("deleted_at", at.toString()));
        attributes.put("created_at", String.valueOf(user.getCreatedAt()));
        attributes.put("updated_at", String.valueOf(user.getUpdatedAt()));
        return JsonApi.resource("user_account", user.getId(), attributes);
    }
}
