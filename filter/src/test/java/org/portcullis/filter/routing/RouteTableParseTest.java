package org.portcullis.filter.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteTableParseTest {

    /** Parses and expects a failure; returns the message after checking it quotes the line and the form. */
    private static String error(String text, int line, String quoted) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RouteTable.parse(text));
        String message = e.getMessage();
        assertTrue(message.startsWith("line " + line + " \"" + quoted + "\": "), message);
        assertTrue(message.contains("expected PATTERN = entity[:permission]"), message);
        return message;
    }

    private static void assertError(String line, String problem) {
        assertTrue(error("/ok = ok\n" + line, 2, line.strip()).contains(problem), problem);
    }

    @Test
    void parseWhenBlankLinesAndCommentsThenIgnored() {
        RouteTable table = RouteTable.parse("\n  # the notes\n\n/notes = note\n   \n#/x = y\n");
        assertEquals(1, table.routes().size());
    }

    @Test
    void parseWhenWhitespaceAroundTokensThenIgnored() {
        Route route = RouteTable.parse("\t /notes/{id}/export\t=  note :  execute  ").routes().get(0);
        assertEquals("/notes/{id}/export", route.pattern().toString());
        assertEquals("note", route.entity());
        assertEquals(Optional.of("execute"), route.permission());
        assertEquals(Optional.of(IdGrammar.DIGITS), route.idGrammar());
    }

    @Test
    void parseWhenWindowsLineEndingsThenParsed() {
        assertEquals(2, RouteTable.parse("/a = a\r\n/b = b\r\n").routes().size());
    }

    @Test
    void parseWhenGrammarsGivenThenSelected() {
        List<Route> routes = RouteTable.parse("/a/{id:uuid} = a\n/b/{id:slug} = b\n/c/** = c").routes();
        assertEquals(Optional.of(IdGrammar.UUID), routes.get(0).idGrammar());
        assertEquals(Optional.of(IdGrammar.SLUG), routes.get(1).idGrammar());
        assertEquals(Optional.empty(), routes.get(2).idGrammar());
        assertTrue(routes.get(2).pattern().isPrefix());
    }

    @Test
    void parseWhenEveryPermissionNamedThenAccepted() {
        for (String permission : List.of("peek", "read", "create", "update", "delete", "execute", "refer")) {
            assertEquals(Optional.of(permission),
                    RouteTable.parse("/a = a:" + permission).routes().get(0).permission());
        }
    }

    @Test
    void parseWhenNoEqualsThenErrorNamesLineAndForm() {
        assertError("/notes note", "no '='");
    }

    @Test
    void parseWhenNoPatternThenError() {
        assertError("= note", "no pattern");
    }

    @Test
    void parseWhenTwoEqualsThenError() {
        assertError("/notes = note = x", "more than one '='");
    }

    @Test
    void parseWhenTwoColonsThenError() {
        assertError("/notes = note:read:peek", "more than one ':'");
    }

    @Test
    void parseWhenEntityMissingThenError() {
        assertError("/notes =", "entity ''");
    }

    @Test
    void parseWhenEntityHasUpperCaseThenError() {
        assertError("/notes = Note", "entity 'Note'");
    }

    @Test
    void parseWhenEntityStartsWithDigitThenError() {
        assertError("/notes = 1note", "entity '1note'");
    }

    @Test
    void parseWhenEntityLongerThanSixtyFourThenError() {
        RouteTable.parse("/a = a" + "b".repeat(63));
        assertError("/a = a" + "b".repeat(64), "entity 'a");
    }

    @Test
    void parseWhenUnknownPermissionThenError() {
        assertError("/notes = note:write", "permission 'write' is not one of");
    }

    @Test
    void parseWhenPermissionInUpperCaseThenError() {
        assertError("/notes = note:Execute", "permission 'Execute'");
    }

    @Test
    void parseWhenPermissionEmptyThenError() {
        assertError("/notes = note:", "permission ''");
    }

    @Test
    void parseWhenPatternWithoutLeadingSlashThenError() {
        assertError("notes = note", "must start with '/'");
    }

    @Test
    void parseWhenRootPatternThenError() {
        assertError("/ = site", "'/**' guards every path");
    }

    @Test
    void parseWhenTrailingSlashThenError() {
        assertError("/notes/ = note", "empty segment");
    }

    @Test
    void parseWhenDoubledSlashThenError() {
        assertError("/notes//x = note", "empty segment");
    }

    @Test
    void parseWhenTwoPlaceholdersThenError() {
        assertError("/notes/{id}/tags/{id} = note", "only one {id}");
    }

    @Test
    void parseWhenPlaceholderInsideSegmentThenError() {
        assertError("/notes/n{id} = note", "a placeholder is a whole segment");
    }

    @Test
    void parseWhenUnknownPlaceholderGrammarThenError() {
        assertError("/notes/{id:int} = note", "'{id:int}' is no placeholder");
        assertError("/notes/{ID} = note", "'{ID}' is no placeholder");
    }

    @Test
    void parseWhenPlaceholderFirstThenError() {
        assertError("/{id} = note", "needs a literal segment before it");
    }

    @Test
    void parseWhenDoubleStarNotLastThenError() {
        assertError("/admin/**/x = admin", "'**' may only be the last segment");
    }

    @Test
    void parseWhenIdAndDoubleStarThenError() {
        assertError("/notes/{id}/** = note", "not both");
    }

    @Test
    void parseWhenSingleStarOrOtherSyntaxThenError() {
        assertError("/admin/* = admin", "segment '*'");
        assertError("/admin/a b = admin", "segment 'a b'");
    }

    @Test
    void parseWhenDotSegmentThenError() {
        assertError("/notes/.. = note", "segment '..'");
    }

    @Test
    void parseWhenDuplicatePatternThenErrorNamesBothLines() {
        assertTrue(error("/notes = note\n\n/notes = other", 3, "/notes = other").contains("line 1"));
    }

    @Test
    void parseWhenPatternsDifferOnlyInCaseThenDuplicate() {
        error("/notes = note\n/NOTES = note", 2, "/NOTES = note");
    }

    @Test
    void parseWhenPatternsDifferOnlyInIdGrammarThenDuplicate() {
        error("/notes/{id} = note\n/notes/{id:slug} = note", 2, "/notes/{id:slug} = note");
    }
}
