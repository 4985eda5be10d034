package org.portcullis.filter.management;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.persistence.EntityManager;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.portcullis.filter.identity.Identity;
import org.portcullis.filter.permission.AccessRule;
import org.portcullis.filter.permission.Permission;
import org.portcullis.filter.permission.Subject;
import org.portcullis.filter.persistence.AccessCache;
import org.portcullis.filter.persistence.AccountRows;
import org.portcullis.filter.persistence.Change;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.persistence.DatabaseUnavailableException;
import org.portcullis.filter.persistence.ImpliedRows;
import org.portcullis.filter.persistence.PermissionEdits;
import org.portcullis.filter.persistence.PermissionStore;
import org.portcullis.filter.web.ApiError;
import org.portcullis.filter.web.Responses;
import org.portcullis.model.GroupMembership;
import org.portcullis.model.UserAccount;
import org.portcullis.model.UserGroup;

/**
 * Groups and memberships in JSON:API:
 * <pre>
 *   GET    /api/usergroup                          the caller's groups (administrators: all)
 *   POST   /api/usergroup                          a signed-in user makes a shared group and joins it
 *   GET    /api/usergroup/&lt;id&gt;                     one group the caller may see
 *   POST   /api/usergroup/&lt;id&gt;/members             {"data":{"type":"user_account","id":…}}
 *   DELETE /api/usergroup/&lt;id&gt;/members/&lt;userId&gt;
 * </pre>
 * A group is visible to whoever may Peek its {@code usergroup} row (its members, by default) and to
 * administrators; to anyone else it does not exist (404). Adding or removing a member needs the
 * Refer permission on both the group's row and the user's {@code user_account} row, as in Daptin:
 * by default ({@link ImpliedRows}) members may Refer to the groups users made, nobody but
 * administrators to the groups Portcullis seeds ({@code administrators}, {@code users},
 * {@code default.groups}), and anyone to an account. A user may always leave a group; personal
 * groups ({@code user:<id>}) always have exactly their owner; {@code administrators} never loses its
 * last member.
 */
public final class UserGroupApi {

    /** Path of the collection. */
    public static final String PATH = "/api/usergroup";
    private static final String TYPE = "usergroup";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final String PERSONAL_PREFIX = UserGroup.personalGroupName("");

    private final Database database;
    private final AccessCache access;
    private final int maxBodyBytes;
    private final ImpliedRows own;

    public UserGroupApi(Database database, AccessCache access, int maxBodyBytes, ImpliedRows own) {
        this.database = database;
        this.access = access;
        this.maxBodyBytes = maxBodyBytes;
        this.own = own;
    }

    public void serve(String path, HttpServletRequest request, HttpServletResponse response, Identity identity)
            throws IOException {
        JsonApi.signedIn(identity);
        String method = request.getMethod();
        String[] rest = path.equals(PATH) ? new String[0] : path.substring(PATH.length() + 1).split("/", -1);
        if (rest.length == 0) {
            if (method.equals("GET") || method.equals("HEAD")) {
                Responses.json(request, response, 200, Map.of("data", list(identity)));
            } else if (method.equals("POST")) {
                create(request, response, identity);
            } else {
                throw JsonApi.methodNotAllowed("GET, HEAD, POST");
            }
        } else if (rest.length == 1) {
            if (!method.equals("GET") && !method.equals("HEAD")) {
                throw JsonApi.methodNotAllowed("GET, HEAD");
            }
            Responses.json(request, response, 200, Map.of("data", one(rest[0], identity)));
        } else if (rest.length == 2 && rest[1].equals("members")) {
            if (!method.equals("POST")) {
                throw JsonApi.methodNotAllowed("POST");
            }
            addMember(rest[0], request, identity);
            noContent(response);
        } else if (rest.length == 3 && rest[1].equals("members")) {
            if (!method.equals("DELETE")) {
                throw JsonApi.methodNotAllowed("DELETE");
            }
            removeMember(rest[0], rest[2], identity);
            noContent(response);
        } else {
            throw JsonApi.notFound("resource");
        }
    }

    private List<Map<String, Object>> list(Identity identity) {
        Subject subject = access.subject(identity.userId());
        return database.read(em -> {
            List<UserGroup> groups = subject.administrator() ? AccountRows.groups(em)
                    : AccountRows.groupsOf(em, subject.userId());
            return groups.stream().map(UserGroupApi::resource).toList();
        });
    }

    private Map<String, Object> one(String id, Identity identity) {
        Subject subject = access.subject(identity.userId());
        return database.read(em -> {
            UserGroup group = AccountRows.groupById(em, id).filter(g -> visible(em, subject, g))
                    .orElseThrow(() -> JsonApi.notFound("group"));
            return resource(group);
        });
    }

