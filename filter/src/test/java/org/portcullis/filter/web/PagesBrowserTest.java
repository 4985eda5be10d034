package org.portcullis.filter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portcullis.filter.testing.ApiCalls.PASSWORD;
import static org.portcullis.filter.testing.ApiCalls.suffix;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.Keys;
import org.portcullis.filter.testing.Browser;
import org.portcullis.filter.testing.Container;
import org.portcullis.filter.testing.GuardedServers;
import org.portcullis.filter.testing.HostPage;
import org.portcullis.filter.testing.LegacyServlets;

/**
 * The pages in headless Chromium on Jetty and Tomcat, at {@code /app}: a visitor signs up on the page, signs
 * in, sees "signed in as" on the host's own page, signs out through a plain link to {@code /auth/signout};
 * a wrong password shows the error, repeated failures show the throttle's wait; no page breaks its policy
 * (read from the browser's console, which is shown to report an injected inline script). Each page is
 * saved to {@code target/screenshots/}.
 */
@Tag("browser")
@Tag("database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesBrowserTest {

    private static final String CONTEXT = "/app";

    private GuardedServers servers;
    private Browser browser;

    @BeforeAll
    void start() throws Exception {
        browser = Browser.start();
        Map<String, jakarta.servlet.http.HttpServlet> servlets = LegacyServlets.standard();
        servlets.put("/home", new HostPage());
        servers = GuardedServers.startAt(CONTEXT, "", servlets, Map.of("signin.account.free.failures", "1"));
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (servers != null) {
            servers.close();
        }
    }

    @BeforeEach
    void newVisitor() {
        browser.consoleSinceLastCall();
    }

    private String url(Container container, String path) {
        return servers.http(container).base() + path;
    }

    private static String shot(Container container, String page) {
        return page + "-" + container.name().toLowerCase(Locale.ROOT);
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void visitorWhenSigningUpAndInOnThePagesThenSeesWhoIsSignedInAndSignsOutThroughALink(Container container) {
        String email = "page-" + suffix() + "@example.org";
        browser.open(url(container, "/home"));
        browser.forgetCookies();
        browser.open(url(container, "/auth/signup"));
        browser.screenshot(shot(container, "signup"));
        browser.type("#signup-name", "Ada Lovelace");
        browser.type("#signup-email", email);
        browser.type("#signup-password", PASSWORD);
        browser.type("#signup-confirm", PASSWORD);
        browser.click("button[type=submit]");

        assertTrue(browser.awaitText("#portcullis-message", "Sign-up successful").contains("Sign-up successful"));
        browser.awaitPath(CONTEXT + "/auth/signin");

        browser.open(url(container, "/auth/signin?next=" + CONTEXT + "/home"));
        browser.screenshot(shot(container, "signin"));
        browser.type("#signin-email", email);
        browser.type("#signin-password", PASSWORD);
        browser.click("button[type=submit]");
        browser.awaitPath(CONTEXT + "/home");

        assertEquals(email, browser.awaitText("#who [data-portcullis=email]", email));
        assertEquals("Ada Lovelace", browser.find("#who [data-portcullis=name]").getText());
        assertFalse(browser.find("#guest").isDisplayed());
        browser.screenshot(shot(container, "host-page-signed-in"));
        browser.assertNoPolicyViolation();

        browser.click("#signout");
        browser.awaitPath(CONTEXT + "/auth/signout");
        browser.screenshot(shot(container, "signout"));
        browser.click("button[type=submit]");
        browser.awaitPath(CONTEXT + "/");
        browser.open(url(container, "/home"));

        browser.awaitText("#guest", "Not signed in");
        assertFalse(browser.find("#who").isDisplayed());
        browser.assertNoPolicyViolation();
    }

    /** A new account, and the sign-in page open with its e-mail typed in. */
    private void signinPageOfANewUser(Container container, String prefix) {
        String email = prefix + "-" + suffix() + "@example.org";
        servers.http(container).newUser(email, PASSWORD);
        browser.open(url(container, "/auth/signin"));
        browser.type("#signin-email", email);
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void wrongPasswordWhenTypedThenTheErrorIsShownAsAnAlert(Container container) {
        signinPageOfANewUser(container, "wrong");
        browser.type("#signin-password", "not the password");
        browser.click("button[type=submit]");

        String message = browser.awaitText("#portcullis-message", "Invalid email or password");
        assertEquals("Invalid email or password.", message);
        assertTrue(browser.find("#portcullis-message").getAttribute("class").contains("portcullis-error"));
        assertEquals("alert", browser.find("#portcullis-message").getAttribute("role"));
        assertEquals(CONTEXT + "/auth/signin", browser.currentPath(), "a refusal stays on the page");
        browser.screenshot(shot(container, "signin-wrong-password"));
        browser.assertNoPolicyViolation();
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void repeatedFailuresWhenThrottledThenTheWaitFromRetryAfterIsShown(Container container) {
        signinPageOfANewUser(container, "throttled");
        String message = "";
        for (int attempt = 0; attempt < 6 && !message.contains("Try again in"); attempt++) {
            browser.type("#signin-password", "wrong " + attempt);
            browser.click("button[type=submit]");
            message = browser.awaitText("#portcullis-message", ".");
            browser.run("document.getElementById('portcullis-message').textContent = '';");
        }

        assertTrue(message.matches("Too many failed sign-ins; try again later\\. Try again in [0-9]+ seconds\\."), message);
        browser.assertNoPolicyViolation();
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void everyPageWhenShownThenNoPolicyViolationAndAScreenshot(Container container) {
        for (String path : List.of("/auth/verify?email=ada%40example.org", "/auth/forgot", "/auth/reset",
                "/auth/link/Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5")) {
            browser.open(url(container, path));
            String name = path.substring("/auth/".length()).replaceAll("[?/].*", "");

            assertTrue(browser.find("h1").isDisplayed(), path);
            assertEquals("rgba(255, 255, 255, 1)", browser.find(".portcullis-card").getCssValue("background-color"),
                    path + ": the stylesheet is applied");
            browser.screenshot(shot(container, name));
            browser.assertNoPolicyViolation();
        }
        browser.open(url(container, "/auth/verify?email=ada%40example.org"));
        assertEquals("ada@example.org", browser.find("#verify-email").getAttribute("value"), "?email= fills it in");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void inlineScriptWhenInjectedThenTheBrowserRefusesItAndTheConsoleSaysSo(Container container) {
        browser.open(url(container, "/auth/signin"));
        browser.run("var s = document.createElement('script'); s.textContent = 'document.title = \"pwned\"';"
                + "document.body.appendChild(s);");

        assertFalse("pwned".equals(browser.run("return document.title")), "the policy blocks inline script");
        List<String> console = browser.consoleSinceLastCall();
        assertTrue(console.stream().anyMatch(line -> line.contains("Content Security Policy")), console.toString());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signinPageWhenTabbedThroughThenTheFocusedFieldIsOutlined(Container container) {
        browser.open(url(container, "/auth/signin"));
        browser.find("#signin-email").sendKeys(Keys.TAB);
        Object focused = browser.run("var e = document.activeElement; return e.id + ' ' + getComputedStyle(e).outlineStyle"
                + " + ' ' + getComputedStyle(e).outlineWidth;");

        assertEquals("signin-password solid 3px", focused);
    }
}
