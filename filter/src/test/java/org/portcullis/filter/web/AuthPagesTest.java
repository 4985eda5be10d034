package org.portcullis.filter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthPagesTest {

    private static final AuthPages.Switches ALL = new AuthPages.Switches(true, true, true, true, true);
    private static final String TOKEN = "dG9rZW4tb2YtYS1saXZlLWxpbmstZm9yLXRoZS10ZXN0";

    /** The body {@link AuthPages#serveLink} writes for a GET of {@code path} under {@code /app}. */
    private static String link(AuthPages pages, String path, HttpServletResponse response) throws IOException {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getMethod()).thenReturn("GET");
        when(request.getContextPath()).thenReturn("/app");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        when(response.getOutputStream()).thenReturn(new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }

            @Override
            public void write(int b) {
                body.write(b);
            }
        });
        pages.serveLink(path, request, response);
        return body.toString(StandardCharsets.UTF_8);
    }

    @Test
    void linkPageWhenTheTokenIsASignupLinkThenAConfirmButtonCarryingIt() throws IOException {
        List<String> asked = new ArrayList<>();
        AuthPages pages = new AuthPages(ALL, "Notes", HostApplication.none(), token -> {
            asked.add(token);
            return AuthPages.LinkKind.VERIFY_EMAIL;
        });
        HttpServletResponse response = mock(HttpServletResponse.class);

        String html = link(pages, AuthPages.LINK + TOKEN, response);

        assertEquals(List.of(TOKEN), asked, "looked up once, nothing else");
        verify(response).setStatus(200);
        verify(response).setHeader("Referrer-Policy", "no-referrer");
        verify(response).setHeader("Cache-Control", "no-store");
        assertTrue(html.contains("data-action=\"user_account/verify_email\""), html);
        assertTrue(html.contains("<input type=\"hidden\" name=\"token\" value=\"" + TOKEN + "\">"), html);
        assertTrue(html.contains("Confirm my e-mail"), html);
    }

    @Test
    void linkPageWhenTheTokenIsAPasswordLinkThenANewPasswordFormCarryingIt() throws IOException {
        AuthPages pages = new AuthPages(ALL, "Notes", HostApplication.none(), token -> AuthPages.LinkKind.RESET_PASSWORD);

        String html = link(pages, AuthPages.LINK + TOKEN, mock(HttpServletResponse.class));

        assertTrue(html.contains("data-action=\"user_account/reset_password\""), html);
        assertTrue(html.contains("name=\"token\" value=\"" + TOKEN + "\""), html);
        assertTrue(html.contains("name=\"password\"") && html.contains("name=\"passwordConfirm\""), html);
    }

    @Test
    void linkPageWhenTheTokenCannotBeOneThenDeadWithoutALookup() throws IOException {
        List<String> asked = new ArrayList<>();
        AuthPages pages = new AuthPages(ALL, "Notes", HostApplication.none(), token -> {
            asked.add(token);
            return AuthPages.LinkKind.VERIFY_EMAIL;
        });
        for (String token : List.of("", "short", "a/b/" + TOKEN, TOKEN + "\"><script>", "x".repeat(201))) {
            HttpServletResponse response = mock(HttpServletResponse.class);

            String html = link(pages, AuthPages.LINK + token, response);

            verify(response).setStatus(404);
            assertTrue(html.contains("expired or was used") && !html.contains("<script>") && !html.contains("name=\"token\""),
                    token);
        }
        assertEquals(List.of(), asked);
    }

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
