package org.portcullis.filter.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.portcullis.filter.web.HostApplication;

/**
 * The mail templates: Portcullis' own for every purpose, the host's from {@code /WEB-INF/portcullis/mail/} in
 * their place, values HTML-escaped in the HTML part and kept on one line in the subject, optional
 * parts shown only with their value, and a host template that names an unknown value refused at the start.
 */
class MailTemplatesTest {

    private final Map<String, byte[]> files = new HashMap<>();
    private final HostApplication host = path -> Optional.ofNullable(files.get(path));

    private void hostFile(String name, String text) {
        files.put("/WEB-INF/portcullis/mail/" + name, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void renderWhenOwnTemplatesThenEveryPurposeHasASubjectATextAndAnHtmlPart() {
        MailTemplates templates = new MailTemplates(HostApplication.none(), "Notes");

        for (String purpose : MailTemplates.PURPOSES.keySet()) {
            Message mail = templates.render(purpose, "ada@example.com", Map.of("code", "042917", "email",
                    "ada@example.com", "name", "Ada", "minutes", "10"));
            assertFalse(mail.subject().isBlank(), purpose);
            assertTrue(mail.subject().contains("Notes"), purpose + ": the app's name in " + mail.subject());
            assertFalse(mail.text().contains("{{"), purpose + ": a value left out: " + mail.text());
            assertFalse(mail.html().contains("{{"), purpose + ": a value left out: " + mail.html());
            assertEquals(purpose, mail.template());
        }
    }

    @Test
    void renderWhenAValueHoldsMarkupThenTheHtmlPartEscapesItAndTheTextKeepsIt() {
        MailTemplates templates = new MailTemplates(HostApplication.none(), "Notes");

        Message mail = templates.render("verify_email", "ada@example.com", Map.of("code", "042917", "name",
                "<script>alert('x')</script>&", "minutes", "10"));

        assertTrue(mail.html().contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;"), mail.html());
        assertFalse(mail.html().contains("<script>"), mail.html());
        assertTrue(mail.text().contains("<script>alert('x')</script>&"), "plain text is not HTML");
    }

    @Test
    void renderWhenTheLinkIsGivenThenItsPartIsShownAndWithoutItThePartIsLeftOut() {
        MailTemplates templates = new MailTemplates(HostApplication.none(), "Notes");
        String link = "https://notes.example.com/auth/link/" + "a".repeat(43);

        Message with = templates.render("reset_password", "a@example.com", Map.of("code", "1", "link", link));
        Message without = templates.render("reset_password", "a@example.com", Map.of("code", "1"));

        assertTrue(with.text().contains(link) && with.html().contains("href=\"" + link + "\""), with.html());
        assertFalse(without.text().contains("/auth/link/") || without.html().contains("href"), without.html());
        assertFalse(without.text().contains("open this link"), without.text());
    }

    @Test
    void renderWhenTheHostReplacesATemplateThenItsFileIsUsedAndTheOthersStayPortcullis() {
        hostFile("verify_email.subject", "Welcome to {{app_name}}\n");
        hostFile("verify_email.txt", "Hi {{name}}! Code: {{code}}.");
        {
            MailTemplates templates = new MailTemplates(host, "Notes");

            Message mail = templates.render("verify_email", "a@example.com", Map.of("code", "042917", "name", "Ada"));

            assertEquals("Welcome to Notes", mail.subject());
            assertEquals("Hi Ada! Code: 042917.", mail.text());
            assertTrue(mail.html().contains("042917"), "the HTML was not replaced: Portcullis' own");
            assertEquals("Reset your Notes password", templates.render("reset_password", "a@example.com",
                    Map.of("code", "1")).subject());
        }
    }

    @Test
    void renderWhenAValueHoldsALineBreakThenTheSubjectStaysOneLine() {
        hostFile("add_email.subject", "Code for {{email}}");
        {
            Message mail = new MailTemplates(host, "Notes").render("add_email", "a@example.com",
                    Map.of("email", "a@example.com\r\nBcc: victim@example.com", "code", "1"));

            assertFalse(mail.subject().contains("\n") || mail.subject().contains("\r"), mail.subject());
        }
    }

    @Test
    void startWhenAHostTemplateNamesAValueItsPurposeHasNotThenRefusedNamingTheFile() {
        hostFile("add_email.txt", "Your password is {{password}}");
        {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> new MailTemplates(host, "Notes"));

            assertTrue(refused.getMessage().contains("/WEB-INF/portcullis/mail/add_email.txt"), refused.getMessage());
            assertTrue(refused.getMessage().contains("{{password}}"), refused.getMessage());
        }
    }

    @Test
    void renderWhenThePurposeIsUnknownThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MailTemplates(HostApplication.none(), "Notes").render("nope", "a@b.c",
                Map.of()));
    }
}
