package org.portcullis.filter.identity;

import java.security.Principal;
import java.util.Objects;

/**
 * The signed-in user as {@code request.getUserPrincipal()} returns it. {@link #getName()} is the
 * e-mail address, like {@code getRemoteUser()}; {@link #userId()} is the stable reference id.
 */
public final class PortcullisPrincipal implements Principal {

    private final String userId;
    private final String email;
    private final String displayName;

    public PortcullisPrincipal(String userId, String email, String displayName) {
        this.userId = Objects.requireNonNull(userId);
        this.email = Objects.requireNonNull(email);
        this.displayName = displayName;
    }

    @Override
    public String getName() {
        return email;
    }

    public String userId() {
        return userId;
    }

    public String email() {
        return email;
    }

    public String displayName() {
        return displayName;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PortcullisPrincipal other && userId.equals(other.userId);
    }

    @Override
    public int hashCode() {
        return userId.hashCode();
    }

    @Override
    public String toString() {
        return "PortcullisPrincipal[" + userId + "]";
    }
}
