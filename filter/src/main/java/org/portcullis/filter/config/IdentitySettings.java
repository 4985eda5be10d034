package org.portcullis.filter.config;

import java.time.Duration;
import java.util.List;

/**
 * How users are known besides their primary e-mail: usernames, and the one-time codes that prove a
 * further e-mail address.
 *
 * <pre>{@code
 * <init-param><param-name>usernames.enabled</param-name><param-value>false</param-value></init-param>
 * }</pre>
 *
 * @param usernames {@code usernames.enabled}: accounts may have a username and sign in with it
 * @param codeTtl   {@code code.ttl}: how long a mailed one-time code lives
 */
public record IdentitySettings(boolean usernames, Duration codeTtl) {

    static final ParameterSpec<Boolean> USERNAMES = ParameterSpec.bool("usernames.enabled", true,
            "accounts may have a username (sign-up's `username`) and sign in with it");
    static final ParameterSpec<Duration> CODE_TTL = ParameterSpec.duration("code.ttl", Duration.ofMinutes(10),
            Duration.ofMinutes(1), Duration.ofHours(1), "how long a mailed one-time code lives", "PT5M");

    /** This record's parameters, in the order of the reference table. */
    public static final List<ParameterSpec<?>> PARAMETERS = List.of(USERNAMES, CODE_TTL);

    public static IdentitySettings from(Parameters p) {
        return new IdentitySettings(p.get(USERNAMES), p.get(CODE_TTL));
    }
}
