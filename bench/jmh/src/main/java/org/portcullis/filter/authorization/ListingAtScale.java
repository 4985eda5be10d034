package org.portcullis.filter.authorization;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.portcullis.filter.permission.AccessRow;
import org.portcullis.filter.permission.AccessRule;
import org.portcullis.filter.permission.Permission;
import org.portcullis.filter.permission.Subject;
import org.portcullis.filter.tenancy.Tenant;
import org.portcullis.model.PortcullisPersistence;

/**
 * Database-side filtering at scale, for bench/listing-pg: 1,000,000 notes in a host table, each
 * registered in Portcullis' tables, and one user in 10 shared groups (plus their own) asking for the
 * first 50 notes they may read, ordered by id — once with {@link PermissionEngine#readableBy}'s SQL (written
 * by {@link FilterSql}, which is why this class sits in its package), once by loading every permission
 * row and applying {@link AccessRule} in Java.
 *
 * <p>The data (default spacing; the optional arguments OWN_EVERY and SHARE_EVERY change it): notes
 * 1..N; the user owns every 100th; the others belong to 1,000 other users; every
 * note is linked to its owner's own group with the default {@code group:pr}; every 20th note is also
 * shared ({@code group:pr}) with one of 50 team groups (by a hash of the id), 10 of which the user is in. So about 2% of the
 * rows are readable to the user (1% owned, 1% through a team), spread evenly over the ids. The instance
 * permission is the default, {@code owner:prcudxf group:pr guest:p}: a stranger may only peek.
 *
 * <pre>java -cp ... org.portcullis.filter.authorization.ListingAtScale JDBC_URL USER ROWS|drop OUT_DIR [OWN_EVERY SHARE_EVERY]</pre>
 */
public final class ListingAtScale {

    private static final String PREFIX = "pcbench_";
    private static final String NOTE = PREFIX + "host_note";
    private static final String USER = "00000000-0000-4000-8000-000000000001";
    private static final String PERSONAL_GROUP = "g-user";
    private static final int RUNS = 30;

