package org.portcullis.filter.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mail templates: Portcullis' own for every purpose, the host's from {@code portcullis/mail/} on its class
 * path in their place, values HTML-escaped in the HTML part and kept on one line in the subject, optional
 * parts shown only with their value, and a host template that names an unknown value refused at the start.
 */
class MailTemplatesTest {

    @TempDir
    Path host;

    private URLClassLoader hostLoader() throws Exception {
        return new URLClassLoader(new URL[] {host.toUri().toURL()}, null);
    }

    private void hostFile(String name, String text) throws Exception {
        Path file = host.resolve("portcullis/mail/" + name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Test
    void renderWhenOwnTemplatesThenEveryPurposeHasASubjectATextAndAnHtmlPart() {
        MailTemplates templates = new MailTemplates(null, "Notes");

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
        MailTemplates templates = new MailTemplates(null, "Notes");

        Message mail = templates.render("verify_email", "ada@example.com", Map.of("code", "042917", "name",
                "<script>alert('x')</script>&", "minutes", "10"));

        assertTrue(mail.html().contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;"), mail.html());
        assertFalse(mail.html().contains("<script>"), mail.html());
        assertTrue(mail.text().contains("<script>alert('x')</script>&"), "plain text is not HTML");
    }

    @Test
    void renderWhenTheLinkIsGivenThenItsPartIsShownAndWithoutItThePartIsLeftOut() {
        MailTemplates templates = new MailTemplates(null, "Notes");
        String link = "https://notes.example.com/auth/link/" + "a".repeat(43);

        Message with = templates.render("reset_password", "a@example.com", Map.of("code", "1", "link", link));
        Message without = templates.render("reset_password", "a@example.com", Map.of("code", "1"));

        assertTrue(with.text().contains(link) && with.html().contains("href=\"" + link + "\""), with.html());
        assertFalse(without.text().contains("/auth/link/") || without.html().contains("href"), without.html());
        assertFalse(without.text().contains("open this link"), without.text());
    }

    @Test
    void renderWhenTheHostReplacesATemplateThenItsFileIsUsedAndTheOthersStayPortcullis() throws Exception {
        hostFile("verify_email.subject", "Welcome to {{app_name}}\n");
        hostFile("verify_email.txt", "Hi {{name}}! Code: {{code}}.");
        try (URLClassLoader loader = hostLoader()) {
            MailTemplates templates = new MailTemplates(loader, "Notes");

            Message mail = templates.render("verify_email", "a@example.com", Map.of("code", "042917", "name", "Ada"));

            assertEquals("Welcome to Notes", mail.subject());
            assertEquals("Hi Ada! Code: 042917.", mail.text());
            assertTrue(mail.html().contains("042917"), "the HTML was not replaced: Portcullis' own");
            assertEquals("Reset your Notes password", templates.render("reset_password", "a@example.com",
                    Map.of("code", "1")).subject());
        }
    }

    @Test
    void renderWhenAValueHoldsALineBreakThenTheSubjectStaysOneLine() throws Exception {
        hostFile("add_email.subject", "Code for {{email}}");
        try (URLClassLoader loader = hostLoader()) {
            Message mail = new MailTemplates(loader, "Notes").render("add_email", "a@example.com",
                    Map.of("email", "a@example.com\r\nBcc: victim@example.com", "code", "1"));

            assertFalse(mail.subject().contains("\n") || mail.subject().contains("\r"), mail.subject());
        }
    }

    @Test
    void startWhenAHostTemplateNamesAValueItsPurposeHasNotThenRefusedNamingTheFile() throws Exception {
        hostFile("add_email.txt", "Your password is {{password}}");
        try (URLClassLoader loader = hostLoader()) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> new MailTemplates(loader, "Notes"));

            assertTrue(refused.getMessage().contains("portcullis/mail/add_email.txt"), refused.getMessage());
            assertTrue(refused.getMessage().contains("{{password}}"), refused.getMessage());
        }
    }

    @Test
    void renderWhenThePurposeIsUnknownThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MailTemplates(null, "Notes").render("nope", "a@b.c",
                Map.of()));
    }
}
