package org.portcullis.filter.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters one filter instance was given, read through the {@link ParameterSpec}s registered
 * for it. A value may hold {@code ${env:NAME}} and {@code ${sys:NAME}} references, replaced when read;
 * a blank value counts as not given.
 *
 * <pre>{@code
 * Parameters p = new Parameters(ParameterSource.of(filterConfig), "notes", PortcullisConfig.PARAMETERS);
 * p.refuseUnknown();                       // "unknown parameter 'singup.enabled' (did you mean 'signup.enabled'?)"
 * boolean open = p.get(SignupSettings.ENABLED);
 * }</pre>
 */
public final class Parameters {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|sys):([A-Za-z0-9_.\\-]+)}");

    private final ParameterSource source;
    private final String contextName;
    private final Map<String, ParameterSpec<?>> registered = new LinkedHashMap<>();

    /**
     * @param contextName a file-system-safe name of the web application, for defaults that depend on it
     * @param specs       every parameter this filter instance knows; a name given twice is a programming error
     */
    public Parameters(ParameterSource source, String contextName, Collection<ParameterSpec<?>> specs) {
        this.source = source;
        this.contextName = contextName;
        for (ParameterSpec<?> spec : specs) {
            if (registered.putIfAbsent(spec.name(), spec) != null) {
                throw new IllegalArgumentException("parameter '" + spec.name() + "' is declared twice");
            }
        }
    }

    /** The web application's file-system-safe name, e.g. for the default H2 directory. */
    public String contextName() {
        return contextName;
    }

    /**
     * The parameter's value, or its default when it is not given or blank.
     *
     * @throws ConfigException naming the parameter when its value cannot be used
     */
    public <T> T get(ParameterSpec<T> spec) {
        if (registered.get(spec.name()) != spec) {
            throw new IllegalStateException("parameter '" + spec.name() + "' is read but not registered");
        }
        String raw = source.get(spec.name());
        String value = raw == null ? "" : resolve(spec.name(), raw).strip();
        return value.isEmpty() ? spec.fallback() : spec.parse(value);
    }

    /**
     * Stops the start when a name given is no registered parameter: a misspelt {@code singup.enabled}
     * would otherwise leave sign-up open without a word.
     *
     * @throws ConfigException naming every unknown parameter, each with the closest known names
     */
    public void refuseUnknown() {
        List<String> unknown = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String name : source.names()) {
            if (registered.containsKey(name)) {
                continue;
            }
            unknown.add(name);
            List<String> near = NameSuggestions.closest(name, registered.keySet());
            problems.add("unknown parameter '" + name + "'" + source.origin(name).map(o -> " in " + o).orElse("")
                    + (near.isEmpty() ? "" : " (did you mean " + (near.size() > 1 ? "one of " : "")
                    + String.join(", ", near.stream().map(n -> "'" + n + "'").toList()) + "?)"));
        }
        if (!unknown.isEmpty()) {
            throw ConfigException.unknown(unknown.get(0), String.join("; ", problems) + "; Portcullis stops rather"
                    + " than ignore a setting it does not know: correct or remove it (docs/configuration.md lists"
                    + " every parameter)");
        }
    }

    private static String resolve(String name, String raw) {
        Matcher m = REFERENCE.matcher(raw);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = "env".equals(m.group(1)) ? System.getenv(m.group(2)) : System.getProperty(m.group(2));
            if (value == null) {
                throw new ConfigException(name, "refers to " + m.group(1) + " variable '" + m.group(2)
                        + "', which is not set; set it or remove the reference");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
