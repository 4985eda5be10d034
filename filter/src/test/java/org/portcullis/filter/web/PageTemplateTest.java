package org.portcullis.filter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PageTemplateTest {

    private static final Set<String> PER_REQUEST = Set.of("context", "email");

    private static PageTemplate bound(String text) {
        return PageTemplate.parse("test.html", text).bind(name -> name.equals("on"),
                key -> key.equals("hello") ? Optional.of("Hello <you> & \"them\"") : Optional.empty(),
                Map.of("app", "A&B", "raw", "<b>raw</b>"), Set.of("raw"), PER_REQUEST);
    }

    @Test
    void renderWhenValuesAreHostileThenEachIsEscapedOnce() {
        String page = bound("<input value=\"{{email}}\">").render(Map.of("email", "\"><script>x</script>'&amp;"));

        assertEquals("<input value=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;&#39;&amp;amp;\">", page);
    }

    @Test
    void renderWhenAValueLooksLikeAPlaceThenItStaysText() {
        assertEquals("{{context}}|/app", bound("{{email}}|{{context}}").render(Map.of("email", "{{context}}", "context", "/app")));
    }

    @Test
    void bindWhenMessagesAndSharedValuesThenEscapedUnlessDeclaredHtml() {
        assertEquals("Hello &lt;you&gt; &amp; &quot;them&quot; A&amp;B <b>raw</b>",
                bound("{{msg:hello}} {{app}} {{raw}}").render(Map.of()));
    }

    @Test
    void bindWhenSectionsThenKeptWhenOnAndDroppedWhenOff() {
        assertEquals("[in][]", bound("[{{#on}}in{{/on}}][{{#off}}out {{email}}{{/off}}]").render(Map.of()));
    }

    @Test
    void bindWhenAPlaceOrMessageIsUnknownOrMisspeltThenRefusedNamingTheSourceAndEachOne() {
        for (String text : new String[] {"{{password}}", "{{msg:nope}}", "{{ context }}", "{{#on}}never closed",
                "{{Email!}}"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> bound(text), text);

            assertTrue(refused.getMessage().startsWith("test.html uses "), refused.getMessage());
        }
    }

    @Test
    void renderWhenARequestLeavesAPlaceOutThenEmpty() {
        assertEquals("<a href=\"/x\">", bound("<a href=\"{{context}}/x\">").render(Map.of()));
    }
}
