package org.portcullis.filter.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.portcullis.filter.actions.Reply;
import org.portcullis.filter.web.SafeRedirect;

class SafeRedirectTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/notes", "/app/notes/1?x=1&y=%20", "/a+b", "/auth/signin#top", "/%41"})
    void targetWhenAPathOnThisSiteThenKept(String target) {
        assertTrue(SafeRedirect.isRelative(target), target);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "notes", "//evil.example", "/\\evil.example", "https://evil.example", "http:/x",
            "javascript:alert(1)", "/%2F/evil.example", "/%2fevil.example", "/%5Cevil.example", "/%252F%252Fevil.example",
            "/%25252F/evil.example", "/\t/evil.example", "/\n/evil.example", "/%09/evil.example", "/ /x", " /x",
            "/a\\b", "/%zz", "/\u2028x", "%2F%2Fevil.example"})
    void targetWhenItCouldLeaveTheSiteThenRefused(String target) {
        assertFalse(SafeRedirect.isRelative(target), target);
    }

    /** The spellings a sign-in page's {@code ?next=} is attacked with, each of which must not leave the site. */
    @ParameterizedTest
    @ValueSource(strings = {"/%2F%2Fevil.example", "/%2f%2fevil.example", "///evil.example", "\\\\evil.example",
            "\\/evil.example", "/\\/evil.example", "/%5C%5Cevil.example", "/%2F%5Cevil.example",
            "https:evil.example", "HTTPS://evil.example", "JavaScript:alert(1)", " javascript:alert(1)",
            "data:text/html,x", "/\r\n/evil.example", "/x\r\nSet-Cookie: a=1", "/%0d%0aSet-Cookie:a=1", "/%0D%0A",
            "/x\rLocation: //evil.example", "/%00x", "/\u0000x", "/%E2%80%A8x", "/%25%32%46/evil.example"})
    void targetWhenASpellingOfAnotherSiteOrAHeaderBreakThenRefused(String target) {
        assertFalse(SafeRedirect.isRelative(target), target);
    }

    @Test
    void nullWhenGivenThenRefused() {
        assertFalse(SafeRedirect.isRelative(null));
        assertEquals("/", SafeRedirect.orElse(null, "/"));
    }

    @Test
    void replyRedirectWhenOffSiteThenReplacedByTheRoot() {
        assertEquals("/", Reply.ok().redirect("//evil.example", 0).items().get(0).get("Attributes") instanceof
                java.util.Map<?, ?> m ? m.get("location") : null);
        assertEquals("/app/", Reply.ok().redirect("/app/", 0).items().get(0).get("Attributes") instanceof
                java.util.Map<?, ?> m ? m.get("location") : null);
    }
}
