package org.portcullis.filter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portcullis.filter.testing.ApiCalls.PASSWORD;
import static org.portcullis.filter.testing.ApiCalls.quote;
import static org.portcullis.filter.testing.ApiCalls.suffix;

import jakarta.servlet.http.HttpServlet;
import java.net.http.HttpResponse;
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
 * The onboarding pages in headless Chromium on Jetty and Tomcat, with real mail (GreenMail): sign up with
 * {@code signup.verification=code}, read the code from the mail, confirm it on {@code /auth/verify}, sign
 * in; forget the password, read the mailed link (it starts with {@code public.url}), open it (as a mail
 * scanner would, too: nothing is used up), set a new password on its page, sign in with it; sign up with
 * {@code signup.verification=link} and confirm through the link's button.
 *
 * <p>These need the backend of issue 15 (the onboarding actions, the link store behind
 * {@code OneTimeCodes.linkPurpose}, {@code public.url}); until it lands they fail at start on the
 * parameters it brings.
 */
@Tag("browser")
@Tag("database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnboardingBrowserTest {

    private static final String CONTEXT = "/app";
    /** What the mailed links begin with; the test opens the rest of each link on the container at hand. */
    private static final String PUBLIC_URL = "https://notes.example.com/app";
    private static final Pattern LINK = Pattern.compile(Pattern.quote(PUBLIC_URL) + "(/auth/link/[A-Za-z0-9_-]+)");
    private static final String NEW_PASSWORD = "a brand new passphrase";

    private SmtpServer smtp;
    private GuardedServers byCode;
    private GuardedServers byLink;
    private Browser browser;

    @BeforeAll
    void start() throws Exception {
        browser = Browser.start();
        smtp = SmtpServer.started();
        Map<String, HttpServlet> servlets = LegacyServlets.standard();
        servlets.put("/home", new HostPage());
        byCode = GuardedServers.startAt(CONTEXT, "", servlets, parameters("code"));
        byLink = GuardedServers.startAt(CONTEXT, "", servlets, parameters("link"));
    }

    private Map<String, String> parameters(String verification) {
        Map<String, String> parameters = new HashMap<>(smtp.parameters());
        parameters.put("mail.outbox.interval", "PT0.2S");
        parameters.put("signup.verification", verification);
        parameters.put("public.url", PUBLIC_URL);
        return parameters;
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable open : new AutoCloseable[] {browser, byCode, byLink, smtp}) {
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
        return "onboard-" + suffix() + "@example.com";
    }

    private static String shot(Container container, String page) {
        return "onboarding-" + page + "-" + container.name().toLowerCase(Locale.ROOT);
    }

    private void signUpOnThePage(Http http, String email) {
        browser.open(http.base() + "/home");
        browser.forgetCookies();
        browser.open(http.base() + "/auth/signup");
        browser.type("#signup-name", "Grace Hopper");
        browser.type("#signup-email", email);
        browser.type("#signup-password", PASSWORD);
        browser.type("#signup-confirm", PASSWORD);
        browser.click("button[type=submit]");
        assertSuccessShown();
    }

    /** Waits for the page's notice and checks that it tells of success. */
    private void assertSuccessShown() {
        String message = browser.awaitText("#portcullis-message", " ");
        assertTrue(browser.find("#portcullis-message").getAttribute("class").contains("portcullis-success"), message);
    }

    private void signInOnThePage(Http http, String email, String password) {
        browser.open(http.base() + "/auth/signin?next=" + CONTEXT + "/home");
        browser.type("#signin-email", email);
        browser.type("#signin-password", password);
        browser.click("button[type=submit]");
        browser.awaitPath(CONTEXT + "/home");
        assertEquals(email, browser.awaitText("#who [data-portcullis=email]", email));
    }

    /**
     * The path of the link in the last of at least {@code mails} mails to {@code email}, checked to start
     * with {@code public.url}.
     */
    private String mailedLinkPath(String email, int mails) throws InterruptedException {
        List<jakarta.mail.internet.MimeMessage> received = smtp.awaitTo(email, mails);
        assertTrue(received.size() >= mails, "mails to " + email + ": " + received.size());
        Matcher link = LINK.matcher(SmtpServer.body(received.get(received.size() - 1)));
        assertTrue(link.find(), "the mail holds a link starting with public.url");
        return link.group(1);
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signupWithACodeWhenTheMailedCodeIsConfirmedOnTheVerifyPageThenTheVisitorSignsIn(Container container)
            throws Exception {
        Http http = byCode.http(container);
        String email = email();
        signUpOnThePage(http, email);
        String code = smtp.lastCode(email);

        browser.open(http.base() + "/auth/verify?email=" + email.replace("@", "%40"));
        assertEquals(email, browser.find("#verify-email").getAttribute("value"));
        browser.type("#verify-code", code);
        browser.screenshot(shot(container, "verify"));
        browser.click("button[type=submit]:not([data-action])");

        assertSuccessShown();
        signInOnThePage(http, email, PASSWORD);
        browser.assertNoPolicyViolation();
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void verifyPageWhenANewCodeIsAskedForThenTheResendActionAnswersOnThePage(Container container) {
        Http http = byCode.http(container);
        browser.open(http.base() + "/auth/verify?email=" + email().replace("@", "%40"));
        browser.click("button[data-action='user_account/resend_verification']");

        assertSuccessShown(); // the same reply whatever the e-mail
        browser.assertNoPolicyViolation();
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void forgottenPasswordWhenTheMailedLinkIsOpenedThenItsPageSetsANewPasswordThatSignsIn(Container container)
            throws Exception {
        Http http = byCode.http(container);
        String email = email();
        activeAccount(http, email);
        browser.open(http.base() + "/auth/signin");
        browser.click("a[href='" + CONTEXT + "/auth/forgot']");
        browser.awaitPath(CONTEXT + "/auth/forgot");
        browser.type("#forgot-email", email);
        browser.click("button[type=submit]");
        browser.awaitPath(CONTEXT + "/auth/reset");
        assertEquals(email, browser.find("#reset-email").getAttribute("value"), "the reset page knows the address");
        String link = mailedLinkPath(email, 2);

        // A mail scanner opens the link first: nothing is used up.
        assertEquals(200, http.send("HEAD", link, null).statusCode());
        assertEquals(200, http.get(link).statusCode());
        browser.open(http.base() + link);
        browser.screenshot(shot(container, "link-reset"));
        browser.type("#link-password", NEW_PASSWORD);
        browser.type("#link-confirm", NEW_PASSWORD);
        browser.click("button[type=submit]");

        assertSuccessShown();
        assertEquals(404, http.get(link).statusCode(), "a used link is dead");
        assertEquals(401, http.signin(email, PASSWORD).statusCode(), "the old password is gone");
        // The page goes on to sign in after 2 s, as a visitor does: a token of the reset's own second is refused.
        browser.awaitPath(CONTEXT + "/auth/signin");
        signInOnThePage(http, email, NEW_PASSWORD);
        browser.assertNoPolicyViolation();
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void forgottenPasswordWhenTheMailedCodeIsTypedOnTheResetPageThenTheNewPasswordSignsIn(Container container)
            throws Exception {
        Http http = byCode.http(container);
        String email = email();
        activeAccount(http, email);
        browser.open(http.base() + "/auth/forgot?email=" + email.replace("@", "%40"));
        browser.click("button[type=submit]");
        browser.awaitPath(CONTEXT + "/auth/reset");
        smtp.awaitTo(email, 2);

        browser.type("#reset-code", smtp.lastCode(email));
        browser.type("#reset-password", NEW_PASSWORD);
        browser.type("#reset-confirm", NEW_PASSWORD);
        browser.click("button[type=submit]");

        assertSuccessShown();
        browser.awaitPath(CONTEXT + "/auth/signin"); // as above: the page's own way on, after 2 s
        signInOnThePage(http, email, NEW_PASSWORD);
        browser.assertNoPolicyViolation();
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signupWithALinkWhenItsPagesButtonIsPressedThenTheVisitorSignsIn(Container container) throws Exception {
        Http http = byLink.http(container);
        String email = email();
        signUpOnThePage(http, email);
        String link = mailedLinkPath(email, 1);
        assertEquals(200, http.get(link).statusCode(), "opening the link uses nothing up");

        browser.open(http.base() + link);
        browser.screenshot(shot(container, "link-verify"));
        assertFalse(browser.find("button[type=submit]").getText().isBlank());
        browser.click("button[type=submit]");

        assertSuccessShown();
        signInOnThePage(http, email, PASSWORD);
        browser.assertNoPolicyViolation();
    }

    /** Signs {@code email} up over HTTP and confirms it with the mailed code: an active account, one mail. */
    private void activeAccount(Http http, String email) throws InterruptedException {
        HttpResponse<String> up = http.signup("Grace Hopper", email, PASSWORD);
        assertEquals(200, up.statusCode(), up.body());
        HttpResponse<String> verified = http.action("user_account/verify_email", "{\"email\":" + quote(email)
                + ",\"code\":" + quote(smtp.lastCode(email)) + "}");
        assertEquals(200, verified.statusCode(), verified.body());
    }
}