    private void create(HttpServletRequest request, HttpServletResponse response, Identity identity)
            throws IOException {
        JsonNode attributes = JsonApi.attributes(JsonApi.data(request, maxBodyBytes, TYPE), List.of("name"));
        JsonNode nameNode = attributes.path("name");
        String name = nameNode.isTextual() ? nameNode.asText() : "";
        if (!NAME.matcher(name).matches() || name.toLowerCase(Locale.ROOT).startsWith(PERSONAL_PREFIX)) {
            throw ApiError.badRequest("bad_name", "'name' must be 1 to 100 letters, digits, '_', '.' or '-',"
                    + " not starting with '" + PERSONAL_PREFIX + "'.");
        }
        UserGroup created;
        try {
            created = database.inTransaction(Change.user(identity.userId().orElseThrow()), em -> {
                if (nameTaken(em, name)) {
                    throw ApiError.conflict("name_taken", "A group with this name exists.");
                }
                UserGroup group = new UserGroup(name, null);
                em.persist(group);
                String maker = identity.userId().orElseThrow();
                em.persist(new GroupMembership(maker, group.getId()));
                PermissionEdits.materialize(em, ImpliedRows.GROUP_ENTITY, group.getId(),
                        ImpliedRows.newGroup(group.getId(), maker));
                return group;
            });
        } catch (DatabaseUnavailableException raced) {
            // Another request made the same name between our check and our insert: the unique key refused ours.
            if (database.read(em -> nameTaken(em, name))) {
                throw ApiError.conflict("name_taken", "A group with this name exists.");
            }
            throw raced;
        }
        response.setHeader("Location", request.getContextPath() + PATH + "/" + created.getId());
        Responses.json(request, response, 201, Map.of("data", resource(created)));
    }

    /** Names compare without regard to case on every database, as MariaDB's default collation would anyway. */
    private static boolean nameTaken(EntityManager em, String name) {
        return em.createQuery("select count(g) from UserGroup g where lower(g.name) = :name", Long.class)
                .setParameter("name", name.toLowerCase(Locale.ROOT)).getSingleResult() > 0;
    }

    private void addMember(String groupId, HttpServletRequest request, Identity identity) throws IOException {
        JsonNode data = JsonApi.data(request, maxBodyBytes, "user_account");
        JsonApi.attributes(data, List.of());
        JsonNode idNode = data.path("id");
        if (!idNode.isTextual()) {
            throw ApiError.badRequest("bad_request", "'data.id' must be the user's id as a string.");
        }
        String userId = idNode.asText();
        database.inTransaction(Change.user(userId), em -> {
            Subject subject = PermissionStore.subject(em, identity.userId());
            UserGroup group = changeableGroup(em, groupId, subject);
            requireGroupRefer(em, subject, group);
            UserAccount user = AccountRows.userById(em, userId).orElseThrow(() -> JsonApi.notFound("user account"));
            requireAccountRefer(em, subject, userId);
            if (AccountRows.membership(em, userId, group.getId()).isPresent()) {
                throw ApiError.conflict("already_member", "The user is already a member of this group.");
            }
            AccountRows.addMember(em, user, group);
            return null;
        });
    }

    private void removeMember(String groupId, String userId, Identity identity) {
        database.inTransaction(Change.user(userId), em -> {
            Subject subject = PermissionStore.subject(em, identity.userId());
            UserGroup group = changeableGroup(em, groupId, subject);
            if (!userId.equals(subject.userId())) {
                requireGroupRefer(em, subject, group);
                requireAccountRefer(em, subject, userId);
            }
            GroupMembership membership = AccountRows.membership(em, userId, group.getId())
                    .orElseThrow(() -> JsonApi.notFound("member of this group"));
            if (UserGroup.ADMINISTRATORS.equals(group.getName()) && AccountRows.memberCount(em, group.getId()) <= 1) {
                throw ApiError.conflict("last_administrator", "The last administrator cannot be removed.");
            }
            em.remove(membership);
            return null;
        });
    }

    /** The group locked for a membership change; 404 unless visible, 409 for a personal group. */
    private UserGroup changeableGroup(EntityManager em, String groupId, Subject subject) {
        UserGroup group = AccountRows.lockGroup(em, groupId).filter(g -> visible(em, subject, g))
                .orElseThrow(() -> JsonApi.notFound("group"));
        if (group.getOwnerId() != null) {
            throw ApiError.conflict("personal_group", "A personal group has its owner as its only member.");
        }
        return group;
    }

    private boolean visible(EntityManager em, Subject subject, UserGroup group) {
        return AccessRule.allows(subject, own.row(em, ImpliedRows.GROUP_ENTITY, group.getId()).orElse(null),
                Permission.Action.PEEK);
    }

    private void requireGroupRefer(EntityManager em, Subject subject, UserGroup group) {
        if (!AccessRule.allows(subject, own.row(em, ImpliedRows.GROUP_ENTITY, group.getId()).orElse(null),
                Permission.Action.REFER)) {
            throw ApiError.forbidden("forbidden", "Changing the members of '" + group.getName()
                    + "' needs the Refer permission on the group.");
        }
    }

    private void requireAccountRefer(EntityManager em, Subject subject, String userId) {
        if (!AccessRule.allows(subject, own.row(em, ImpliedRows.ACCOUNT_ENTITY, userId).orElse(null),
                Permission.Action.REFER)) {
            throw ApiError.forbidden("forbidden", "This user does not let you add or remove them (no Refer"
                    + " permission on the account).");
        }
    }

    private static void noContent(HttpServletResponse response) {
        response.setStatus(204);
        response.setHeader("Cache-Control", "no-store");
    }

    private static Map<String, Object> resource(UserGroup group) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", group.getName());
        attributes.put("personal", group.getOwnerId() != null);
        return JsonApi.resource(TYPE, group.getId(), attributes);
    }
}
