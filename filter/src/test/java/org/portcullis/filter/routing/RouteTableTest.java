package org.portcullis.filter.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.portcullis.filter.routing.Resolution.Refused.Cause;

class RouteTableTest {

    static final RouteTable NOTES = RouteTable.parse("""
            /notes             = note
            /notes/{id}        = note
            /notes/{id}/export = note:execute
            /admin/**          = admin_console
            """);

    private static Resolution resolve(RouteTable table, String path) {
        return table.resolve(CanonicalPath.of(path, null));
    }

    private static RouteMatch matched(RouteTable table, String path) {
        return assertInstanceOf(Resolution.Matched.class, resolve(table, path)).match();
    }

    private static Resolution.Refused refused(RouteTable table, String path) {
        return assertInstanceOf(Resolution.Refused.class, resolve(table, path));
    }

    private static void assertUnguarded(RouteTable table, String path) {
        assertInstanceOf(Resolution.Unguarded.class, resolve(table, path), path);
    }

    @Test
    void resolveWhenCollectionThenMatchedWithoutId() {
        RouteMatch match = matched(NOTES, "/notes");
        assertEquals("note", match.route().entity());
        assertTrue(match.isCollection());
        assertEquals(Optional.empty(), match.route().permission());
    }

    @Test
    void resolveWhenDigitsIdThenMatchedWithThatId() {
        RouteMatch match = matched(NOTES, "/notes/1");
        assertEquals("note", match.route().entity());
        assertEquals(Optional.of("1"), match.instanceId());
        assertTrue(match.isInstance());
    }

    @Test
    void resolveWhenLiteralInUpperCaseThenMatched() {
        assertEquals(Optional.of("1"), matched(NOTES, "/NOTES/1").instanceId());
    }

    @Test
    void resolveWhenSlugInMixedCaseThenIdKeepsItsCase() {
        RouteTable table = RouteTable.parse("/files/{id:slug} = file");
        assertEquals(Optional.of("Read-Me_2"), matched(table, "/FILES/Read-Me_2").instanceId());
    }

    @Test
    void resolveWhenRouteNamesPermissionThenMatchCarriesIt() {
        RouteMatch match = matched(NOTES, "/notes/1/export");
        assertEquals(Optional.of("1"), match.instanceId());
        assertEquals(Optional.of("execute"), match.route().permission());
    }

    @Test
    void resolveWhenIdHasLeadingZeroThenRefused() {
        assertEquals(Cause.INVALID_ID, refused(NOTES, "/notes/01").cause());
    }

    @Test
    void resolveWhenIdHasSuffixThenRefused() {
        assertEquals(Cause.INVALID_ID, refused(NOTES, "/notes/1.json").cause());
    }

    @Test
    void resolveWhenIdHasTrailingSpaceThenRefused() {
        assertEquals(Cause.INVALID_ID, refused(NOTES, "/notes/1 ").cause());
    }

    @Test
    void resolveWhenIdIsNegativeThenRefused() {
        assertEquals(Cause.INVALID_ID, refused(NOTES, "/notes/-1").cause());
    }

    @Test
    void resolveWhenIdHasLetterThenRefused() {
        assertEquals(Cause.INVALID_ID, refused(NOTES, "/notes/1a").cause());
    }

    @Test
    void resolveWhenIdHasNineteenDigitsThenRefused() {
        assertEquals(Cause.INVALID_ID, refused(NOTES, "/notes/1000000000000000000").cause());
        assertEquals(Optional.of("999999999999999999"), matched(NOTES, "/notes/999999999999999999").instanceId());
    }

    @Test
    void resolveWhenIdIsZeroThenMatched() {
        assertEquals(Optional.of("0"), matched(NOTES, "/notes/0").instanceId());
    }

    @Test
    void resolveWhenInvalidIdUnderSubrouteThenRefused() {
        assertEquals(Cause.INVALID_ID, refused(NOTES, "/notes/01/export").cause());
    }

    @Test
    void resolveWhenExtraSegmentThenRefused() {
        assertEquals(Cause.NO_ROUTE, refused(NOTES, "/notes/1/other").cause());
        assertEquals(Cause.NO_ROUTE, refused(NOTES, "/notes/1/export/x").cause());
    }

    @Test
    void resolveWhenRefusedThenReasonNamesTheRouteNotThePath() {
        assertEquals("the id in /notes/{id} must be digits without a leading zero",
                refused(NOTES, "/notes/01").reason());
        assertEquals("no route under /notes matches this path", refused(NOTES, "/notes/1/other").reason());
    }

    @Test
    void resolveWhenPrefixRouteThenCoversItsOwnPathAndEverythingBelow() {
        assertEquals("admin_console", matched(NOTES, "/admin").route().entity());
        assertTrue(matched(NOTES, "/admin/x/y").isCollection());
    }

    @Test
    void resolveWhenPrefixRouteInOtherCaseThenMatched() {
        assertEquals("admin_console", matched(NOTES, "/Admin/X").route().entity());
    }

    @Test
    void resolveWhenPathOnlySharesLettersWithAPrefixThenUnguarded() {
        assertUnguarded(NOTES, "/administrator");
        assertUnguarded(NOTES, "/notesx/1");
    }

