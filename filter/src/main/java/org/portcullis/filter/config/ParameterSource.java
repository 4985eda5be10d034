package org.portcullis.filter.config;

import jakarta.servlet.FilterConfig;
import java.util.Map;

/** Where the filter's parameters come from: {@code <init-param>}, then {@code <context-param>}. */
@FunctionalInterface
public interface ParameterSource {

    /** The raw value of a parameter, or {@code null} when it is not given. */
    String get(String name);

    /**
     * Reads {@code <init-param name>} first, then {@code <context-param portcullis.name>}, so a host
     * can keep Portcullis' settings beside its other context parameters.
     */
    static ParameterSource of(FilterConfig filterConfig) {
        return name -> {
            String value = filterConfig.getInitParameter(name);
            if (value == null) {
                value = filterConfig.getServletContext().getInitParameter("portcullis." + name);
            }
            return value;
        };
    }

    /** A fixed set of parameters, for tests and embedding. */
    static ParameterSource of(Map<String, String> parameters) {
        return parameters::get;
    }
}
