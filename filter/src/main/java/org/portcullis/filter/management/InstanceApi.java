package org.portcullis.filter.management;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.persistence.EntityManager;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.portcullis.filter.identity.Identity;
import org.portcullis.filter.permission.AccessRow;
import org.portcullis.filter.permission.AccessRule;
import org.portcullis.filter.permission.Permission;
import org.portcullis.filter.permission.Subject;
import org.portcullis.filter.persistence.AccountRows;
import org.portcullis.filter.persistence.Change;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.persistence.ImpliedRows;
import org.portcullis.filter.persistence.PermissionEdits;
import org.portcullis.filter.persistence.PermissionStore;
import org.portcullis.filter.web.ApiError;
import org.portcullis.filter.web.Responses;

/**
 * One instance's permission in JSON:API: who owns it, its owner and guest tiers, the groups it is
 * shared with, each with its own group tier, and its named-user entries, each one user's bits.
 * <pre>
 *   GET    /api/instance/&lt;entity&gt;/&lt;id&gt;                    whoever may Read it
 *   PATCH  /api/instance/&lt;entity&gt;/&lt;id&gt;                    its owner or an administrator;
 *          {"data":{"type":"instance","attributes":{"permission":"owner:prcudxf guest:","owner":"&lt;user id&gt;"}}}
 *   PUT    /api/instance/&lt;entity&gt;/&lt;id&gt;/groups/&lt;group id&gt;  whoever may Refer it, to a group they can see,
 *          at most what they may do themselves unless they own it;
 *          {"data":{"type":"usergroup","attributes":{"permission":"group:pr"}}}
 *   DELETE /api/instance/&lt;entity&gt;/&lt;id&gt;/groups/&lt;group id&gt;  whoever may Refer it
 *   PUT    /api/instance/&lt;entity&gt;/&lt;id&gt;/users/&lt;user id&gt;    whoever may Refer it, at most what they may
 *          do themselves unless they own it; {"permission":"pr"} (one tier's letters or 0..127)
 *   DELETE /api/instance/&lt;entity&gt;/&lt;id&gt;/users/&lt;user id&gt;    whoever may Refer it, if the user gets no more
 *          without the entry than they may do themselves (the owner and administrators always)
 * </pre>
 * For a host entity the entity's {@code world} row must let the caller Peek too, as for a guarded
 * request; an instance the caller may not Peek does not exist for them (404). AccountRows and groups
 * ({@code user_account}, {@code usergroup}) are instances too, with the rows {@link ImpliedRows}
 * describes. A change holds from the next request on this node.
 */
public final class InstanceApi {

    /** Path of the resource. */
    public static final String PATH = "/api/instance";
    private static final String TYPE = "instance";
    private static final List<String> ATTRIBUTES = List.of("permission", "owner");

    private final Database database;
    private final int maxBodyBytes;
    private final ImpliedRows own;

    public InstanceApi(Database database, int maxBodyBytes, ImpliedRows own) {
        this.database = database;
        this.maxBodyBytes = maxBodyBytes;
        this.own = own;
    }

    public void serve(String path, HttpServletRequest request, HttpServletResponse response, Identity identity)
            throws IOException {
        JsonApi.signedIn(identity);
        String[] rest = path.equals(PATH) ? new String[0] : path.substring(PATH.length() + 1).split("/", -1);
        String method = request.getMethod();
        if (rest.length == 2) {
            String entity = rest[0];
            String id = rest[1];
            if (method.equals("GET") || method.equals("HEAD")) {
                Responses.json(request, response, 200, Map.of("data", show(entity, id, identity)));
            } else if (method.equals("PATCH")) {
                Responses.json(request, response, 200, Map.of("data", patch(entity, id, request, identity)));
            } else {
                throw JsonApi.methodNotAllowed("GET, HEAD, PATCH");
            }
        } else if (rest.length == 4 && rest[2].equals("groups")) {
            if (method.equals("PUT")) {
                Permission permission = JsonApi.groupLinkPermission(request, maxBodyBytes);
                Responses.json(request, response, 200,
                        Map.of("data", share(rest[0], rest[1], rest[3], permission, identity)));
            } else if (method.equals("DELETE")) {
                unshare(rest[0], rest[1], rest[3], identity);
                response.setStatus(204);
                response.setHeader("Cache-Control", "no-store");
            } else {
                throw JsonApi.methodNotAllowed("PUT, DELETE");
            }
        } else if (rest.length == 4 && rest[2].equals("users")) {
            if (method.equals("PUT")) {
                int bits = JsonApi.userEntryBits(request, maxBodyBytes);
                Responses.json(request, response, 200,
                        Map.of("data", grant(rest[0], rest[1], rest[3], bits, identity)));
            } else if (method.equals("DELETE")) {
                revoke(rest[0], rest[1], rest[3], identity);
                response.setStatus(204);
                response.setHeader("Cache-Control", "no-store");
            } else {
                throw JsonApi.methodNotAllowed("PUT, DELETE");
            }
        } else {
            throw JsonApi.notFound("resource; use " + PATH + "/<entity>/<id>");
        }
    }

