package org.portcullis.filter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthPagesTest {

    private static final AuthPages.Switches ALL = new AuthPages.Switches(true, true, true, true, true);

    /** A web application whose WAR holds {@code files}. */
    private static HostApplication war(Map<String, String> files) {
        return path -> Optional.ofNullable(files.get(path)).map(text -> text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void hostLayoutWhenItHasNoPlaceForThePageThenRefusedAtStart() {
        HostApplication host = war(Map.of(AuthPages.HOST_PAGES + "layout.html", "<html>{{title}}</html>"));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new AuthPages(ALL, "Notes", host, token -> AuthPages.LinkKind.DEAD));
        assertTrue(refused.getMessage().contains("layout.html has no {{content}}"), refused.getMessage());
    }

    @Test
    void hostMessagesWhenTheyLackAPagesTitleThenEnglishStays() {
        HostApplication host = war(Map.of(PageTexts.HOST_FILE, "signin.submit = Go\n"));

        PageTexts texts = PageTexts.of(host);
        assertEquals(Optional.of("Go"), texts.text("signin.submit"));
        assertEquals(Optional.of("Sign in"), texts.text("signin.title"));
    }

    @Test
    void scriptTextsWhenRenderedThenOnlyScriptAndErrorKeysEscapedInAnInertTemplate() {
        HostApplication host = war(Map.of(PageTexts.HOST_FILE, "error.throttled = <b>slow</b> down\n"));

        String html = PageTexts.of(host).forScript();
        assertTrue(html.startsWith("<template id=\"portcullis-texts\">") && html.endsWith("</template>"), html);
        assertTrue(html.contains("<span data-code=\"throttled\">&lt;b&gt;slow&lt;/b&gt; down</span>"), html);
        assertTrue(html.contains("<span data-text=\"retry\">Try again in {seconds} seconds.</span>"), html);
        assertFalse(html.contains("signin.title") || html.contains("Sign in"), html);
    }

    @Test
    void pagesWhenAllAreOffButMeThenOnlyTheScriptAndStylesheetAreServed() {
        AuthPages pages = new AuthPages(new AuthPages.Switches(false, false, false, false, true), "Notes",
                HostApplication.none(), token -> AuthPages.LinkKind.DEAD);

        assertEquals(java.util.List.of("/auth/portcullis.js", "/auth/portcullis.css"), pages.paths());
        assertFalse(pages.linkPages());
    }
}
