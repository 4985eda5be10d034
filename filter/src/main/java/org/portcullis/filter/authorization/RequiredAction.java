package org.portcullis.filter.authorization;

import java.util.Locale;
import java.util.Optional;
import org.portcullis.filter.permission.Permission;

/**
 * Which permission a request needs: the one its route names, else the one its HTTP method implies.
 * Headers such as {@code X-HTTP-Method-Override} are never read: the method the container saw is
 * the method that is checked.
 */
final class RequiredAction {

    private RequiredAction() {
    }

    /**
     * @param routePermission the {@code :permission} of the route, lower case, if it names one
     * @return empty for a method Portcullis does not let through to a guarded resource (TRACE, CONNECT, unknown)
     */
    public static Optional<Permission.Action> of(String method, boolean instance, Optional<String> routePermission) {
        if (routePermission.isPresent()) {
            return Optional.of(Permission.Action.valueOf(routePermission.get().toUpperCase(Locale.ROOT)));
        }
        return switch (method) {
            case "GET", "HEAD" -> Optional.of(Permission.Action.READ);
            case "OPTIONS" -> Optional.of(Permission.Action.PEEK);
            case "POST" -> Optional.of(instance ? Permission.Action.EXECUTE : Permission.Action.CREATE);
            case "PUT", "PATCH" -> Optional.of(Permission.Action.UPDATE);
            case "DELETE" -> Optional.of(Permission.Action.DELETE);
            default -> Optional.empty();
        };
    }
}
