package org.portcullis.filter.authorization;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * A condition for the {@code WHERE} clause of a host's own native SQL that keeps only the rows a
 * user may read, so that a long list is filtered by the database rather than in memory. Made by
 * {@link PermissionEngine#readableBy}; the same decision rule as every other check, written in SQL.
 *
 * <pre>{@code
 * ReadableFilter readable = permissions.readableBy(identity, "note", "n.id");
 * String sql = "SELECT n.id, n.text FROM note n WHERE n.archived = ? AND " + readable.sql() + " ORDER BY n.id";
 * try (PreparedStatement ps = connection.prepareStatement(sql)) {
 *     ps.setBoolean(1, false);
 *     readable.bind(ps, 2);       // its parameters follow the host's own
 *     ...
 * }
 * }</pre>
 *
 * <p>The SQL holds {@code ?} placeholders for {@link #parameters()}, in order, and never a value:
 * entity names, user and group ids are always bound. It reflects the user's groups when it was
 * made: make one per query, do not keep it.
 *
 * @param sql a boolean SQL expression, already in parentheses where it needs them
 * @param parameters the values of its placeholders, in order (all strings)
 */
public record ReadableFilter(String sql, List<Object> parameters) {

    /** For administrators: every row. */
    public static final ReadableFilter EVERY_ROW = new ReadableFilter("1=1", List.of());
    /** For a user who may not read the entity at all: no row. */
    public static final ReadableFilter NO_ROW = new ReadableFilter("1=0", List.of());

    public ReadableFilter {
        parameters = List.copyOf(parameters);
    }

    /**
     * Binds {@link #parameters()} to {@code statement} from index {@code first} on.
     *
     * @return the index of the next placeholder after these, for the host's remaining parameters
     */
    public int bind(PreparedStatement statement, int first) throws SQLException {
        int index = first;
        for (Object parameter : parameters) {
            statement.setObject(index++, parameter);
        }
        return index;
    }
}
