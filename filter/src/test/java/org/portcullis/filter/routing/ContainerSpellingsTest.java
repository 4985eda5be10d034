package org.portcullis.filter.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Spellings of a guarded path as Tomcat and Jetty hand them to a filter: servlet path and path info,
 * already decoded once, for a servlet mapped at {@code /notes/*}, at {@code /*} or as the default servlet.
 * Each must come out as the instance it really names, a refusal, or a rejection; none may be read as
 * another instance or slip through unguarded (java-anchors §0, security-notes §5).
 *
 * <p>Outcomes: {@code note#1} (matched instance 1), {@code note#1:execute} (with the route's permission),
 * {@code note} (matched collection), {@code refused}, {@code rejected} (a {@link RejectedPathException}),
 * {@code unguarded}.
 */
class ContainerSpellingsTest {

    static Stream<Arguments> spellings() {
        return Stream.of(
                // the plain forms, for three servlet mappings
                row("/notes", "/1", "note#1"),
                row("", "/notes/1", "note#1"),
                row("/notes/1", null, "note#1"),
                row("/notes", null, "note"),
                row("/notes", "/", "note"),
                row("/NOTES", "/1", "note#1"),
                row("/Notes", "/1", "note#1"),
                // spellings the canonical form resolves to the instance they name
                row("/notes", "/1;x=y", "note#1"),
                row("/notes", "/1;", "note#1"),
                row("/notes;jsessionid=a", "/1", "note#1"),
                row("/notes", "/./1", "note#1"),
                row("/notes", "/x/../1", "note#1"),
                row("/x", "/../notes/1", "note#1"),
                row("/x;", "/../notes/1", "note#1"),
                row("/notes", "//1", "note#1"),
                row("/notes", "/1/", "note#1"),
                row("/notes", "/1/.", "note#1"),
                row("/notes", "/0", "note#0"),
                row("/notes", "/999999999999999999", "note#999999999999999999"),
                row("/notes", "/1/export", "note#1:execute"),
                row("/notes", "/1/EXPORT/", "note#1:execute"),
                // still encoded after the container decoded once, or ambiguous: rejected before routing
                row("/notes", "/%2e/1", "rejected"),
                row("/notes", "/%2e%2e/1", "rejected"),
                row("/notes", "/%31", "rejected"),
                row("/notes", "/1%00", "rejected"),
                row("/notes", "/1%2F2", "rejected"),
                row("/notes", "/1%252F2", "rejected"),
                row("/notes", "/%5c1", "rejected"),
                row("/notes", "/%u0031", "rejected"),
                row("/notes", "/..;/1", "rejected"),
                row("/notes", "/.;/1", "rejected"),
                row("/notes", "/;1", "rejected"),
                row("", "/;/notes/1", "rejected"),
                row("", "/../notes/1", "rejected"),
                row("/x", "//../notes/1", "rejected"),
                row("/notes", "/1\u0000", "rejected"),
                row("/notes", "/1\t", "rejected"),
                row("/notes", "/1\n", "rejected"),
                row("/notes", "/1\r", "rejected"),
                row("/notes", "/1\u000b", "rejected"),
                row("/notes", "/1\u007f", "rejected"),
                row("/notes", "/1\u0085", "rejected"),
                row("/notes", "/1\\", "rejected"),
                row("/notes", "/1\u2028", "rejected"),
                row("/notes", "/1\u2029", "rejected"),
                row("/notes", "/1\uff0f2", "rejected"),
                row("/notes", "/\uff0e\uff0e/1", "rejected"),
                // under /notes but not an id the grammar allows: refused, never another note
                row("/notes", "/1 ", "refused"),
                row("/notes", "/ 1", "refused"),
                row("/notes", "/1\u00a0", "refused"),
                row("/notes", "/1.json", "refused"),
                row("/notes", "/1.", "refused"),
                row("/notes", "/01", "refused"),
                row("/notes", "/00", "refused"),
                row("/notes", "/-1", "refused"),
                row("/notes", "/+1", "refused"),
                row("/notes", "/1a", "refused"),
                row("/notes", "/1e0", "refused"),
                row("/notes", "/0x1", "refused"),
                row("/notes", "/1#", "refused"),
                row("/notes", "/1,2", "refused"),
                row("/notes", "/\uff11", "refused"),
                row("/notes", "/\u0661", "refused"),
                row("/notes", "/1000000000000000000", "refused"),
                row("/notes", "/1/2", "refused"),
                row("/notes", "/1/other", "refused"),
                row("/notes", "/01/export", "refused"),
                row("/ notes", "/1", "refused"),
                row("/notes ", "/1", "refused"),
                row("/\uff4e\uff4f\uff54\uff45\uff53", "/1", "refused"),
                // the prefix route and its neighbours
                row("/admin", "/x/y", "admin_console"),
                row("/Admin", "/X", "admin_console"),
                row("", "/admin", "admin_console"),
                row("/admin;x=1", "/y", "admin_console"),
                row("/x", "/../admin/y", "admin_console"),
                row("/administrator", null, "unguarded"),
                row("/whoami", null, "unguarded"),
                row("", "/", "unguarded"),
                row("", null, "unguarded"),
                row("/notes.html", null, "unguarded"));
    }

    @ParameterizedTest(name = "[{index}] {3} -> {2}")
    @MethodSource("spellings")
    void resolveWhenContainerHandsOverThisSpellingThenExactlyThisOutcome(String servletPath, String pathInfo,
                                                                           String expected, String label) {
        assertEquals(expected, outcome(servletPath, pathInfo), label);
    }

    private static String outcome(String servletPath, String pathInfo) {
        Resolution resolution;
        try {
            resolution = RouteTableTest.NOTES.resolve(CanonicalPath.of(servletPath, pathInfo));
        } catch (RejectedPathException e) {
            return "rejected";
        }
        if (resolution instanceof Resolution.Matched matched) {
            RouteMatch match = matched.match();
            return match.route().entity() + match.instanceId().map(id -> "#" + id).orElse("")
                    + match.route().permission().map(p -> ":" + p).orElse("");
        }
        return resolution instanceof Resolution.Refused ? "refused" : "unguarded";
    }

    private static Arguments row(String servletPath, String pathInfo, String expected) {
        return Arguments.of(servletPath, pathInfo, expected, visible(servletPath) + " + " + visible(pathInfo));
    }

    /** The spelling with control and non-ASCII characters escaped, so a failing row can be read. */
    private static String visible(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        text.chars().forEach(c -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : (char) c));
        return out.append('"').toString();
    }
}
