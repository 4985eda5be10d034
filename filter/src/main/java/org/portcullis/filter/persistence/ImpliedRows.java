package org.portcullis.filter.persistence;

import jakarta.persistence.EntityManager;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.portcullis.filter.permission.AccessRow;
import org.portcullis.filter.permission.Permission;
import org.portcullis.model.UserAccount;
import org.portcullis.model.UserGroup;

/**
 * The instance rows of Portcullis' own accounts and groups. Until someone changes one through the
 * management API such a row is implied, so that no account or group is ever without one:
 * <ul>
 *   <li>an account: owned by its user, {@link #ACCOUNT} ({@code owner:prcudxf guest:f}) — anyone may
 *       Refer to it, i.e. add it to a group they may Refer to; the user may take that away;</li>
 *   <li>a group a user made: owned by its maker, linked to itself with {@link #SHARED_GROUP_LINK}
 *       ({@code group:prf}) — its members see it and may add and remove members;</li>
 *   <li>a group Portcullis seeds ({@code administrators}, {@code users}, {@code default.groups}): no
 *       owner, linked to itself with {@link #MEMBERS_SEE} ({@code group:pr}) — only administrators
 *       change its members;</li>
 *   <li>a personal group: owned by its user, linked to itself with {@link #MEMBERS_SEE}.</li>
 * </ul>
 * A stored row, once written, wins over the implied one.
 */
public final class ImpliedRows {

    public static final String ACCOUNT_ENTITY = "user_account";
    public static final String GROUP_ENTITY = "usergroup";

    public static final Permission ACCOUNT = Permission.parse("owner:prcudxf guest:f");
    public static final Permission OWNED_GROUP = Permission.parse("owner:prcudxf");
    public static final Permission SHARED_GROUP_LINK = Permission.parse("group:prf");
    public static final Permission MEMBERS_SEE = Permission.parse("group:pr");

    private final Set<String> seededGroups;

    /** @param seededGroups the groups Portcullis seeds: {@link Bootstrap#builtInGroups} */
    public ImpliedRows(Set<String> seededGroups) {
        this.seededGroups = Set.copyOf(seededGroups);
    }

    /** Whether instances of {@code entity} may have an implied row. */
    public static boolean isOwn(String entity) {
        return ACCOUNT_ENTITY.equals(entity) || GROUP_ENTITY.equals(entity);
    }

    /** The stored row of any instance, else the implied row of an account or group that exists. */
    public Optional<AccessRow> row(EntityManager em, String entity, String instanceId) {
        Optional<AccessRow> stored = PermissionStore.instance(em, entity, instanceId);
        return stored.isPresent() ? stored : implied(em, entity, instanceId);
    }

    /** Whether the row that {@link #row} answers is stored rather than implied. */
    public static boolean stored(EntityManager em, String entity, String instanceId) {
        return PermissionStore.instance(em, entity, instanceId).isPresent();
    }

    /** The row an account or group has before anyone changes it; empty for anything else. */
    public Optional<AccessRow> implied(EntityManager em, String entity, String instanceId) {
        if (ACCOUNT_ENTITY.equals(entity)) {
            return Optional.ofNullable(em.find(UserAccount.class, instanceId))
                    .map(user -> new AccessRow(user.getId(), ACCOUNT, Map.of()));
        }
        if (GROUP_ENTITY.equals(entity)) {
            return Optional.ofNullable(em.find(UserGroup.class, instanceId)).map(this::impliedGroup);
        }
        return Optional.empty();
    }

    /** The row a group a user just made gets: owned by its maker, members may add and remove members. */
    public static AccessRow newGroup(String groupId, String makerId) {
        return new AccessRow(makerId, OWNED_GROUP, Map.of(groupId, SHARED_GROUP_LINK));
    }

    private AccessRow impliedGroup(UserGroup group) {
        if (group.getOwnerId() != null) {
            return new AccessRow(group.getOwnerId(), OWNED_GROUP, Map.of(group.getId(), MEMBERS_SEE));
        }
        Permission members = seededGroups.contains(group.getName()) ? MEMBERS_SEE : SHARED_GROUP_LINK;
        return new AccessRow(null, Permission.NONE, Map.of(group.getId(), members));
    }
}
