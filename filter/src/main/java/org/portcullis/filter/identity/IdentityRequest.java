package org.portcullis.filter.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;
import java.util.List;
import java.util.function.Function;

/**
 * The request the host's servlets see: the standard methods answer for Portcullis' user
 * (contract §3.4). A guest has no principal, no remote user and no roles, whatever the container
 * may think, so that one source decides who a request is.
 */
public final class IdentityRequest extends HttpServletRequestWrapper {

    private final Identity identity;
    private final Function<String, List<String>> groupsOfUser;
    private List<String> groups;

    /**
     * @param groupsOfUser looks up the group names of a user id; called at most once per request,
     *     and only when the host asks {@link #isUserInRole}
     */
    public IdentityRequest(HttpServletRequest request, Identity identity, Function<String, List<String>> groupsOfUser) {
        super(request);
        this.identity = identity;
        this.groupsOfUser = groupsOfUser;
    }

    public Identity identity() {
        return identity;
    }

    @Override
    public Principal getUserPrincipal() {
        return PortcullisPrincipal.of(identity).orElse(null);
    }

    /** The principal's {@link PortcullisPrincipal#getName name}: the e-mail, or the reference id of a user without one. */
    @Override
    public String getRemoteUser() {
        return PortcullisPrincipal.of(identity).map(PortcullisPrincipal::getName).orElse(null);
    }

    @Override
    public String getAuthType() {
        return identity.authType().map(Enum::name).orElse(null);
    }

    /** True when the user belongs to the group named {@code role}. */
    @Override
    public boolean isUserInRole(String role) {
        if (identity.isGuest() || role == null) {
            return false;
        }
        if (groups == null) {
            groups = List.copyOf(groupsOfUser.apply(identity.userId().orElseThrow()));
        }
        return groups.contains(role);
    }
}
