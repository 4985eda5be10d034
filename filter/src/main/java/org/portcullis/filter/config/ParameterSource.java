package org.portcullis.filter.config;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where the filter's parameters come from: {@code <init-param>}, then {@code <context-param>}. A source
 * can list the names it was given, so that a name Portcullis does not know stops the start instead of
 * being ignored.
 */
public interface ParameterSource {

    /** The prefix that marks a {@code <context-param>} as Portcullis'; the others belong to the host. */
    String CONTEXT_PREFIX = "portcullis.";

    /** The raw value of a parameter, or {@code null} when it is not given. */
    String get(String name);

    /** Every parameter name given, as Portcullis names it ({@code signup.enabled}, never {@code portcullis.signup.enabled}). */
    Set<String> names();

    /**
     * Where a given name came from, when a message should say so: e.g. {@code context-param
     * 'portcullis.x'}; empty for a plain init-param or a map entry.
     */
    default Optional<String> origin(String name) {
        return Optional.empty();
    }

    /**
     * Reads {@code <init-param name>} first, then {@code <context-param portcullis.name>}, so a host
     * can keep Portcullis' settings beside its other context parameters; context parameters without the
     * prefix are the host's and never read.
     */
    static ParameterSource of(FilterConfig filterConfig) {
        ServletContext context = filterConfig.getServletContext();
        return new ParameterSource() {
            @Override
            public String get(String name) {
                String value = filterConfig.getInitParameter(name);
                return value != null ? value : context.getInitParameter(CONTEXT_PREFIX + name);
            }

            @Override
            public Set<String> names() {
                Set<String> names = new TreeSet<>(Collections.list(filterConfig.getInitParameterNames()));
                for (String name : Collections.list(context.getInitParameterNames())) {
                    if (name.startsWith(CONTEXT_PREFIX)) {
                        names.add(name.substring(CONTEXT_PREFIX.length()));
                    }
                }
                return names;
            }

            @Override
            public Optional<String> origin(String name) {
                return filterConfig.getInitParameter(name) != null ? Optional.empty()
                        : Optional.of("context-param '" + CONTEXT_PREFIX + name + "'");
            }
        };
    }

    /** A fixed set of parameters, for tests and embedding. */
    static ParameterSource of(Map<String, String> parameters) {
        Map<String, String> copy = new HashMap<>(parameters);
        return new ParameterSource() {
            @Override
            public String get(String name) {
                return copy.get(name);
            }

            @Override
            public Set<String> names() {
                return new TreeSet<>(copy.keySet());
            }
        };
    }
}