    private Map<String, Object> show(String entity, String id, Identity identity) {
        return database.read(em -> {
            Subject subject = PermissionStore.subject(em, identity.userId());
            AccessRow row = visibleRow(em, subject, entity, id);
            if (!AccessRule.allows(subject, row, Permission.Action.READ)) {
                throw ApiError.forbidden("forbidden", "Seeing who has access needs the Read permission on it.");
            }
            return resource(em, entity, id, row);
        });
    }

    private Map<String, Object> patch(String entity, String id, HttpServletRequest request, Identity identity)
            throws IOException {
        JsonNode data = JsonApi.data(request, maxBodyBytes, TYPE);
        JsonNode attributes = JsonApi.attributes(data, ATTRIBUTES);
        Permission permission = JsonApi.permission(attributes, "permission");
        if (permission != null && !permission.within(Permission.Tier.OWNER, Permission.Tier.GUEST)) {
            throw ApiError.badRequest("bad_permission", "An instance's own permission holds its owner and guest"
                    + " tiers; give a group its tier with PUT " + PATH + "/" + entity + "/" + id + "/groups/<group id>.");
        }
        JsonNode ownerNode = attributes.get("owner");
        if (ownerNode != null && !ownerNode.isTextual()) {
            throw ApiError.badRequest("bad_request", "'owner' must be a user id as a string.");
        }
        String newOwner = ownerNode == null ? null : ownerNode.asText();
        return database.inTransaction(Change.instance(entity, id), em -> {
            Subject subject = PermissionStore.subject(em, identity.userId());
            AccessRow row = visibleRow(em, subject, entity, id);
            boolean owner = AccessRule.owns(subject, row);
            if (!owner && !subject.administrator()) {
                throw ApiError.forbidden("forbidden", "Only the owner or an administrator changes this instance's"
                        + " permission or owner.");
            }
            if (newOwner != null && !newOwner.equals(row.ownerId())) {
                requireTransferable(em, entity, id);
            }
            writable(em, entity, id, row);
            if (permission != null) {
                PermissionEdits.setInstancePermission(em, entity, id, permission);
            }
            if (newOwner != null && !newOwner.equals(row.ownerId())) {
                if (AccountRows.userById(em, newOwner).isEmpty()) {
                    throw ApiError.badRequest("unknown_user", "There is no user with id '" + newOwner + "'.");
                }
                PermissionStore.transfer(em, entity, id, newOwner);
            }
            em.flush();
            em.clear();
            return resource(em, entity, id, PermissionStore.instance(em, entity, id).orElseThrow());
        });
    }

    private Map<String, Object> share(String entity, String id, String groupId, Permission permission,
                                      Identity identity) {
        return give(entity, id, identity, "a group", permission.tierBits(Permission.Tier.GROUP), (em, subject) -> {
            AccessRow group = own.row(em, ImpliedRows.GROUP_ENTITY, groupId).orElse(null);
            if (!AccessRule.allows(subject, group, Permission.Action.PEEK)) {
                throw JsonApi.notFound("group");
            }
            PermissionStore.link(em, entity, id, groupId, permission);
        });
    }

    private void unshare(String entity, String id, String groupId, Identity identity) {
        database.inTransaction(Change.instance(entity, id), em -> {
            Subject subject = PermissionStore.subject(em, identity.userId());
            AccessRow row = referableRow(em, subject, entity, id);
            if (!row.groupLinks().containsKey(groupId)) {
                throw JsonApi.notFound("group link");
            }
            writable(em, entity, id, row);
            PermissionEdits.unlink(em, entity, id, groupId);
            return null;
        });
    }

    /** Gives one user a named-user entry of {@code bits}, or replaces its bits. */
    private Map<String, Object> grant(String entity, String id, String userId, int bits, Identity identity) {
        return give(entity, id, identity, "a user", bits, (em, subject) -> {
            if (AccountRows.userById(em, userId).isEmpty()) {
                throw JsonApi.notFound("user");
            }
            PermissionEdits.setInstanceUser(em, entity, id, userId, bits);
        });
    }