    @Test
    void resolveWhenRootOrOtherPathThenUnguarded() {
        assertUnguarded(NOTES, "/");
        assertUnguarded(NOTES, "/whoami");
    }

    @Test
    void resolveWhenNoRoutesThenEverythingUnguarded() {
        assertUnguarded(RouteTable.parse(""), "/notes/1");
        assertUnguarded(RouteTable.parse(null), "/");
    }

    @Test
    void resolveWhenLiteralLooksLikeGuardedOneAfterTrimmingThenRefused() {
        assertEquals(Cause.LOOK_ALIKE, refused(NOTES, "/ notes/1").cause());
        assertEquals(Cause.LOOK_ALIKE, refused(NOTES, "/notes\u00a0").cause());
        assertEquals(Cause.LOOK_ALIKE, refused(NOTES, "/\uff4e\uff4f\uff54\uff45\uff53").cause()); // fullwidth
        assertEquals(Cause.LOOK_ALIKE, refused(NOTES, "/ admin/x").cause());
    }

    @Test
    void resolveWhenLiteralFoldsToGuardedOneIgnoringCaseThenMatched() {
        // equalsIgnoreCase folds U+212A (Kelvin sign) to 'k'; a router comparing that way would serve /kb.
        assertEquals("kb", matched(RouteTable.parse("/kb = kb"), "/\u212ab").route().entity());
    }

    @Test
    void resolveWhenLiteralAndIdRouteBothFitThenLiteralWins() {
        RouteTable table = RouteTable.parse("/files/{id:slug} = file\n/files/new = file:create");
        assertEquals(Optional.of("create"), matched(table, "/files/new").route().permission());
        assertEquals(Optional.of("old"), matched(table, "/files/old").instanceId());
    }

    @Test
    void resolveWhenIdRouteAndPrefixBothFitThenIdRouteWins() {
        RouteTable table = RouteTable.parse("/notes/** = note_area\n/notes/{id} = note");
        assertEquals("note", matched(table, "/notes/1").route().entity());
        assertEquals("note_area", matched(table, "/notes/1/x").route().entity());
    }

    @Test
    void resolveWhenTwoPrefixesFitThenLongerWins() {
        RouteTable table = RouteTable.parse("/** = site\n/admin/** = admin_console\n/admin/audit/** = audit");
        assertEquals("audit", matched(table, "/admin/audit/1").route().entity());
        assertEquals("admin_console", matched(table, "/admin/users").route().entity());
        assertEquals("site", matched(table, "/").route().entity());
    }

    @Test
    void resolveWhenInvalidIdUnderCatchAllPrefixThenRefusedNotSwallowed() {
        RouteTable table = RouteTable.parse("/** = site\n/notes/{id} = note");
        assertEquals(Cause.INVALID_ID, refused(table, "/notes/01").cause());
        assertEquals(Cause.LOOK_ALIKE, refused(table, "/ notes/1").cause());
    }

    @Test
    void resolveWhenDeeperRouteCoversPathThenCatchAllPrefixDoesNotSwallowIt() {
        RouteTable table = RouteTable.parse("/** = site\n/notes/{id} = note");
        assertEquals(Cause.NO_ROUTE, refused(table, "/notes/1/other").cause());
        assertEquals(Cause.NO_ROUTE, refused(table, "/notes").cause());
        assertEquals("site", matched(table, "/about").route().entity());
    }

    @Test
    void resolveWhenOnlyIdRouteAndCollectionRequestedThenRefused() {
        assertEquals(Cause.NO_ROUTE, refused(RouteTable.parse("/notes/{id} = note"), "/notes").cause());
    }

    @Test
    void resolveWhenUuidRouteThenOnlyLowerCaseCanonicalSpellingMatches() {
        RouteTable table = RouteTable.parse("/docs/{id:uuid} = doc");
        String id = "123e4567-e89b-12d3-a456-426614174000";
        assertEquals(Optional.of(id), matched(table, "/docs/" + id).instanceId());
        assertEquals(Cause.INVALID_ID, refused(table, "/docs/" + id.toUpperCase()).cause());
        assertEquals(Cause.INVALID_ID, refused(table, "/docs/" + id.replace("-", "")).cause());
        assertEquals(Cause.INVALID_ID, refused(table, "/docs/{" + id + "}").cause());
    }

    @Test
    void resolveWhenSlugRouteThenCharactersAndLengthChecked() {
        RouteTable table = RouteTable.parse("/pages/{id:slug} = page");
        assertEquals(Optional.of("a".repeat(64)), matched(table, "/pages/" + "a".repeat(64)).instanceId());
        assertEquals(Cause.INVALID_ID, refused(table, "/pages/" + "a".repeat(65)).cause());
        assertEquals(Cause.INVALID_ID, refused(table, "/pages/a.b").cause());
        assertEquals(Cause.INVALID_ID, refused(table, "/pages/a~b").cause());
    }

    @Test
    void routeMatchWhenUnguardedOrRefusedThenEmpty() {
        assertFalse(resolve(NOTES, "/whoami").routeMatch().isPresent());
        assertFalse(resolve(NOTES, "/notes/01").routeMatch().isPresent());
        assertEquals(Optional.of("1"), resolve(NOTES, "/notes/1").routeMatch().flatMap(RouteMatch::instanceId));
    }
}