    private ListingAtScale() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        if (args[2].equals("drop")) {
            try (Connection connection = DriverManager.getConnection(url, user, "")) {
                drop(connection);
            }
            return;
        }
        int rows = Integer.parseInt(args[2]);
        Path out = Path.of(args[3]);
        int ownEvery = args.length > 4 ? Integer.parseInt(args[4]) : 100;
        int shareEvery = args.length > 5 ? Integer.parseInt(args[5]) : 20;
        try (Connection connection = DriverManager.getConnection(url, user, "")) {
            seed(connection, rows, ownEvery, shareEvery);
            Subject subject = subject();
            ReadableFilter readable = FilterSql.forSubject(PREFIX, Tenant.DEFAULT, "note", subject, "n.id", Permission.Action.READ);
            String sql = "SELECT n.id, n.text FROM " + NOTE + " n WHERE " + readable.sql() + " ORDER BY n.id LIMIT 50";
            Files.writeString(out.resolve("listing.sql"), sql + "\n-- parameters: " + readable.parameters() + "\n");
            Files.writeString(out.resolve("explain.txt"), explain(connection, sql, readable));

            List<Long> database = null;
            double[] sqlMillis = new double[RUNS];
            for (int i = -5; i < RUNS; i++) {
                long started = System.nanoTime();
                database = firstReadable(connection, sql, readable);
                if (i >= 0) {
                    sqlMillis[i] = (System.nanoTime() - started) / 1e6;
                }
            }
            List<Long> memory = null;
            double[] memoryMillis = new double[2];
            for (int i = 0; i < memoryMillis.length; i++) {
                long started = System.nanoTime();
                memory = firstReadableInMemory(connection, subject);
                if (i >= 0) {
                    memoryMillis[i] = (System.nanoTime() - started) / 1e6;
                }
            }
            if (!database.equals(memory) || database.size() != 50) {
                throw new IllegalStateException("SQL and in-memory filtering disagree: " + database + " vs " + memory);
            }
            long readableCount = count(connection, readable);
            System.out.printf("rows=%d readable=%d first50=%s..%s%n", rows, readableCount, database.get(0),
                    database.get(49));
            System.out.printf("sql median_ms=%.2f p95_ms=%.2f max_ms=%.2f runs=%d%n", pct(sqlMillis, 50),
                    pct(sqlMillis, 95), pct(sqlMillis, 100), RUNS);
            System.out.printf("memory median_ms=%.1f min_ms=%.1f runs=%d%n", pct(memoryMillis, 50),
                    pct(memoryMillis, 0), memoryMillis.length);
        }
    }

    /** The user, in their own group and in 10 of the 50 team groups. */
    private static Subject subject() {
        Set<String> groups = new LinkedHashSet<>();
        groups.add(PERSONAL_GROUP);
        for (int team = 0; team < 50; team += 5) {
            groups.add(teamGroup(team));
        }
        return new Subject(USER, groups, false, PERSONAL_GROUP);
    }

    private static String teamGroup(int team) {
        return "team-" + team;
    }

    private static void seed(Connection connection, int rows, int ownEvery, int shareEvery) throws SQLException {
        long started = System.nanoTime();
        drop(connection);
        try (Statement st = connection.createStatement()) {
            for (String ddl : PortcullisPersistence.Dialect.POSTGRESQL.ddlStatements(PREFIX)) {
                st.execute(ddl);
            }
            st.execute("CREATE TABLE " + NOTE + " (id BIGINT PRIMARY KEY, text VARCHAR(200) NOT NULL)");
            st.execute("INSERT INTO " + NOTE + " SELECT g, 'note ' || g FROM generate_series(1, " + rows + ") g");
            // owner: the user for every 100th note, else one of 1,000 other users (ids 'other-0'..'other-999').
            String owner = "CASE WHEN g % " + ownEvery + " = 0 THEN '" + USER + "' ELSE 'other-' || (g % 1000) END";
            st.execute("INSERT INTO " + PREFIX + "instance_permission (id, tenant_id, created_at, entity_name, instance_id,"
                    + " owner_id, permission, updated_at) SELECT 'ip-' || g, 'default', 0, 'note', g::text, " + owner + ", "
                    + Permission.INSTANCE_DEFAULT.mask() + ", 0 FROM generate_series(1, " + rows + ") g");
            st.execute("INSERT INTO " + PREFIX + "instance_group (id, tenant_id, group_id, instance_permission_id,"
                    + " permission) SELECT 'own-' || g, 'default', CASE WHEN g % " + ownEvery + " = 0 THEN '" + PERSONAL_GROUP + "' ELSE 'g-other-' || (g % 1000)"
                    + " END, 'ip-' || g, " + Permission.parse("group:pr").mask()
                    + " FROM generate_series(1, " + rows + ") g");
            st.execute("INSERT INTO " + PREFIX + "instance_group (id, tenant_id, group_id, instance_permission_id,"
                    + " permission) SELECT 'team-' || g, 'default', 'team-' || (abs(hashtext(g::text)) % 50), 'ip-' || g, " + Permission.parse("group:pr").mask()
                    + " FROM generate_series(" + shareEvery + ", " + rows + ", " + shareEvery + ") g");
            st.execute("VACUUM ANALYZE " + NOTE);
            st.execute("VACUUM ANALYZE " + PREFIX + "instance_permission");
            st.execute("VACUUM ANALYZE " + PREFIX + "instance_group");
        }
        System.out.printf("seeded %d notes in %.1f s%n", rows, (System.nanoTime() - started) / 1e9);
    }

    private static void drop(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (String table : List.of("user_account", "usergroup", "group_membership", "world", "world_group",
                    "instance_permission", "instance_group", "world_user", "instance_user", "revoked_token", "setting",
                    "schema_version", "host_note")) {
                st.execute("DROP TABLE IF EXISTS " + PREFIX + table + " CASCADE");
            }
        }
    }

    private static List<Long> firstReadable(Connection connection, String sql, ReadableFilter readable) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            readable.bind(ps, 1);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                    rs.getString(2);
                }
            }
            return ids;
        }
    }

    /**
     * The alternative without database-side filtering: every permission row of the entity and its
     * group links into memory, {@link AccessRule} on each, then the first 50 allowed ids and their notes.
     */
    private static List<Long> firstReadableInMemory(Connection connection, Subject subject) throws SQLException {
        Map<String, String> owners = new HashMap<>();
        Map<String, Integer> masks = new HashMap<>();
        Map<String, Map<String, Permission>> links = new HashMap<>();
        connection.setAutoCommit(false); // so that the driver streams with the fetch size
        try (PreparedStatement ps = connection.prepareStatement("SELECT p.instance_id, p.owner_id, p.permission,"
                + " g.group_id, g.permission FROM " + PREFIX + "instance_permission p LEFT JOIN " + PREFIX
                + "instance_group g ON g.instance_permission_id = p.id WHERE p.entity_name = ?")) {
            ps.setFetchSize(10_000);
            ps.setString(1, "note");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String instance = rs.getString(1);
                    owners.put(instance, rs.getString(2));
                    masks.put(instance, rs.getInt(3));
                    String group = rs.getString(4);
                    if (group != null) {
                        links.computeIfAbsent(instance, k -> new HashMap<>(4)).put(group, Permission.of(rs.getInt(5)));
                    }
                }
            }
        } finally {
            connection.commit();
            connection.setAutoCommit(true);
        }
        long[] allowed = masks.keySet().stream()
                .filter(id -> AccessRule.allows(subject, new AccessRow(owners.get(id), Permission.of(masks.get(id)),
                        links.getOrDefault(id, Map.of())), Permission.Action.READ))
                .mapToLong(Long::parseLong).sorted().limit(50).toArray();
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT id, text FROM " + NOTE
                + " WHERE id = ANY (?) ORDER BY id")) {
            ps.setArray(1, connection.createArrayOf("bigint", Arrays.stream(allowed).boxed().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    private static long count(Connection connection, ReadableFilter readable) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT count(*) FROM " + NOTE + " n WHERE "
                + readable.sql())) {
            readable.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String explain(Connection connection, String sql, ReadableFilter readable) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (PreparedStatement ps = connection.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
            readable.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
        }
        return plan.toString();
    }

    private static double pct(double[] values, int percentile) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
