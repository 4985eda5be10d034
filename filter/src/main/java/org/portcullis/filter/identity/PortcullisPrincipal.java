package org.portcullis.filter.identity;

import java.security.Principal;
import java.util.Objects;
import java.util.Optional;

/**
 * The signed-in user as {@code request.getUserPrincipal()} returns it. {@link #getName()}, like
 * {@code getRemoteUser()}, is the e-mail address, or the reference id for a user without an e-mail
 * address (anonymous users and username-only accounts, from wave 2 on); {@link #userId()} is the
 * stable reference id.
 *
 * <pre>{@code
 * PortcullisPrincipal me = (PortcullisPrincipal) request.getUserPrincipal();
 * String owner = me.userId();                   // always there: key your rows by it
 * String mailTo = me.email();                   // null when the user has no e-mail address
 * }</pre>
 */
public final class PortcullisPrincipal implements Principal {

    private final String userId;
    private final String email;
    private final String displayName;

    /**
     * @param email the e-mail address, or {@code null} for a user without one
     * @param displayName the display name, or {@code null}
     */
    public PortcullisPrincipal(String userId, String email, String displayName) {
        this.userId = Objects.requireNonNull(userId);
        this.email = email;
        this.displayName = displayName;
    }

    /** The principal of a signed-in user; empty for a guest. */
    public static Optional<PortcullisPrincipal> of(Identity identity) {
        return identity.userId().map(id -> new PortcullisPrincipal(id, identity.email().orElse(null),
                identity.name().orElse(null)));
    }

    /** The e-mail address; for a user without one, the reference id, so that a signed-in user always has a name. */
    @Override
    public String getName() {
        return email != null ? email : userId;
    }

    public String userId() {
        return userId;
    }

    /** The e-mail address, or {@code null} for a user without one. */
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
