package org.portcullis.filter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portcullis.filter.testing.ApiCalls.PASSWORD;
import static org.portcullis.filter.testing.ApiCalls.bearer;
import static org.portcullis.filter.testing.ApiCalls.quote;
import static org.portcullis.filter.testing.ApiCalls.suffix;

import jakarta.servlet.http.HttpServlet;
import java.net.http.HttpResponse;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.portcullis.filter.testing.Browser;
import org.portcullis.filter.testing.Container;
import org.portcullis.filter.testing.GuardedServers;
import org.portcullis.filter.testing.HostPage;
import org.portcullis.filter.testing.Http;
import org.portcullis.filter.testing.LegacyServlets;
import org.portcullis.filter.testing.SmtpServer;

/**
 * Invitations in headless Chromium on Jetty and Tomcat, with real mail (GreenMail), on an invite-only site
 * ({@code signup.invitation.required=true}): an administrator invites an address; the invitee opens the mailed
 * link (a scanner opening it first spends nothing), chooses a name and a password on its page, and lands signed
 * in; another invitee types the mailed code on the sign-up page, which asks for it on an invite-only site.
 */
@Tag("browser")
@Tag("database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvitationBrowserTest {

    private static final String CONTEXT = "/app";
    private static final String PUBLIC_URL = "https://notes.example.com/app";
    private static final Pattern LINK = Pattern.compile(Pattern.quote(PUBLIC_URL) + "(/auth/link/[A-Za-z0-9_-]+)");

    private SmtpServer smtp;
    private GuardedServers servers;
    private Browser browser;
    private final Map<Container, String> administrators = new EnumMap<>(Container.class);

    @BeforeAll
    void start() throws Exception {
        browser = Browser.start();
        smtp = SmtpServer.started();
        Map<String, HttpServlet> servlets = LegacyServlets.standard();
        servlets.put("/home", new HostPage());
        Map<String, String> parameters = new HashMap<>(smtp.parameters());
        parameters.put("mail.outbox.interval", "PT0.2S");
        parameters.put("public.url", PUBLIC_URL);
        parameters.put("signup.invitation.required", "true");
        servers = GuardedServers.startAt(CONTEXT, "", servlets, parameters);
        for (Container container : Container.values()) {
            Http http = servers.http(container);
            String email = "admin-" + suffix() + "@example.com";
            // While nobody administers, the first sign-up is let in: it becomes the administrator who invites.
            assertEquals(200, http.signup("Ada Admin", email, PASSWORD).statusCode());
            String token = Http.tokenOf(http.signin(email, PASSWORD));
            assertEquals(200, http.action("world/become_an_administrator", "{}", bearer(token)).statusCode());
            administrators.put(container, token);
        }
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable open : new AutoCloseable[] {browser, servers, smtp}) {
            if (open != null) {
                open.close();
            }
        }
    }

    @BeforeEach
    void quietConsole() {
        browser.consoleSinceLastCall();
    }

    private static String email() {
        return "invitee-" + suffix() + "@example.com";
    }

    private void invite(Container container, String email) {
        HttpResponse<String> invited = servers.http(container).action("user_account/invite", "{\"email\":"
                + quote(email) + "}", bearer(administrators.get(container)));
        assertEquals(200, invited.statusCode(), invited.body());
    }

    private void assertSuccessShown() {
        String message = browser.awaitText("#portcullis-message", " ");
        assertTrue(browser.find("#portcullis-message").getAttribute("class").contains("portcullis-success"), message);
    }

    /** The host's page says who is signed in: {@code email}. */
    private void assertSignedInAs(Http http, String email) {
        browser.open(http.base() + "/home");
        assertEquals(email, browser.awaitText("#who [data-portcullis=email]", email));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void invitationWhenTheMailedLinkIsOpenedAndItsFormSentThenTheInviteeLandsSignedIn(Container container)
            throws Exception {
        Http http = servers.http(container);
        String invitee = email();
        invite(container, invitee);
        List<jakarta.mail.internet.MimeMessage> mails = smtp.awaitTo(invitee, 1);
        Matcher link = LINK.matcher(SmtpServer.body(mails.get(mails.size() - 1)));
        assertTrue(link.find(), "the invitation holds a link starting with public.url");
        String path = link.group(1);
        assertEquals(200, http.send("HEAD", path, null).statusCode(), "a scanner's HEAD spends nothing");
        assertEquals(200, http.get(path).statusCode(), "nor its GET");

        browser.open(http.base() + "/home");
        browser.forgetCookies();
        browser.open(http.base() + path);
        browser.screenshot("invitation-link-" + container.name().toLowerCase(Locale.ROOT));
        browser.type("#invitation-name", "Ivy Invitee");
        browser.type("#invitation-password", PASSWORD);
        browser.type("#invitation-confirm", PASSWORD);
        browser.click("button[type=submit]");

        assertSuccessShown();
        assertSignedInAs(http, invitee);
        assertEquals(404, http.get(path).statusCode(), "the invitation's link is spent");
        browser.assertNoPolicyViolation();
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signupPageWhenTheSiteIsInviteOnlyThenItAsksForTheMailedCodeAndTheInviteeLandsSignedIn(Container container)
            throws Exception {
        Http http = servers.http(container);
        String invitee = email();
        invite(container, invitee);
        String code = smtp.lastCode(invitee);

        browser.open(http.base() + "/home");
        browser.forgetCookies();
        browser.open(http.base() + "/auth/signup");
        browser.screenshot("invitation-signup-" + container.name().toLowerCase(Locale.ROOT));
        browser.type("#signup-name", "Ian Invitee");
        browser.type("#signup-email", invitee);
        browser.type("#signup-invitation", code);
        browser.type("#signup-password", PASSWORD);
        browser.type("#signup-confirm", PASSWORD);
        browser.click("button[type=submit]");

        assertSuccessShown();
        assertSignedInAs(http, invitee);
        browser.assertNoPolicyViolation();
    }
}
