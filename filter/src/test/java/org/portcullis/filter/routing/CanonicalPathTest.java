package org.portcullis.filter.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CanonicalPathTest {

    private static String canonical(String servletPath, String pathInfo) {
        return CanonicalPath.of(servletPath, pathInfo).value();
    }

    private static void assertRejected(String servletPath, String pathInfo) {
        assertThrows(RejectedPathException.class, () -> CanonicalPath.of(servletPath, pathInfo));
    }

    @Test
    void ofWhenBothNullThenRoot() {
        assertEquals("/", canonical(null, null));
    }

    @Test
    void ofWhenServletPathAndPathInfoThenJoined() {
        assertEquals("/notes/1", canonical("/notes", "/1"));
        assertEquals("/notes/1", canonical("", "/notes/1"));
        assertEquals("/notes/1", canonical("/notes/1", null));
    }

    @Test
    void ofWhenPathParametersThenRemovedFromEverySegment() {
        assertEquals("/notes/1", canonical("/notes;jsessionid=x", "/1;v=2"));
    }

    @Test
    void ofWhenDotSegmentsThenResolved() {
        assertEquals("/notes/1", canonical("/notes", "/./x/../1/."));
    }

    @Test
    void ofWhenDotDotAboveRootThenRejected() {
        assertRejected("", "/../notes/1");
        assertRejected("/notes", "/../../1");
    }

    @Test
    void ofWhenDotDotAfterEmptySegmentThenRejected() {
        assertRejected("/x", "//../notes/1");
    }

    @Test
    void ofWhenDuplicateSlashesThenCollapsed() {
        assertEquals("/notes/1", canonical("/notes", "//1"));
    }

    @Test
    void ofWhenTrailingSlashThenDroppedButRootKept() {
        assertEquals("/notes", canonical("/notes", "/"));
        assertEquals("/", canonical("", "/"));
    }

    @Test
    void ofWhenNotStartingWithSlashThenRejected() {
        assertRejected("notes", null);
    }

    @Test
    void ofWhenControlCharacterThenRejected() {
        for (String pathInfo : new String[] {"/1\u0000", "/1\t", "/1\n", "/1\r", "/1\u007f", "/1\u0085"}) {
            assertThrows(RejectedPathException.class, () -> CanonicalPath.of("/notes", pathInfo));
        }
    }

    @Test
    void ofWhenBackslashThenRejected() {
        assertRejected("/notes", "/1\\");
    }

    @Test
    void ofWhenLineOrParagraphSeparatorThenRejected() {
        assertRejected("/notes", "/1\u2028");
        assertRejected("/notes", "/1\u2029");
    }

    @Test
    void ofWhenStillPercentEncodedThenRejected() {
        for (String pathInfo : new String[] {"/%2e/1", "/1%2F2", "/%25", "/%5c", "/%31", "/%u0031", "/1%"}) {
            assertThrows(RejectedPathException.class, () -> CanonicalPath.of("/notes", pathInfo));
        }
    }

    @Test
    void ofWhenDotSegmentCarriesParametersThenRejected() {
        assertRejected("/notes", "/..;/1");
        assertRejected("/notes", "/.;x/1");
    }

    @Test
    void ofWhenEmptySegmentCarriesParametersThenRejected() {
        assertRejected("/notes", "/;1");
        assertRejected("", "/;/admin");
    }

    @Test
    void ofWhenCompatibilityCharacterFoldsToPathSyntaxThenRejected() {
        assertRejected("/notes", "/1\uff0f2");      // fullwidth solidus
        assertRejected("/notes", "/x/\uff0e\uff0e/1"); // fullwidth dots
        assertRejected("/notes", "/1\ufe68");       // small reverse solidus
    }

    @Test
    void ofWhenNonAsciiWithoutPathSyntaxThenKept() {
        assertEquals("/notes/\uff11", canonical("/notes", "/\uff11"));
    }

    @Test
    void valueWhenMixedCaseThenKeptAndLowerCaseFolds() {
        CanonicalPath path = CanonicalPath.of("/NOTES", "/AbC");
        assertEquals("/NOTES/AbC", path.value());
        assertEquals("/notes/abc", path.lowerCase());
    }

    @Test
    void equalsWhenSameCanonicalFormThenEqual() {
        assertEquals(CanonicalPath.of("/notes", "/1"), CanonicalPath.of("", "/notes/./1/"));
        assertNotEquals(CanonicalPath.of("/notes", "/1"), CanonicalPath.of("/NOTES", "/1"));
    }

    @Test
    void reasonWhenRejectedThenShortAndWithoutThePath() {
        RejectedPathException e = assertThrows(RejectedPathException.class,
                () -> CanonicalPath.of("/secret-name", "/%2e"));
        assertEquals(e.getMessage(), e.reason());
        assertEquals(-1, e.reason().indexOf("secret-name"));
    }
}
