package org.portcullis.filter.config;

import java.time.Duration;
import java.util.List;

/**
 * Anonymous users (CONTRACT §8, {@code user_account/signin_anonymous}): whether guests may start as an
 * {@code ANON_<id>} user without signing up, the groups such a user joins, how many of them one client
 * address may make an hour, and after how long without a sign-in one is deleted.
 *
 * <pre>{@code
 * <init-param><param-name>anonymous.enabled</param-name><param-value>true</param-value></init-param>
 * <init-param><param-name>anonymous.groups</param-name><param-value>anonymous,trial</param-value></init-param>
 * }</pre>
 *
 * @param enabled    {@code anonymous.enabled}: {@code signin_anonymous} and {@code upgrade_anonymous} are on
 *                   (else 403 {@code anonymous_disabled})
 * @param groups     {@code anonymous.groups}: the groups every new anonymous user joins (made if missing),
 *                   instead of {@code default.groups}, which it joins when it upgrades
 * @param perAddress {@code anonymous.per.address}: new anonymous users one client address may make in an
 *                   hour (on one node); more is 429 {@code throttled} with {@code Retry-After}
 * @param idle       {@code anonymous.idle}: an anonymous user not signed in for this long is deleted by a
 *                   background job (every {@code account.erasure.interval})
 */
public record AnonymousSettings(boolean enabled, List<String> groups, int perAddress, Duration idle) {

    static final ParameterSpec<Boolean> ENABLED = ParameterSpec.bool("anonymous.enabled", false,
            "guests may start as an anonymous user (ANON_<id>) without signing up, and upgrade later");
    static final ParameterSpec<List<String>> GROUPS = ParameterSpec.groups("anonymous.groups", "anonymous",
            "groups every new anonymous user joins instead of default.groups, comma separated (made if missing)",
            "anonymous,trial");
    static final ParameterSpec<Integer> PER_ADDRESS = ParameterSpec.integer("anonymous.per.address", 30, 1, 100_000,
            "new anonymous users one client address may make in an hour (per node)", "10");
    static final ParameterSpec<Duration> IDLE = ParameterSpec.duration("anonymous.idle", Duration.ofDays(30),
            Duration.ofMinutes(1), Duration.ofDays(3650), "an anonymous user not signed in for this long is deleted",
            "P7D");

    /** This record's parameters, in the order of the reference table. */
    public static final List<ParameterSpec<?>> PARAMETERS = List.of(ENABLED, GROUPS, PER_ADDRESS, IDLE);

    public AnonymousSettings {
        groups = List.copyOf(groups);
    }

    public static AnonymousSettings from(Parameters p) {
        return new AnonymousSettings(p.get(ENABLED), p.get(GROUPS), p.get(PER_ADDRESS), p.get(IDLE));
    }
}
