package org.portcullis.filter.config;

import java.util.Map;

/** Configurations for benchmarks that need package-private parts of Portcullis' configuration. */
public final class BenchConfigs {

    private BenchConfigs() {
    }

    /** A configuration from parameters, as {@code web.xml} would give them. */
    public static PortcullisConfig of(Map<String, String> parameters) {
        return PortcullisConfig.from(ParameterSource.of(parameters), "bench");
    }
}
