package org.portcullis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.portcullis.filter.web.SafeRedirect;

/**
 * A guest's browser on a guarded page over real HTTP on Jetty and Tomcat: sent to the sign-in page and,
 * once signed in there, back to the page; every other caller keeps the JSON 401 (or 403), and no
 * {@code next} leaves the site. A browser is played by its headers: a page load's {@code Accept}.
 */
@Tag("database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SigninRedirectFlowTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String ROUTES = """
            /notes      = note
            /notes/{id} = note
            """;
    private static final String CONTEXT = "/app";
    /** What Firefox sends when it loads a page. */
    private static final String[] PAGE_LOAD = {"Accept",
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"};
    private static final String SIGNIN = "/auth/signin?next=";
    private static final Pattern DATA = Pattern.compile("data-(context|next|action)=\"([^\"]*)\"");

    private GuardedServers atRoot;
    private GuardedServers underContext;
    private GuardedServers switchedOff;
    private GuardedServers withoutSigninPage;

    @BeforeAll
    void start() throws Exception {
        atRoot = GuardedServers.start(ROUTES, LegacyServlets.withNotes());
        underContext = GuardedServers.startAt(CONTEXT, ROUTES, LegacyServlets.withNotes(), Map.of());
        switchedOff = GuardedServers.start(ROUTES, LegacyServlets.withNotes(), Map.of("signin.redirect", "false"));
        withoutSigninPage = GuardedServers.start(ROUTES, LegacyServlets.withNotes(),
                Map.of("pages.signin.enabled", "false"));
    }

    @AfterAll
    void stop() throws Exception {
        for (GuardedServers servers : new GuardedServers[] {atRoot, underContext, switchedOff, withoutSigninPage}) {
            if (servers != null) {
                servers.close();
            }
        }
    }

    private static String email() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    private static String[] headers(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** A note of a new user's, holding {@code text}; its id. */
    private static String noteOf(Http http, String text) {
        return noteOf(http, email(), text);
    }

    /** A note of a new user signed up as {@code ownerEmail}, holding {@code text}; its id. */
    private static String noteOf(Http http, String ownerEmail, String text) {
        String owner = http.newUser(ownerEmail, PASSWORD);
        HttpResponse<String> created = http.post("/notes", text, "Authorization", "Bearer " + owner);
        assertEquals(201, created.statusCode(), created.body());
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static String location(HttpResponse<String> reply) {
        return reply.headers().firstValue("Location").orElse("");
    }

    /** The {@code next} a sign-in Location carries, decoded as the page reads it; empty when it has none. */
    private static String nextOf(String location) {
        int at = location.indexOf(SIGNIN);
        return at < 0 ? "" : URLDecoder.decode(location.substring(at + SIGNIN.length()), StandardCharsets.UTF_8);
    }

    private static void assertRedirectedToSignin(String expectedLocation, HttpResponse<String> reply, String secret) {
        assertEquals(302, reply.statusCode(), reply.body());
        assertEquals(expectedLocation, location(reply));
        assertEquals("no-store", reply.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("Accept", reply.headers().firstValue("Vary").orElse(""));
        assertFalse(reply.headers().firstValue("WWW-Authenticate").isPresent());
        assertFalse(reply.body().contains(secret), "nothing of the guarded page: " + reply.body());
    }

    private static void assertNotSignedIn(HttpResponse<String> reply, String why) {
        assertEquals(401, reply.statusCode(), why + ": " + reply.body());
        assertEquals("Bearer", reply.headers().firstValue("WWW-Authenticate").orElse(""), why);
        assertEquals("not_signed_in", Http.errorCode(reply), why);
        assertFalse(reply.headers().firstValue("Location").isPresent(), why);
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void browserGuestWhenLoadingAGuardedPageThenRedirectedToSigninWithThePageAndQueryAsNext(Container container) {
        Http http = atRoot.http(container);
        String secret = "secret-" + UUID.randomUUID();
        String id = noteOf(http, secret);

        HttpResponse<String> reply = http.get("/notes/" + id + "?view=full&q=a%20b", PAGE_LOAD);

        String page = "/notes/" + id + "?view=full&q=a%20b";
        assertRedirectedToSignin(SIGNIN + URLEncoder.encode(page, StandardCharsets.UTF_8), reply, secret);
        assertEquals(page, nextOf(location(reply)));
        assertTrue(reply.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertRedirectedToSignin(SIGNIN + "%2Fnotes", http.get("/notes", PAGE_LOAD), secret);
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void browserGuestWhenUnderAContextPathThenTheSigninPageAndNextBothCarryIt(Container container) {
        Http http = underContext.http(container);
        String secret = "secret-" + UUID.randomUUID();
        String id = noteOf(http, secret);

        HttpResponse<String> reply = http.get("/notes/" + id + "?a=1", PAGE_LOAD);

        assertRedirectedToSignin(CONTEXT + SIGNIN + "%2Fapp%2Fnotes%2F" + id + "%3Fa%3D1", reply, secret);
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void browserGuestWhenHeadThenRedirectedAsForGet(Container container) {
        Http http = atRoot.http(container);

        HttpResponse<String> reply = http.send("HEAD", "/notes/1?x=1", null, PAGE_LOAD);

        assertRedirectedToSignin(SIGNIN + "%2Fnotes%2F1%3Fx%3D1", reply, "secret");
        assertEquals("", reply.body());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void apiClientWhenItDoesNotAskForHtmlThen401WithWwwAuthenticateAsBefore(Container container) {
        Http http = atRoot.http(container);
        for (String accept : List.of("application/json", "*/*", "application/json, text/html;q=0.5")) {
            HttpResponse<String> reply = http.get("/notes/1", "Accept", accept);
            assertNotSignedIn(reply, accept);
            assertEquals("Accept", reply.headers().firstValue("Vary").orElse(""),
                    "a cache must not mix it with a redirect");
        }
        assertNotSignedIn(http.get("/notes/1"), "no Accept");
        HttpResponse<String> head = http.send("HEAD", "/notes/1", null, "Accept", "application/json");
        assertEquals(401, head.statusCode());
        assertEquals("Bearer", head.headers().firstValue("WWW-Authenticate").orElse(""));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void scriptWhenItSendsXRequestedWithOrAuthorizationThen401EvenAskingForHtml(Container container) {
        Http http = atRoot.http(container);
        assertNotSignedIn(http.get("/notes/1", headers(PAGE_LOAD, "X-Requested-With", "XMLHttpRequest")),
                "X-Requested-With");
        assertNotSignedIn(http.get("/notes/1", headers(PAGE_LOAD, "Authorization", "Bearer not.a.token")),
                "an Authorization that makes no user");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void browserGuestWhenPostingThen401NotARedirect(Container container) {
        Http http = atRoot.http(container);
        for (String method : List.of("POST", "PUT", "DELETE")) {
            String path = method.equals("POST") ? "/notes" : "/notes/1";
            assertNotSignedIn(http.send(method, path, "x", headers(PAGE_LOAD, "Content-Type", "text/plain")), method);
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signedInUserWhenRefusedThen403JsonNotARedirect(Container container) {
        Http http = atRoot.http(container);
        String secret = "secret-" + UUID.randomUUID();
        String id = noteOf(http, secret);
        String bob = http.newUser(email(), PASSWORD);

        HttpResponse<String> reply = http.get("/notes/" + id, headers(PAGE_LOAD, "Cookie", "token=" + bob));

        assertEquals(403, reply.statusCode(), reply.body());
        assertEquals("forbidden", Http.errorCode(reply));
        assertFalse(reply.headers().firstValue("Location").isPresent());
        assertFalse(reply.body().contains(secret));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void forwardOrIncludeWhenTheGuardedTargetRefusesABrowserGuestThenNoRedirectAsBefore(Container container) {
        Http http = atRoot.http(container);
        String secret = "secret-" + UUID.randomUUID();
        String id = noteOf(http, secret);

        HttpResponse<String> forwarded = http.get("/dispatch?mode=forward&to=/notes/" + id, PAGE_LOAD);
        assertNotSignedIn(forwarded, "forward");
        assertFalse(forwarded.body().contains(secret));
        HttpResponse<String> included = http.get("/dispatch?mode=include&to=/notes/" + id, PAGE_LOAD);
        assertFalse(included.headers().firstValue("Location").isPresent(), "include: " + included.statusCode());
        assertFalse(included.body().contains(secret), included.body());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void redirectWhenSwitchedOffThen401ExactlyAsBefore(Container container) {
        HttpResponse<String> reply = switchedOff.http(container).get("/notes/1", PAGE_LOAD);

        assertNotSignedIn(reply, "signin.redirect=false");
        assertFalse(reply.headers().firstValue("Vary").isPresent(), "nothing added: " + reply.headers().map());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void redirectWhenTheSigninPageIsSwitchedOffThen401RatherThanAPageThatDoesNotExist(Container container) {
        Http http = withoutSigninPage.http(container);

        assertNotSignedIn(http.get("/notes/1", PAGE_LOAD), "pages.signin.enabled=false");
        assertEquals(404, http.get("/auth/signin", PAGE_LOAD).statusCode(), "the page is indeed not there");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void browserGuestWhenSignedInFromTheRedirectThenBackOnTheOriginalPage(Container container) {
        roundTrip(atRoot.http(container), "");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void browserGuestWhenSignedInFromTheRedirectUnderAContextPathThenBackOnTheOriginalPage(Container container) {
        roundTrip(underContext.http(container), CONTEXT);
    }

    /**
     * Guest loads a note → follows the redirect → signs in with the page's own action, as its script
     * does → goes where the script goes ({@code next} when it is a path on this site) → sees the note.
     */
    private static void roundTrip(Http http, String context) {
        String email = email();
        String secret = "secret-" + UUID.randomUUID();
        String page = "/notes/" + noteOf(http, email, secret) + "?view=full";

        HttpResponse<String> refused = http.get(page, PAGE_LOAD);
        assertEquals(302, refused.statusCode(), refused.body());
        String signinPage = location(refused);
        assertTrue(signinPage.startsWith(context + "/auth/signin?"), signinPage);

        HttpResponse<String> form = http.get(signinPage.substring(context.length()), PAGE_LOAD);
        assertEquals(200, form.statusCode(), form.body());
        Map<String, String> data = pageData(form.body());
        assertEquals(context, data.get("context"));
        assertEquals(context + page, data.get("next"), "the page's next is the page the guest asked for");

        HttpResponse<String> signin = http.post("/action/" + data.get("action"),
                "{\"attributes\":{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}}",
                "Content-Type", "application/json", "X-Portcullis-CSRF", "1");
        String token = Http.tokenOf(signin);
        String next = data.get("next");
        assertTrue(SafeRedirect.isRelative(next) && redirects(signin), "the script follows a client.redirect, to next");

        HttpResponse<String> back = http.get(next.substring(context.length()),
                headers(PAGE_LOAD, "Cookie", "token=" + token));
        assertEquals(200, back.statusCode(), back.body());
        assertTrue(back.body().contains(secret), back.body());
    }

    /** Whether a sign-in reply tells the page's script to go on ({@code client.redirect}), as it then goes to next. */
    private static boolean redirects(HttpResponse<String> signin) {
        for (JsonNode item : Http.json(signin.body())) {
            if ("client.redirect".equals(item.path("ResponseType").asText())) {
                return true;
            }
        }
        return false;
    }

    /** The page's {@code data-} attributes its script reads, HTML-unescaped as the browser reads them. */
    private static Map<String, String> pageData(String html) {
        Map<String, String> data = new HashMap<>();
        Matcher m = DATA.matcher(html);
        while (m.find()) {
            data.put(m.group(1), m.group(2).replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<")
                    .replace("&gt;", ">").replace("&amp;", "&"));
        }
        return data;
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signinPageWhenNextIsASpellingOfAnotherSiteThenDropsIt(Container container) {
        Http http = atRoot.http(container);
        for (String next : List.of("//evil.example", "/\\evil.example", "\\\\evil.example", "https://evil.example",
                "HTTPS:evil.example", "javascript:alert(1)", "JavaScript:alert(1)", "/%2F%2Fevil.example",
                "/%2f%2fevil.example", "/%2F/evil.example", "%2F%2Fevil.example", "/%5Cevil.example",
                "/%5C%5Cevil.example", "/%252F%252Fevil.example", "/a\\b", "/\r\n/evil.example",
                "/x\r\nSet-Cookie: a=1", "/%0d%0aSet-Cookie:a=1", "/%09/evil.example", "/\t/evil.example")) {
            String encoded = URLEncoder.encode(next, StandardCharsets.UTF_8);
            assertEquals("", pageData(http.get("/auth/signin?next=" + encoded, PAGE_LOAD).body()).get("next"), next);
        }
        assertEquals("/notes?a=1", pageData(http.get("/auth/signin?next=%2Fnotes%3Fa%3D1").body()).get("next"),
                "a path on this site is kept");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void pathWhenItStartsWithTwoSlashesThenNoLocationLeavesTheSite(Container container) {
        Http http = atRoot.http(container);
        for (String path : List.of("//notes/1", "//evil.example/notes/1", "/notes//1", "///evil.example/notes",
                "//evil.example/..//notes/1", "/notes/1?//evil.example", "/notes?next=//evil.example")) {
            HttpResponse<String> reply = http.get(path, PAGE_LOAD);
            String location = location(reply);
            String why = container + " " + path + " -> " + reply.statusCode() + " " + location;
            assertTrue(location.isEmpty() || location.startsWith("/auth/signin"), why);
            String next = nextOf(location);
            assertTrue(next.isEmpty() || (SafeRedirect.isRelative(next) && !next.startsWith("//")), why);
        }
        assertEquals(SIGNIN + URLEncoder.encode("/notes/1?//evil.example", StandardCharsets.UTF_8),
                location(http.get("/notes/1?//evil.example", PAGE_LOAD)), "a query of slashes stays the query");
    }
}
