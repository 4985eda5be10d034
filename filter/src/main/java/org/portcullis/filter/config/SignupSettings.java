package org.portcullis.filter.config;

import java.util.List;

/**
 * Whether guests may sign up, and the groups every new user joins.
 *
 * <pre>{@code
 * <init-param><param-name>signup.enabled</param-name><param-value>false</param-value></init-param>
 * }</pre>
 *
 * @param enabled       {@code signup.enabled}: guests may sign up
 * @param defaultGroups {@code default.groups}: groups every new user joins (made if missing)
 */
public record SignupSettings(boolean enabled, List<String> defaultGroups) {

    static final ParameterSpec<Boolean> ENABLED = ParameterSpec.bool("signup.enabled", true, "guests may sign up");
    static final ParameterSpec<List<String>> DEFAULT_GROUPS = ParameterSpec.groups("default.groups", "users",
            "groups every new user joins, comma separated (made if missing)", "users,readers");

    /** This record's parameters, in the order of the reference table. */
    public static final List<ParameterSpec<?>> PARAMETERS = List.of(ENABLED, DEFAULT_GROUPS);

    public SignupSettings {
        defaultGroups = List.copyOf(defaultGroups);
    }

    public static SignupSettings from(Parameters p) {
        return new SignupSettings(p.get(ENABLED), p.get(DEFAULT_GROUPS));
    }
}
