package org.portcullis.filter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md's parameter table is the reference hosts read: it lists exactly the registered
 * parameters, in the registry's order, each with its default and example as the specs declare them. A row
 * may name several parameters ({@code `jdbc.user`, `jdbc.password`}) that share a default.
 */
class ConfigurationDocTest {

    // Surefire runs in the filter module and names it in basedir.
    private static final Path DOC = Path.of(System.getProperty("basedir", "."), "..", "docs", "configuration.md");
    private static final String HEADER = "| parameter | meaning | default | example |";
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private record Row(List<String> names, String defaultCell, String exampleCell) {
    }

    private static List<Row> rows() throws IOException {
        List<String> lines = Files.readAllLines(DOC);
        int header = lines.indexOf(HEADER);
        assertFalse(header < 0, DOC + " has no table headed " + HEADER);
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(header + 2, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            String[] cells = line.substring(1, line.length() - 1).split("\\|", -1);
            assertEquals(4, cells.length, "a row of four cells: " + line);
            List<String> names = new ArrayList<>();
            Matcher m = CODE.matcher(cells[0]);
            while (m.find()) {
                names.add(m.group(1));
            }
            rows.add(new Row(names, cells[2].strip(), cells[3].strip()));
        }
        return rows;
    }

    @Test
    void parameterTableWhenReadThenListsExactlyTheRegisteredParametersInOrder() throws IOException {
        List<String> documented = rows().stream().flatMap(r -> r.names().stream()).toList();
        List<String> registered = PortcullisConfig.PARAMETERS.stream().map(ParameterSpec::name).toList();
        List<String> missing = registered.stream().filter(n -> !documented.contains(n)).toList();
        List<String> extra = documented.stream().filter(n -> !registered.contains(n)).toList();
        assertEquals(registered, documented, "not in the table: " + missing + "; in the table but no parameter: "
                + extra + "; else the order differs");
    }

    @Test
    void parameterTableWhenReadThenEachDefaultAndExampleIsTheSpecs() throws IOException {
        Map<String, ParameterSpec<?>> specs = PortcullisConfig.PARAMETERS.stream()
                .collect(Collectors.toMap(ParameterSpec::name, Function.identity()));
        for (Row row : rows()) {
            List<ParameterSpec<?>> named = row.names().stream().map(specs::get).toList();
            if (named.contains(null)) {
                continue; // reported by the test above
            }
            for (ParameterSpec<?> spec : named) {
                assertEquals(spec.documentedDefault(), row.defaultCell(), "default of " + spec.name());
            }
            assertEquals(named.stream().map(s -> "`" + s.example() + "`").collect(Collectors.joining(", ")),
                    row.exampleCell(), "example of " + row.names());
        }
    }
}
