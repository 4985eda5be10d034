package org.portcullis.filter.config;

import java.time.Duration;
import java.util.List;

/**
 * Refresh tokens (CONTRACT §8): whether a sign-in also gets one, and how long a family lives. A refresh token
 * unused for {@code idle} dies; a family (a sign-in and every rotation after it) dies {@code absolute} after its
 * sign-in whatever happens.
 *
 * <pre>{@code
 * <init-param><param-name>refresh.idle</param-name><param-value>P7D</param-value></init-param>
 * <init-param><param-name>refresh.absolute</param-name><param-value>PT0S</param-value></init-param>  <!-- none -->
 * }</pre>
 *
 * @param idle     {@code refresh.idle}
 * @param absolute {@code refresh.absolute}; {@link Duration#ZERO} turns refresh tokens off
 */
public record RefreshSettings(Duration idle, Duration absolute) {

    static final ParameterSpec<Duration> IDLE = ParameterSpec.duration("refresh.idle", Duration.ofDays(14),
            Duration.ofMinutes(1), Duration.ofDays(365), "a refresh token unused this long dies (at most refresh.absolute)",
            "P7D");
    static final ParameterSpec<Duration> ABSOLUTE = ParameterSpec.duration("refresh.absolute", Duration.ofDays(30),
            Duration.ZERO, Duration.ofDays(365), "a sign-in's refresh tokens all die this long after it; PT0S: no refresh"
                    + " tokens", "PT0S");

    /** This record's parameters, in the order of the reference table. */
    public static final List<ParameterSpec<?>> PARAMETERS = List.of(IDLE, ABSOLUTE);

    public static RefreshSettings from(Parameters p) {
        Duration idle = p.get(IDLE);
        Duration absolute = p.get(ABSOLUTE);
        if (!absolute.isZero() && idle.compareTo(absolute) > 0) {
            throw new ConfigException(IDLE.name(), "is " + idle + ", longer than refresh.absolute (" + absolute
                    + "): a family dies at refresh.absolute anyway; make refresh.idle at most " + absolute);
        }
        return new RefreshSettings(idle, absolute);
    }

    /** Whether sign-ins get refresh tokens. */
    public boolean enabled() {
        return !absolute.isZero();
    }
}
