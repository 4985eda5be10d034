package org.portcullis.filter.identity;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.portcullis.filter.tenancy.Tenant;

/**
 * Who a request is: a signed-in user, or a guest. Immutable; made once per request by
 * {@link IdentityResolver}. A user is known by the reference id; the e-mail address is optional,
 * since not every user has one (anonymous users and username-only accounts, from wave 2 on).
 *
 * <p>Every identity, a guest's too, belongs to a {@link Tenant}: today always {@link Tenant#DEFAULT}.
 */
public final class Identity {

    private static final Identity GUEST = new Identity(Tenant.DEFAULT, null, null, null, null, null, null);

    private final Tenant tenant;
    private final String userId;
    private final String email;
    private final String name;
    private final AuthType authType;
    private final String tokenId;
    private final Instant tokenExpiresAt;
    private final boolean apiAccess;

    private Identity(Tenant tenant, String userId, String email, String name, AuthType authType, String tokenId,
                     Instant tokenExpiresAt) {
        this(tenant, userId, email, name, authType, tokenId, tokenExpiresAt, true);
    }

    private Identity(Tenant tenant, String userId, String email, String name, AuthType authType, String tokenId,
                     Instant tokenExpiresAt, boolean apiAccess) {
        this.apiAccess = apiAccess;
        this.tenant = tenant;
        this.userId = userId;
        this.email = email;
        this.name = name;
        this.authType = authType;
        this.tokenId = tokenId;
        this.tokenExpiresAt = tokenExpiresAt;
    }

    /** A guest of the default tenant. */
    public static Identity guest() {
        return GUEST;
    }

    /** A guest of {@code tenant}; the default tenant's is one constant. */
    public static Identity guest(Tenant tenant) {
        return tenant.equals(Tenant.DEFAULT) ? GUEST
                : new Identity(tenant, null, null, null, null, null, null);
    }

    /**
     * A signed-in user of the default tenant.
     *
     * @param email the user's e-mail address, or {@code null} for a user without one
     * @param name the display name, or {@code null}
     */
    public static Identity user(String userId, String email, String name, AuthType authType, String tokenId,
                                Instant tokenExpiresAt) {
        return user(Tenant.DEFAULT, userId, email, name, authType, tokenId, tokenExpiresAt);
    }

    /** As {@link #user(String, String, String, AuthType, String, Instant)}, of {@code tenant}. */
    public static Identity user(Tenant tenant, String userId, String email, String name, AuthType authType,
                                String tokenId, Instant tokenExpiresAt) {
        return new Identity(Objects.requireNonNull(tenant), Objects.requireNonNull(userId), email, name,
                Objects.requireNonNull(authType), Objects.requireNonNull(tokenId), Objects.requireNonNull(tokenExpiresAt));
    }

    /**
     * This user with {@code api_access} off: Portcullis' own endpoints know them, the host's routes see a
     * guest ({@code PortcullisFilter} swaps it for {@link #guest(Tenant)} there).
     */
    public Identity withoutApiAccess() {
        return isGuest() ? this : new Identity(tenant, userId, email, name, authType, tokenId, tokenExpiresAt, false);
    }

    /**
     * Whether the host's routes may know this user ({@code api_access}); always {@code true} for a guest,
     * who has nothing to hide.
     */
    public boolean apiAccess() {
        return apiAccess;
    }

    /** The tenant this request belongs to: {@link Tenant#DEFAULT} until tenants can be configured. */
    public Tenant tenant() {
        return tenant;
    }

    public boolean isGuest() {
        return userId == null;
    }

    /** The user's reference id (the token's {@code sub}); empty for a guest. */
    public Optional<String> userId() {
        return Optional.ofNullable(userId);
    }

    /** The user's e-mail address; empty for a guest and for a user without one. */
    public Optional<String> email() {
        return Optional.ofNullable(email);
    }

    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    public Optional<AuthType> authType() {
        return Optional.ofNullable(authType);
    }

    /** The {@code jti} of the token this request presented; empty for a guest. */
    public Optional<String> tokenId() {
        return Optional.ofNullable(tokenId);
    }

    public Optional<Instant> tokenExpiresAt() {
        return Optional.ofNullable(tokenExpiresAt);
    }

    @Override
    public String toString() {
        String in = tenant.equals(Tenant.DEFAULT) ? "" : " of " + tenant.code();
        return (isGuest() ? "Identity[guest" : "Identity[user " + userId) + in + "]";
    }
}
