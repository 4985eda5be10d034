package org.portcullis.filter.routing;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One line of the {@code resources} route table: which paths belong to which entity, and optionally the
 * permission they need instead of the one the HTTP method implies (contract §5).
 *
 * <pre>{@code
 * // "/notes/{id}/export = note:execute"
 * Route export = new Route(RoutePattern.parse("/notes/{id}/export"), "note", Optional.of("execute"));
 * export.idGrammar();  // Optional[DIGITS]
 * export.permission(); // Optional["execute"], mapped to a Permission.Action by the authorization package
 * }</pre>
 *
 * @param pattern    the paths the route matches
 * @param entity     the entity name, {@code [a-z][a-z0-9_]{0,63}}
 * @param permission a lower-case permission name (peek, read, create, update, delete, execute, refer), or
 *                   empty to use the one the HTTP method implies
 */
public record Route(RoutePattern pattern, String entity, Optional<String> permission) {

    /** The permission names a route may name, in Daptin's bit order. */
    public static final Set<String> PERMISSIONS =
            Set.of("peek", "read", "create", "update", "delete", "execute", "refer");

    private static final Pattern ENTITY = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public Route {
        Objects.requireNonNull(pattern, "pattern");
        if (entity == null || !ENTITY.matcher(entity).matches()) {
            throw new IllegalArgumentException("entity '" + entity + "' must be a lower-case letter followed by"
                    + " at most 63 lower-case letters, digits or '_'");
        }
        Objects.requireNonNull(permission, "permission");
        if (!permission.map(PERMISSIONS::contains).orElse(true)) {
            throw new IllegalArgumentException("permission '" + permission.get() + "' is not one of peek, read,"
                    + " create, update, delete, execute, refer");
        }
    }

    /** The grammar of the route's instance id, or empty when the route names a collection or a prefix. */
    public Optional<IdGrammar> idGrammar() {
        return pattern.idGrammar();
    }
}