    /**
     * What a group link and a named-user entry share: whoever may Refer the instance gives {@code bits},
     * at most what they may do themselves unless they own it; {@code edit} checks its target and writes
     * on a stored row. 200 and the instance.
     */
    private Map<String, Object> give(String entity, String id, Identity identity, String whom, int bits,
                                     BiConsumer<EntityManager, Subject> edit) {
        return database.inTransaction(Change.instance(entity, id), em -> {
            Subject subject = PermissionStore.subject(em, identity.userId());
            AccessRow row = referableRow(em, subject, entity, id);
            if (!AccessRule.mayGrant(subject, row, bits)) {
                throw ApiError.forbidden("forbidden", "You may give " + whom + " only what you may do yourself: '"
                        + Permission.tierLetters(AccessRule.grantedBits(subject, row)) + "'.");
            }
            writable(em, entity, id, row);
            edit.accept(em, subject);
            em.flush();
            em.clear();
            return resource(em, entity, id, PermissionStore.instance(em, entity, id).orElseThrow());
        });
    }

    /** Takes one user's named-user entry away: that user is decided by their groups again. */
    private void revoke(String entity, String id, String userId, Identity identity) {
        database.inTransaction(Change.instance(entity, id), em -> {
            Subject subject = PermissionStore.subject(em, identity.userId());
            AccessRow row = referableRow(em, subject, entity, id);
            if (!row.userEntries().containsKey(userId)) {
                throw JsonApi.notFound("user entry");
            }
            if (!AccessRule.mayRemoveEntry(subject, row, PermissionStore.subject(em, userId))) {
                throw ApiError.forbidden("forbidden", "Without this entry the user could do more than you may do"
                        + " yourself; only the owner or an administrator removes it.");
            }
            PermissionEdits.removeInstanceUser(em, entity, id, userId);
            return null;
        });
    }

    /**
     * The instance's row if {@code subject} may Peek it (and, for a host entity, its entity);
     * 404 otherwise, so that an instance one may not see cannot be told from one that does not exist.
     */
    private AccessRow visibleRow(EntityManager em, Subject subject, String entity, String id) {
        if (entity.equals("world") || PermissionStore.world(em, entity).isEmpty()) {
            throw JsonApi.notFound("entity");
        }
        boolean entityPeek = ImpliedRows.isOwn(entity)
                || AccessRule.allows(subject, PermissionStore.world(em, entity).orElse(null), Permission.Action.PEEK);
        AccessRow row = own.row(em, entity, id).orElse(null);
        if (row == null || !entityPeek || !AccessRule.allows(subject, row, Permission.Action.PEEK)) {
            throw JsonApi.notFound("instance");
        }
        return row;
    }

    private AccessRow referableRow(EntityManager em, Subject subject, String entity, String id) {
        AccessRow row = visibleRow(em, subject, entity, id);
        if (!AccessRule.allows(subject, row, Permission.Action.REFER)) {
            throw ApiError.forbidden("forbidden", "Sharing this instance needs the Refer permission on it.");
        }
        return row;
    }

    /** Makes sure the instance has a stored row to change (an account's or group's may be implied), locked. */
    private static void writable(EntityManager em, String entity, String id, AccessRow row) {
        if (PermissionStore.lockInstance(em, entity, id).isEmpty()) {
            PermissionEdits.materialize(em, entity, id, row);
        }
    }

    private static void requireTransferable(EntityManager em, String entity, String id) {
        if (ImpliedRows.ACCOUNT_ENTITY.equals(entity)) {
            throw ApiError.conflict("fixed_owner", "An account always belongs to its user.");
        }
        if (ImpliedRows.GROUP_ENTITY.equals(entity)
                && AccountRows.groupById(em, id).map(g -> g.getOwnerId() != null).orElse(false)) {
            throw ApiError.conflict("fixed_owner", "A personal group always belongs to its user.");
        }
    }

    private static Map<String, Object> resource(EntityManager em, String entity, String id, AccessRow row) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("entity_name", entity);
        attributes.put("instance_id", id);
        attributes.put("owner", row.ownerId());
        Permission own = Permission.of(row.permission().mask()
                & ~(Permission.ALL.tierBits(Permission.Tier.GROUP) << Permission.Tier.GROUP.shift()));
        attributes.put("permission", own.mask());
        attributes.put("permission_text", own.toString());
        attributes.put("groups", JsonApi.groupLinks(em, row.groupLinks()));
        attributes.put("users", JsonApi.userEntries(row.userEntries()));
        return JsonApi.resource(TYPE, entity + "/" + id, attributes);
    }
}
