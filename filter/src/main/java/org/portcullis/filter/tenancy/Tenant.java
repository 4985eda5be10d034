package org.portcullis.filter.tenancy;

import java.util.regex.Pattern;

/**
 * The tenant a request, an identity or a token belongs to (contract §10), known by its code: the
 * {@code CODE} of the {@code tenants} parameter, and what a token's {@code tid} claim carries. Until
 * tenants can be configured, every request is the {@link #DEFAULT} tenant's.
 *
 * <p>Compared by value; {@link #of} returns the {@link #DEFAULT} constant for its code, so that the
 * common case makes no object.
 *
 * @param code 1 to 64 characters: ASCII letters, digits, {@code _} and {@code -}, starting with a
 *     letter or digit, e.g. {@code default} or {@code ACME}
 */
public record Tenant(String code) {

    /** Before {@link #DEFAULT}, which is checked against it. */
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    /** The tenant of every request while {@code tenants.mode} is {@code none}. */
    public static final Tenant DEFAULT = new Tenant("default");

    public Tenant {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("a tenant code is 1 to 64 letters, digits, '_' or '-', "
                    + "starting with a letter or digit");
        }
    }

    /** The tenant with this code: {@link #DEFAULT} itself for {@code "default"}. */
    public static Tenant of(String code) {
        return DEFAULT.code.equals(code) ? DEFAULT : new Tenant(code);
    }

    /** Whether {@code code} is a well-formed tenant code, without making a tenant. */
    public static boolean isCode(String code) {
        return code != null && CODE.matcher(code).matches();
    }

    @Override
    public String toString() {
        return "Tenant[" + code + "]";
    }
}
