package org.portcullis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Packages point one way (STYLE.md, "Growing the house"): read from the {@code import} lines and the
 * fully qualified names of the main sources, the packages of {@code org.portcullis.filter} form no
 * cycle, the low layers import none of the packages that use them, and {@code jpa-model} knows
 * neither the servlet API nor the filter. No class is loaded: the sources are the evidence, so a
 * back-edge fails here before anything else notices it.
 */
class PackageDirectionTest {

    private static final String FILTER = "org.portcullis.filter";
    private static final String MODEL = "org.portcullis.model";
    private static final Path FILTER_SOURCES = moduleDir("filter").resolve("src/main/java");
    private static final Path MODEL_SOURCES = moduleDir("jpa-model").resolve("src/main/java");

    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+(?:\\.\\*)?)\\s*;",
            Pattern.MULTILINE);
    /** A qualified name in code or Javadoc, e.g. {@code org.portcullis.filter.persistence.Database}. */
    private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.])((?:[a-z]\\w*\\.)+[A-Z]\\w*)");
    /** Labels as {@link Graph#label} gives them; the model counts as a Portcullis package too. */
    private static final Set<String> FEATURES = Set.of("(root)", "actions", "management", "authorization", "builtin",
            "identity", "spi");
    private static final Set<String> USERS_OF_PERSISTENCE = Set.of("(root)", "actions", "management", "authorization",
            "builtin", "firewall", "identity", "spi", "web");
    private static final Pattern STRING = Pattern.compile("\"(?:\\\\.|[^\"\\\\\\n])*\"");

    private static final Graph GRAPH = Graph.of(FILTER_SOURCES);

    @Test
    void filterPackagesWhenTheirImportsAreFollowedThenNoCycle() {
        List<String> cycles = GRAPH.cycles();

        assertTrue(cycles.isEmpty(), () -> "package cycles in " + FILTER + ":\n" + String.join("\n", cycles)
                + "\nMove the shared type down (value types to permission, error shapes to web) or pass values instead.");
    }

    @Test
    void permissionWhenReadThenImportsNothingOfPortcullis() {
        assertImportsNone("permission", to -> true, "the rule's value types need nothing");
    }

    @Test
    void tenancyWhenReadThenImportsNothingOfPortcullis() {
        assertImportsNone("tenancy", to -> true, "the tenant is a value every layer carries: it needs nothing");
    }

    @Test
    void persistenceWhenReadThenImportsNoneOfThePackagesThatUseIt() {
        assertImportsNone("persistence", USERS_OF_PERSISTENCE::contains,
                "persistence never imports the packages that use it; let callers pass ids, groups and values");
    }

    @ParameterizedTest
    @ValueSource(strings = {"web", "routing", "config"})
    void plumbingWhenReadThenImportsNoFeaturePackage(String plumbing) {
        assertImportsNone(plumbing, FEATURES::contains, plumbing + " lies beneath every feature that uses it");
    }

    @Test
    void rootPackageWhenReadThenImportedByNoOtherPackage() {
        List<String> importers = GRAPH.edges.entrySet().stream()
                .filter(from -> from.getValue().containsKey(FILTER))
                .map(from -> Graph.label(from.getKey()) + " (" + from.getValue().get(FILTER) + ")")
                .toList();

        assertEquals(List.of(), importers, "the adapter and the wiring sit on top; nothing below may reach back up");
    }

    /** The built-in features register through the SPI as a module would: only the wiring names them. */
    @Test
    void builtinWhenReadThenImportedByTheWiringAlone() {
        String builtin = FILTER + ".builtin";
        List<String> importers = GRAPH.edges.entrySet().stream()
                .filter(from -> !from.getKey().equals(FILTER) && from.getValue().containsKey(builtin))
                .map(from -> Graph.label(from.getKey()) + " (" + from.getValue().get(builtin) + ")")
                .toList();

        assertEquals(List.of(), importers, "a feature is listed in Assembly and nowhere else");
    }

    @Test
    void modelWhenReadThenImportsNoServletTypeAndNothingOfTheFilter() {
        List<String> offences = new ArrayList<>();
        for (SourceFile file : SourceFile.under(MODEL_SOURCES)) {
            for (String name : file.referencedNames()) {
                if (name.startsWith(FILTER + ".") || name.startsWith("jakarta.servlet.") || name.startsWith("javax.servlet.")) {
                    offences.add(file.name + " uses " + name);
                }
            }
        }

        assertEquals(List.of(), offences, "jpa-model holds the entities only: the filter depends on the model, never the reverse");
    }

    /** Whether the reader of imports sees what a back-edge looks like, so that a green run means something. */
    @Test
    void readerWhenGivenImportsStaticImportsWildcardsAndQualifiedNamesThenFindsEachPackage() {
        SourceFile file = SourceFile.parse("X.java", """
                package org.portcullis.filter.web;

                import static org.portcullis.filter.routing.RouteTable.parse;
                import org.portcullis.filter.actions.*;
                import org.portcullis.filter.permission.Permission.Action;

                /** See {@link org.portcullis.filter.persistence.Database}; "org.portcullis.filter.management.Not" is text. */
                class X {
                    org.portcullis.filter.identity.Identity who;
                }
                """);

        assertEquals("org.portcullis.filter.web", file.pkg);
        assertEquals(Set.of(FILTER + ".routing", FILTER + ".actions", FILTER + ".permission", FILTER + ".persistence",
                FILTER + ".identity"), file.referencedPackages());
    }

    /** Fails naming each file of {@code pkg} that uses a package {@code forbidden} accepts (by its label). */
    private static void assertImportsNone(String pkg, Predicate<String> forbidden, String why) {
        String from = FILTER + "." + pkg;
        assertTrue(GRAPH.packages.contains(from), () -> "no package " + from + " under " + FILTER_SOURCES);

        List<String> offences = GRAPH.edges.getOrDefault(from, Map.of()).entrySet().stream()
                .filter(to -> forbidden.test(Graph.label(to.getKey())))
                .map(to -> pkg + " → " + Graph.label(to.getKey()) + ": " + to.getValue())
                .toList();

        assertEquals(List.of(), offences, why);
    }

    /** The module's directory: surefire runs in {@code filter/}, an IDE may run at the root. */
    private static Path moduleDir(String module) {
        Path here = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(module).resolve("src/main/java"))) {
                return dir.resolve(module);
            }
            if (dir.getFileName() != null && dir.getFileName().toString().equals(module)
                    && Files.isDirectory(dir.resolve("src/main/java"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the sources of module " + module + " from " + here);
    }

    /** One main source file, read as text. */
    private record SourceFile(String name, String pkg, Set<String> names) {

        static List<SourceFile> under(Path root) {
            try (Stream<Path> files = Files.walk(root)) {
                List<SourceFile> sources = files.filter(f -> f.toString().endsWith(".java")).sorted()
                        .map(SourceFile::read).toList();
                assertTrue(sources.size() > 5, () -> "hardly any sources under " + root + ": " + sources.size());
                return sources;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static SourceFile read(Path path) {
            try {
                return parse(path.getFileName().toString(), Files.readString(path, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static SourceFile parse(String name, String text) {
            Matcher pkg = PACKAGE.matcher(text);
            if (!pkg.find()) {
                throw new IllegalStateException(name + " has no package line");
            }
            Set<String> names = new TreeSet<>();
            Matcher imports = IMPORT.matcher(text);
            while (imports.find()) {
                names.add(imports.group(1));
            }
            String body = STRING.matcher(IMPORT.matcher(text).replaceAll("")).replaceAll("\"\"");
            Matcher qualified = QUALIFIED.matcher(body);
            while (qualified.find()) {
                names.add(qualified.group(1));
            }
            return new SourceFile(name, pkg.group(1), names);
        }

        Set<String> referencedNames() {
            return names;
        }

        /** The packages of the names used: the part before the first capitalised segment, or before {@code .*}. */
        Set<String> referencedPackages() {
            return uses().keySet();
        }

        /** Package used → the names in it this file uses, e.g. {@code Permission.Action} or {@code *}. */
        Map<String, Set<String>> uses() {
            Map<String, Set<String>> uses = new TreeMap<>();
            for (String used : names) {
                List<String> parts = new ArrayList<>();
                for (String part : used.split("\\.")) {
                    if (part.equals("*") || Character.isUpperCase(part.charAt(0))) {
                        break;
                    }
                    parts.add(part);
                }
                String in = String.join(".", parts);
                if (!in.equals(pkg)) {
                    uses.computeIfAbsent(in, k -> new TreeSet<>()).add(used.substring(in.length() + 1));
                }
            }
            return uses;
        }
    }

    /** Package → package it uses → which of its files use which names there, over Portcullis' own packages. */
    private record Graph(Set<String> packages, Map<String, Map<String, Set<String>>> edges) {

        static Graph of(Path root) {
            Set<String> packages = new TreeSet<>();
            Map<String, Map<String, Set<String>>> edges = new TreeMap<>();
            for (SourceFile file : SourceFile.under(root)) {
                packages.add(file.pkg);
                for (Map.Entry<String, Set<String>> use : file.uses().entrySet()) {
                    String to = use.getKey();
                    if (to.startsWith(FILTER) || to.startsWith(MODEL)) {
                        edges.computeIfAbsent(file.pkg, k -> new TreeMap<>()).computeIfAbsent(to, k -> new TreeSet<>())
                                .add(file.name.replace(".java", "") + " uses " + String.join(", ", use.getValue()));
                    }
                }
            }
            return new Graph(packages, edges);
        }

        static String label(String pkg) {
            return pkg.equals(FILTER) ? "(root)" : pkg.startsWith(FILTER + ".") ? pkg.substring(FILTER.length() + 1) : pkg;
        }

        /**
         * The shortest cycle through each package of each strongly connected group, each cycle once,
         * with the files and names on each of its edges; then the whole group, if more packages are in it.
         */
        List<String> cycles() {
            List<String> cycles = new ArrayList<>();
            for (Set<String> group : stronglyConnected()) {
                Set<List<String>> seen = new HashSet<>();
                for (String start : group) {
                    List<String> path = shortestCycle(start, group);
                    if (!seen.add(rotatedToSmallest(path))) {
                        continue;
                    }
                    StringBuilder out = new StringBuilder(path.stream().map(Graph::label).collect(Collectors.joining(" → ")));
                    for (int i = 0; i + 1 < path.size(); i++) {
                        out.append("\n    ").append(label(path.get(i))).append(" → ").append(label(path.get(i + 1)))
                                .append(": ").append(edges.get(path.get(i)).get(path.get(i + 1)));
                    }
                    cycles.add(out.toString());
                }
                cycles.add("  (together: " + group.stream().map(Graph::label).toList() + " all reach one another)");
            }
            return cycles;
        }

        /** The cycle without its closing repetition, started at its smallest package: one key per cycle. */
        private static List<String> rotatedToSmallest(List<String> path) {
            List<String> ring = path.subList(0, path.size() - 1);
            int smallest = ring.indexOf(ring.stream().min(String::compareTo).orElseThrow());
            List<String> key = new ArrayList<>(ring.subList(smallest, ring.size()));
            key.addAll(ring.subList(0, smallest));
            return key;
        }

        private Set<String> targets(String from) {
            return edges.getOrDefault(from, Map.of()).keySet();
        }

        /** Tarjan's algorithm; only groups of more than one package (a package never imports itself here). */
        private List<Set<String>> stronglyConnected() {
            Map<String, Integer> index = new HashMap<>();
            Map<String, Integer> low = new HashMap<>();
            Deque<String> stack = new ArrayDeque<>();
            Set<String> onStack = new TreeSet<>();
            List<Set<String>> groups = new ArrayList<>();
            for (String pkg : packages) {
                if (!index.containsKey(pkg)) {
                    connect(pkg, index, low, stack, onStack, groups);
                }
            }
            return groups;
        }

        private void connect(String pkg, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
                             Set<String> onStack, List<Set<String>> groups) {
            index.put(pkg, index.size());
            low.put(pkg, index.get(pkg));
            stack.push(pkg);
            onStack.add(pkg);
            for (String to : targets(pkg)) {
                if (!index.containsKey(to)) {
                    connect(to, index, low, stack, onStack, groups);
                    low.put(pkg, Math.min(low.get(pkg), low.get(to)));
                } else if (onStack.contains(to)) {
                    low.put(pkg, Math.min(low.get(pkg), index.get(to)));
                }
            }
            if (low.get(pkg).equals(index.get(pkg))) {
                Set<String> group = new TreeSet<>();
                String member;
                do {
                    member = stack.pop();
                    onStack.remove(member);
                    group.add(member);
                } while (!member.equals(pkg));
                if (group.size() > 1) {
                    groups.add(group);
                }
            }
        }

        /** Breadth first inside {@code group}, from {@code start} back to it: the path, with start at both ends. */
        private List<String> shortestCycle(String start, Set<String> group) {
            Map<String, String> cameFrom = new HashMap<>();
            Deque<String> queue = new ArrayDeque<>(List.of(start));
            while (!queue.isEmpty()) {
                String at = queue.poll();
                for (String to : targets(at)) {
                    if (to.equals(start)) {
                        List<String> path = new ArrayList<>(List.of(start));
                        for (String back = at; !back.equals(start); back = cameFrom.get(back)) {
                            path.add(0, back);
                        }
                        path.add(0, start);
                        return path;
                    }
                    if (group.contains(to) && !cameFrom.containsKey(to)) {
                        cameFrom.put(to, at);
                        queue.add(to);
                    }
                }
            }
            throw new IllegalStateException("no cycle through " + start + " in " + group);
        }
    }
}
