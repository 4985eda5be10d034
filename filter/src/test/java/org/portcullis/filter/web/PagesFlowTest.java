package org.portcullis.filter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portcullis.filter.testing.ApiCalls.PASSWORD;
import static org.portcullis.filter.testing.ApiCalls.bearer;
import static org.portcullis.filter.testing.ApiCalls.suffix;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.portcullis.filter.testing.LogCapture;

/**
 * Portcullis' pages over real HTTP on Jetty and Tomcat, in a web application at {@code /app}: each page
 * is a whole product page in the one layout (the application's name, the stylesheet and script at the
 * context path, a label for every input, an alert region), under a strict policy with no inline script
 * or style; values from the address are escaped; the link page changes nothing and sends no referrer;
 * other methods get 405; {@code /auth/me} says who is signed in.
 */
@Tag("database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesFlowTest {

    static final List<String> PAGES = List.of("/auth/signin", "/auth/signup", "/auth/verify", "/auth/forgot",
            "/auth/reset", "/auth/signout");
    private static final String CONTEXT = "/app";
    private static final Pattern INPUT = Pattern.compile("<input\\b[^>]*>");
    private static final Pattern ID = Pattern.compile("\\bid=\"([^\"]+)\"");
    private static final Pattern SCRIPT = Pattern.compile("<script\\b([^>]*)>(.*?)</script>", Pattern.DOTALL);

    private GuardedServers servers;

    @BeforeAll
    void start() throws Exception {
        servers = GuardedServers.startAt(CONTEXT, "", LegacyServlets.standard(), Map.of());
    }

    @AfterAll
    void stop() throws Exception {
        if (servers != null) {
            servers.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void everyPageWhenReadThenAProductPageInTheLayoutUnderAStrictPolicy(Container container) {
        Http http = servers.http(container);
        for (String path : PAGES) {
            HttpResponse<String> page = http.get(path);

            assertEquals(200, page.statusCode(), path);
            assertPageHeaders(page, path);
            String html = page.body();
            assertTrue(html.contains("<a class=\"portcullis-brand\" href=\"/app/\">Portcullis</a>"), path + ": app name");
            assertTrue(html.contains("<link rel=\"stylesheet\" href=\"/app/auth/portcullis.css\">"), path);
            assertTrue(html.contains("<script src=\"/app/auth/portcullis.js\" defer></script>"), path);
            assertTrue(html.contains("role=\"alert\"") && html.contains("aria-live="), path + ": a message region");
            assertTrue(html.contains("<h1>"), path);
            assertFalse(html.contains("{{"), path + ": every place filled");
            assertNoInlineScriptOrStyle(html, path);
            assertEveryInputLabelled(html, path);
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signinPageWhenReadThenLinksToSignupAndForgottenPasswordAtTheContext(Container container) {
        String html = servers.http(container).get("/auth/signin").body();

        assertTrue(html.contains("href=\"/app/auth/signup\""), html);
        assertTrue(html.contains("href=\"/app/auth/forgot\""), html);
        assertTrue(html.contains("data-action=\"user_account/signin\""), html);
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void accountPagesWhenReadThenCallTheirActions(Container container) {
        Http http = servers.http(container);
        assertTrue(http.get("/auth/verify").body().contains("data-action=\"user_account/verify_email\""));
        assertTrue(http.get("/auth/verify").body().contains("data-action=\"user_account/resend_verification\""));
        assertTrue(http.get("/auth/forgot").body().contains("data-action=\"user_account/forgot_password\""));
        assertTrue(http.get("/auth/forgot").body().contains("data-after=\"/auth/reset?email={email}\""));
        assertTrue(http.get("/auth/reset").body().contains("data-action=\"user_account/reset_password\""));
        assertTrue(http.get("/auth/signout").body().contains("data-action=\"user_account/signout\""));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void emailInTheAddressWhenGivenThenFilledInEscaped(Container container) {
        Http http = servers.http(container);
        assertTrue(http.get("/auth/verify?email=ada%40example.org").body().contains("value=\"ada@example.org\""));
        String hostile = "\"><script>alert(1)</script><x a='";
        for (String path : List.of("/auth/verify", "/auth/reset", "/auth/forgot")) {
            String html = http.get(path + "?email=" + URLEncoder.encode(hostile, StandardCharsets.UTF_8)).body();

            assertTrue(html.contains("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;x a=&#39;\""), path);
            assertFalse(html.contains("<script>alert"), path);
            assertNoInlineScriptOrStyle(html, path);
        }
        String places = http.get("/auth/verify?email=" + URLEncoder.encode("{{context}}@x.org", StandardCharsets.UTF_8))
                .body();
        assertTrue(places.contains("value=\"{{context}}@x.org\""), "a value that looks like a place stays text");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void nextInTheAddressWhenHostileThenDroppedOrEscaped(Container container) {
        Http http = servers.http(container);
        assertTrue(http.get("/auth/signin?next=%2Fapp%2Fnotes").body().contains("data-next=\"/app/notes\""));
        assertTrue(http.get("/auth/signin?next=%2F%2Fevil.example").body().contains("data-next=\"\""));
        String quoted = http.get("/auth/signin?next=/%22%3E%3Cscript%3E").body();
        assertTrue(quoted.contains("data-next=\"/&quot;&gt;&lt;script&gt;\"") && !quoted.contains("\"><script>"));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void linkPageWhenTheTokenIsNoLiveLinkThenTheDeadLinkPageUnstoredWithoutReferrer(Container container) {
        Http http = servers.http(container);
        String token = "Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5";
        for (String path : List.of("/auth/link/" + token, "/auth/link/short", "/auth/link/", "/auth/link/a%2Fb",
                "/auth/link/" + token + "/more")) {
            HttpResponse<String> page = http.get(path);
            if (path.contains("%2F")) {
                assertEquals(400, page.statusCode(), "the firewall refuses an encoded slash first: " + path);
                continue;
            }
            assertEquals(404, page.statusCode(), path);
            assertPageHeaders(page, path);
            assertTrue(page.body().contains("expired or was used"), path);
            assertTrue(page.body().contains("href=\"/app/auth/forgot\"") && page.body().contains("href=\"/app/auth/verify\""),
                    path);
            assertFalse(page.body().contains(token), "the page never repeats a dead token");
            assertNoInlineScriptOrStyle(page.body(), path);
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void linkPageWhenOpenedThenTheTokenIsInNoLogLine(Container container) {
        Http http = servers.http(container);
        String token = "c2VjcmV0LWxpbmstdG9rZW4tdGhhdC1tdXN0LW5vdC1sZWFr";
        try (LogCapture log = LogCapture.under("org.portcullis")) {
            http.get("/auth/link/" + token);
            http.send("HEAD", "/auth/link/" + token, null);
            http.send("POST", "/auth/link/" + token, "{}", "X-Portcullis-CSRF", "1");

            assertTrue(log.messages().stream().noneMatch(line -> line != null && line.contains(token)), log.messages().toString());
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void linkPageWhenReadWithHeadThenTheSameHeadersAndNoBody(Container container) {
        Http http = servers.http(container);
        String path = "/auth/link/Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5";
        HttpResponse<String> get = http.get(path);
        HttpResponse<String> head = http.send("HEAD", path, null);

        assertEquals(get.statusCode(), head.statusCode());
        assertEquals("", head.body());
        assertPageHeaders(head, "HEAD " + path);
        assertEquals(get.statusCode(), http.get(path).statusCode(), "reading it changed nothing");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void pagesWhenAskedWithAnotherMethodThen405InThePlainShape(Container container) {
        Http http = servers.http(container);
        List<String> paths = new ArrayList<>(PAGES);
        paths.addAll(List.of("/auth/link/Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5", "/auth/me",
                "/auth/portcullis.css", "/auth/portcullis.js"));
        for (String path : paths) {
            for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
                HttpResponse<String> reply = http.send(method, path, "{}", "X-Portcullis-CSRF", "1",
                        "Content-Type", "application/json");

                assertEquals(405, reply.statusCode(), method + " " + path);
                assertEquals("GET, HEAD", reply.headers().firstValue("Allow").orElse(""), method + " " + path);
                assertEquals("{\"error\":\"method_not_allowed\"}", reply.body(), method + " " + path);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void stylesheetAndScriptWhenReadThenTheirTypesNotSniffed(Container container) {
        Http http = servers.http(container);
        HttpResponse<String> css = http.get("/auth/portcullis.css");
        HttpResponse<String> js = http.get("/auth/portcullis.js");

        assertEquals(200, css.statusCode());
        assertEquals("text/css;charset=utf-8", css.headers().firstValue("Content-Type").orElse("").toLowerCase().replace(" ", ""));
        assertEquals("nosniff", css.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertTrue(css.body().contains(":focus-visible"), "focus stays visible");
        assertEquals(200, js.statusCode());
        assertTrue(js.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        assertEquals("nosniff", js.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertTrue(js.body().contains("'X-Portcullis-CSRF': '1'"));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void meWhenGuestThenNotSignedInAndWhenSignedInThenEmailAndNameNeverStored(Container container) {
        Http http = servers.http(container);
        HttpResponse<String> guest = http.get("/auth/me");
        assertEquals(200, guest.statusCode());
        assertEquals("{\"signed_in\":false}", guest.body());
        assertEquals("no-store", guest.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(guest.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));

        String email = "me-" + suffix() + "@example.org";
        String token = http.newUser(email, PASSWORD);
        HttpResponse<String> me = http.get("/auth/me", bearer(token));

        assertEquals("{\"signed_in\":true,\"email\":\"" + email + "\",\"name\":\"Test User\"}", me.body());
        assertEquals("no-store", me.headers().firstValue("Cache-Control").orElse(""));
        assertFalse(me.body().contains(token));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void neighboursOfThePagesWhenAskedThenTheHostAnswers(Container container) {
        Http http = servers.http(container);
        for (String path : List.of("/auth/signin/x", "/auth/other", "/auth/link", "/auth/me/x", "/auth/verify/x")) {
            assertEquals("host 404", http.get(path).body(), path);
        }
    }

    /** What every page sends: HTML, never stored, never framed, no referrer, and a policy without inline code. */
    static void assertPageHeaders(HttpResponse<String> page, String what) {
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), what);
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(""), what);
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""), what);
        assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(""), what);
        assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElse(""), what);
        String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertEquals(Responses.PAGE_POLICY, policy, what);
        assertFalse(policy.contains("unsafe"), what);
        assertTrue(policy.contains("script-src 'self'") && policy.contains("style-src 'self'")
                && policy.contains("default-src 'none'") && policy.contains("frame-ancestors 'none'"), what);
    }

    static void assertNoInlineScriptOrStyle(String html, String what) {
        Matcher script = SCRIPT.matcher(html);
        while (script.find()) {
            assertTrue(script.group(1).contains("src=") && script.group(2).isBlank(), what + ": inline script " + script.group());
        }
        assertFalse(html.contains("<style"), what + ": inline style");
        assertFalse(Pattern.compile("\\sstyle=").matcher(html).find(), what + ": style attribute");
        assertFalse(Pattern.compile("\\son[a-z]+=").matcher(html).find(), what + ": event handler attribute");
    }

    static void assertEveryInputLabelled(String html, String what) {
        Matcher input = INPUT.matcher(html);
        while (input.find()) {
            String tag = input.group();
            if (tag.contains("type=\"hidden\"")) {
                continue;
            }
            if (tag.contains("name=\"password")) {
                assertTrue(tag.contains("type=\"password\""), what + ": a password field shows no password " + tag);
            }
            Matcher id = ID.matcher(tag);
            assertTrue(id.find(), what + ": an input without an id " + tag);
            assertTrue(html.contains("<label for=\"" + id.group(1) + "\">"), what + ": no label for " + tag);
        }
    }
}
