package org.portcullis.filter.config;

import java.util.List;

/**
 * The route table as given: one {@code PATTERN = entity[:permission]} a line. {@code routing.RouteTable}
 * parses it, and a malformed line stops the start naming its line.
 *
 * <pre>{@code
 * <init-param><param-name>resources</param-name><param-value>
 *   /notes      = note
 *   /notes/{id} = note
 * </param-value></init-param>
 * }</pre>
 *
 * @param resources {@code resources}: the lines, empty when nothing is guarded but Portcullis' own entities
 */
public record RouteSettings(String resources) {

    static final ParameterSpec<String> RESOURCES = ParameterSpec.lines("resources",
            "route table, one PATTERN = entity[:permission] per line", "/notes/{id} = note");

    /** This record's parameters, in the order of the reference table. */
    public static final List<ParameterSpec<?>> PARAMETERS = List.of(RESOURCES);

    public static RouteSettings from(Parameters p) {
        return new RouteSettings(p.get(RESOURCES));
    }
}
