package org.portcullis.filter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.portcullis.filter.testing.Container;
import org.portcullis.filter.testing.GuardedServers;
import org.portcullis.filter.testing.Http;
import org.portcullis.filter.testing.LegacyServlets;
import org.portcullis.model.TestDatabase;

/**
 * A host's own page, stylesheet and messages in its WAR ({@code /WEB-INF/portcullis/...}), read through
 * the servlet context of Jetty and Tomcat: used when present, Portcullis' own where not, the display name
 * as the application's name, a host page that uses a place nothing fills stopping the start naming the file.
 */
@Tag("database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageOverridesFlowTest {

    private static final String OWN_SIGNIN = """
              <p class="host-greeting">{{msg:host.greeting}}</p>
              <form class="portcullis-form" data-action="user_account/signin" data-next="{{next}}">
                <label for="e">{{msg:field.login}}</label><input id="e" name="email" required>
                <label for="p">{{msg:field.password}}</label><input id="p" name="password" type="password" required>
                <button type="submit">{{msg:signin.submit}}</button>
              </form>
              {{#signup}}<a href="{{context}}/auth/signup">{{msg:signin.signup}}</a>{{/signup}}
            """;
    private static final String MESSAGES = """
            lang = de
            signin.title = Anmelden
            signin.submit = Anmelden
            host.greeting = Grüß Gott & willkommen
            error.invalid_credentials = E-Mail oder Passwort ist falsch.
            """;

    private Path webRoot;
    private GuardedServers servers;

    @BeforeAll
    void start() throws Exception {
        webRoot = Files.createTempDirectory("war");
        Path portcullis = Files.createDirectories(webRoot.resolve("WEB-INF/portcullis/pages"));
        Files.writeString(portcullis.resolve("signin.html"), OWN_SIGNIN, StandardCharsets.UTF_8);
        Files.writeString(portcullis.resolveSibling("portcullis.css"), "/* the host's look */ body { color: teal; }");
        Files.writeString(portcullis.resolveSibling("messages.properties"), MESSAGES, StandardCharsets.UTF_8);
        servers = GuardedServers.startWithFiles("/app", "", LegacyServlets.standard(), Map.of(), webRoot);
    }

    @AfterAll
    void stop() throws Exception {
        if (servers != null) {
            servers.close();
        }
        try (var files = Files.walk(webRoot)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void hostPageWhenInTheWarThenServedInsideTheLayoutWithTheHostsMessages(Container container) {
        HttpResponse<String> page = servers.http(container).get("/auth/signin");

        assertEquals(200, page.statusCode());
        PagesFlowTest.assertPageHeaders(page, "the host's sign-in page");
        String html = page.body();
        assertTrue(html.contains("<p class=\"host-greeting\">Grüß Gott &amp; willkommen</p>"), html);
        assertTrue(html.contains("<html lang=\"de\">"), html);
        assertTrue(html.contains("<h1>Anmelden</h1>"), html);
        assertTrue(html.contains("<a href=\"/app/auth/signup\">Create an account</a>"), "what the host leaves stays English");
        assertTrue(html.contains("<span data-code=\"invalid_credentials\">E-Mail oder Passwort ist falsch.</span>"),
                "the script gets the host's error texts");
        assertTrue(html.contains("<a class=\"portcullis-brand\" href=\"/app/\">" + Container.DISPLAY_NAME + "</a>"),
                "the web application's display name is the name the pages show");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void pagesTheHostLeavesWhenReadThenPortcullisOwnWithTheHostsMessages(Container container) {
        String html = servers.http(container).get("/auth/signup").body();

        assertTrue(html.contains("data-action=\"user_account/signup\""), html);
        assertFalse(html.contains("host-greeting"));
        assertTrue(html.contains("<html lang=\"de\">"));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void hostStylesheetWhenInTheWarThenServedInsteadOfOurs(Container container) {
        HttpResponse<String> css = servers.http(container).get("/auth/portcullis.css");

        assertEquals("/* the host's look */ body { color: teal; }", css.body());
        assertTrue(css.headers().firstValue("Content-Type").orElse("").startsWith("text/css"));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void hostPageWhenItUsesAPlaceNothingFillsThenTheStartFailsNamingTheFile(Container container) throws Exception {
        Path broken = Files.createDirectories(webRoot.resolve(container.name()).resolve("WEB-INF/portcullis/pages"));
        Files.writeString(broken.resolve("reset.html"), "<p>{{msg:no.such.key}} {{password}}</p>");
        TestDatabase db = TestDatabase.fresh();
        try {
            Container.DeploymentFailed failed = assertThrows(Container.DeploymentFailed.class, () -> container.start(
                    Map.of("jdbc.url", db.url(), "jdbc.user", db.user(), "table.prefix", db.prefix()), Map.of(),
                    LegacyServlets.standard(), "", null, broken.getParent().getParent().getParent()).close());

            String messages = failed.messages();
            assertTrue(messages.contains("reset.html") && messages.contains("msg:no.such.key")
                    && messages.contains("password"), messages);
        } finally {
            db.dropTables();
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void appNameWhenGivenThenItWinsOverTheDisplayName(Container container) throws Exception {
        TestDatabase db = TestDatabase.fresh();
        try (Container.Running running = container.start(Map.of("jdbc.url", db.url(), "jdbc.user", db.user(),
                "table.prefix", db.prefix(), "app.name", "Notes <&> Co"), Map.of(), LegacyServlets.standard(), "", null,
                webRoot)) {
            String html = new Http(running.base()).get("/auth/verify").body();

            assertTrue(html.contains(">Notes &lt;&amp;&gt; Co</a>"), html);
            assertTrue(html.contains("<title>Confirm your e-mail · Notes &lt;&amp;&gt; Co</title>"), html);
        } finally {
            db.dropTables();
        }
    }
}
