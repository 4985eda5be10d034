package org.portcullis.filter.authorization;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.portcullis.filter.permission.AccessRule;
import org.portcullis.filter.permission.Permission;
import org.portcullis.filter.permission.Subject;
import org.portcullis.filter.tenancy.Tenant;

/**
 * Writes {@link AccessRule} for one user as a SQL condition on a host's rows, so that the database
 * keeps only the rows the rule would allow: owner tier if the user owns the instance; else the
 * user's named-user entry on it, if there is one (it alone decides, more or less than the groups);
 * else group tier if one of the user's groups is linked to it (allowed when any such link has the
 * bit, which is the union); else guest tier. A row of the host with no permission row is never allowed,
 * nor one whose permission row is another tenant's: this is native SQL, which EclipseLink's tenant
 * filter does not reach, so the tenant is a predicate of its own (the one reviewed exception of rule 5).
 *
 * <p>Only ANSI {@code EXISTS}, {@code CONCAT} and {@code MOD} are used, so the same text runs on
 * H2, PostgreSQL and MariaDB: a bit is tested as {@code MOD(mask, 2·bit) >= bit}, since H2 lacks
 * {@code &} and MariaDB's {@code /} is not integer division.
 */
final class FilterSql {

    /**
     * A qualified column, {@code alias.column}. Qualified because inside our subquery an
     * unqualified {@code id} would mean our own table's {@code id}, silently matching nothing.
     */
    private static final Pattern ID_COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}\\.[A-Za-z_][A-Za-z0-9_]{0,63}");
    /** Our aliases; a host alias of the same name would be hidden by them inside the subquery. */
    private static final String ROW = "portcullis_p";
    private static final String LINK = "portcullis_g";
    private static final String ENTRY = "portcullis_u";

    private FilterSql() {
    }

    /**
     * @throws IllegalArgumentException unless {@code idColumn} is {@code alias.column} in plain
     *     letters, digits and underscores, with an alias that is not one of ours
     */
    static String checkedIdColumn(String idColumn) {
        if (idColumn == null || !ID_COLUMN.matcher(idColumn).matches()) {
            throw new IllegalArgumentException("id column must be a qualified column such as 'n.id' (letters, digits,"
                    + " '_'; no quotes, casts or expressions; Portcullis converts it to text itself), not '"
                    + idColumn + "'");
        }
        if (idColumn.toLowerCase(Locale.ROOT).startsWith("portcullis_")) {
            throw new IllegalArgumentException("id column '" + idColumn + "': the alias prefix 'portcullis_' is reserved");
        }
        return idColumn;
    }

    /**
     * The condition for a signed-in user who is not an administrator, or a guest, that entity-level
     * rules already let at the entity.
     *
     * @param idColumn checked with {@link #checkedIdColumn}
     */
    static ReadableFilter forSubject(String tablePrefix, Tenant tenant, String entity, Subject subject, String idColumn,
                                     Permission.Action action) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder(640)
                .append("EXISTS (SELECT 1 FROM ").append(tablePrefix).append("instance_permission ").append(ROW);
        if (!subject.isGuest()) {
            // At most one entry per row and user (a unique key): the join adds no row, only the entry's bits.
            parameters.add(subject.userId());
            sql.append(" LEFT JOIN ").append(tablePrefix).append("instance_user ").append(ENTRY).append(" ON ")
                    .append(ENTRY).append(".instance_permission_id = ").append(ROW).append(".id AND ").append(ENTRY)
                    .append(".user_id = ?");
        }
        // The tenant first: the rows of another tenant's note/42 are never the host's row's, whatever their bits.
        parameters.add(tenant.code());
        parameters.add(entity);
        sql.append(" WHERE ").append(ROW).append(".tenant_id = ? AND ").append(ROW).append(".entity_name = ? AND ").append(ROW)
                // CONCAT turns a numeric or UUID id into the text that instance_id holds, on every database.
                .append(".instance_id = CONCAT('', ").append(idColumn).append(") AND (");
        String guestTier = bitSet(ROW, Permission.Tier.GUEST, action);
        if (subject.isGuest()) {
            sql.append(guestTier);
        } else {
            parameters.add(subject.userId());
            parameters.add(subject.userId());
            // Owner tier if they own it; else their entry, if there is one; else the groups and the guest tier.
            sql.append('(').append(ROW).append(".owner_id = ? AND ").append(bitSet(ROW, Permission.Tier.OWNER, action))
                    .append(") OR ((").append(ROW).append(".owner_id IS NULL OR ").append(ROW)
                    .append(".owner_id <> ?) AND ((").append(ENTRY).append(".id IS NOT NULL AND ")
                    .append(bitSet(ENTRY, Permission.Tier.GUEST, action)).append(") OR (").append(ENTRY)
                    .append(".id IS NULL AND ");
            List<String> groups = new ArrayList<>(new TreeSet<>(subject.groupIds()));
            if (groups.isEmpty()) {
                sql.append(guestTier);
            } else {
                // The guest tier's bit is tested before its NOT EXISTS: in the usual case (no guest bit)
                // that skips one of the two subqueries for every row a listing looks at (see BENCHMARKS.md).
                String linked = linkedTo(tablePrefix, groups.size());
                sql.append("((").append(guestTier).append(" AND NOT EXISTS (").append(linked).append(")) OR EXISTS (")
                        .append(linked).append(" AND ").append(bitSet(LINK, Permission.Tier.GROUP, action)).append("))");
                parameters.addAll(groups);
                parameters.addAll(groups);
            }
            sql.append(")))");
        }
        return new ReadableFilter(sql.append("))").toString(), parameters);
    }

    /** The links of the row to any of {@code count} groups, bound as parameters. */
    private static String linkedTo(String tablePrefix, int count) {
        return "SELECT 1 FROM " + tablePrefix + "instance_group " + LINK + " WHERE " + LINK + ".instance_permission_id = "
                + ROW + ".id AND " + LINK + ".group_id IN (" + "?,".repeat(count - 1) + "?)";
    }

    /**
     * Whether {@code action}'s bit of {@code tier} is set in the alias's permission column; a named-user
     * entry holds one tier's bits alone, which is the guest tier's place (shift 0).
     */
    private static String bitSet(String alias, Permission.Tier tier, Permission.Action action) {
        int bit = action.bit() << tier.shift();
        return "MOD(" + alias + ".permission, " + 2 * bit + ") >= " + bit;
    }
}
