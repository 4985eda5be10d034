package org.portcullis.filter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
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

/**
 * The three error shapes on the wire, byte for byte, over real HTTP on Jetty and Tomcat: Daptin's
 * action array (actions, refusals on the way to the host, outages), the JSON:API document of the
 * management API, and the pages' plain object; each with the headers that go with it ({@code Allow},
 * {@code WWW-Authenticate}, {@code Retry-After}, {@code Vary}) and none that do not.
 */
@Tag("database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorRepliesFlowTest {

    private static final String ROUTES = """
            /notes      = note
            /notes/{id} = note
            """;
    private static final String NOT_SIGNED_IN = action("Sign in first.", "not_signed_in");
    /** The headers every check looks at: each is either as expected or absent. */
    private static final String[] HEADERS = {"allow", "www-authenticate", "retry-after", "vary", "cache-control",
            "x-content-type-options"};

    private GuardedServers servers;
    private final Map<Container, Container.Running> down = new EnumMap<>(Container.class);

    @BeforeAll
    void start() throws Exception {
        servers = GuardedServers.start(ROUTES, LegacyServlets.withNotes(), Map.of("max.body.size", "1024"));
        for (Container container : Container.values()) {
            // Nothing listens on port 1: every request that needs the database finds it down.
            down.put(container, container.start(Map.of("jdbc.url", "jdbc:h2:tcp://127.0.0.1:1/mem:down",
                    "jdbc.user", "sa", "bcrypt.cost", "10"), LegacyServlets.standard()));
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (servers != null) {
            servers.close();
        }
        for (Container.Running running : down.values()) {
            running.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void actionWhenUnknownThen404InTheActionShape(Container container) {
        assertReply(servers.http(container).post("/action/user_account/nope", "{}"), 404,
                action("There is no such action.", "unknown_action"), json());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void actionWhenNotPostedThen405WithAllowPostInTheActionShape(Container container) {
        assertReply(servers.http(container).get("/action/user_account/signin"), 405,
                action("Actions are called with POST.", "method_not_allowed"), json("allow", "POST"));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void actionWhenBodyIsNotJsonThen400BadJsonInTheActionShape(Container container) {
        assertReply(servers.http(container).post("/action/user_account/signin", "{"), 400,
                action("The body is not valid JSON (or nests deeper than 16 levels, or repeats a key).", "bad_json"),
                json());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void actionWhenAttributeMissingThen400InTheActionShape(Container container) {
        assertReply(servers.http(container).action("user_account/signin", "{\"email\":\"a@example.com\"}"), 400,
                action("'password' is required.", "bad_request"), json());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void actionWhenBodyOverTheLimitThen413InTheActionShape(Container container) {
        assertReply(servers.http(container).action("user_account/signin", "\"" + "x".repeat(2000) + "\""), 413,
                action("The request body is larger than 1024 bytes.", "body_too_large"), json());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void actionsForUsersWhenGuestThen401WithBearerChallengeInTheActionShape(Container container) {
        Http http = servers.http(container);
        for (String name : new String[] {"world/become_an_administrator", "user_account/change_password",
                "user_account/signout_everywhere"}) {
            assertReply(http.action(name, "{}"), 401, NOT_SIGNED_IN, json("www-authenticate", "Bearer"));
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void managementWhenGuestThen401InTheJsonApiShape(Container container) {
        Http http = servers.http(container);
        for (String path : new String[] {"/api/user_account", "/api/usergroup", "/api/world", "/api/instance/note/1"}) {
            assertReply(http.get(path), 401, "{\"errors\":[{\"status\":\"401\",\"code\":\"not_signed_in\","
                    + "\"title\":\"Sign in first.\"}]}", json("www-authenticate", "Bearer"));
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void managementWhenMethodNotTakenThen405WithAllowInTheJsonApiShape(Container container) {
        // POST makes an account (AccountCreationApi); PUT is taken nowhere on the collection.
        assertReply(servers.http(container).send("PUT", "/api/user_account", "{}"), 405, "{\"errors\":[{\"status\":"
                + "\"405\",\"code\":\"method_not_allowed\",\"title\":\"Use GET, HEAD, POST here.\"}]}",
                json("allow", "GET, HEAD, POST"));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void pageWhenPostedThen405WithAllowInThePlainShape(Container container) {
        assertReply(servers.http(container).post("/auth/signin", "{}"), 405, "{\"error\":\"method_not_allowed\"}",
                json("allow", "GET, HEAD"));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void pathsBesidePortcullisUrlsWhenAskedThenTheHostAnswers(Container container) {
        Http http = servers.http(container);
        for (String path : new String[] {"/auth/signin/x", "/auth/other", "/action", "/api", "/api/user_accounts",
                "/apis/world"}) {
            HttpResponse<String> reply = http.get(path);
            assertEquals(404, reply.statusCode(), path);
            assertEquals("host 404", reply.body(), path);
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void guardedPageWhenGuestApiClientThen401InTheActionShapeVaryingOnAccept(Container container) {
        assertReply(servers.http(container).get("/notes/1"), 401, NOT_SIGNED_IN,
                json("www-authenticate", "Bearer", "vary", "Accept"));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void guardedPageWhenTrackThen405WithoutAllowInTheActionShape(Container container) {
        assertReply(servers.http(container).send("TRACK", "/notes/1", null), 405,
                action("This method is not allowed on a guarded path.", "method_not_allowed"), json());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void guardedPrefixWhenNoRouteMatchesThen404InTheActionShape(Container container) {
        assertReply(servers.http(container).get("/notes/1/x"), 404,
                action("no route under /notes matches this path", "not_found"), json());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void actionWhenDatabaseIsDownThen503WithRetryAfterInTheActionShape(Container container) {
        Http http = new Http(down.get(container).base());
        assertReply(http.signup("Ada", "ada@example.com", "correct horse battery"), 503,
                action("The service is unavailable; try again shortly.", "database_unavailable"),
                json("retry-after", "5"));
    }

    /** Daptin's error array, as the contract writes it. */
    private static String action(String message, String code) {
        return "[{\"ResponseType\":\"client.notify\",\"Attributes\":{\"type\":\"error\",\"title\":\"Failed\","
                + "\"message\":\"" + message + "\",\"code\":\"" + code + "\"}}]";
    }

    /** The headers of Portcullis' JSON replies, with {@code more} (name, value, ...) besides. */
    private static Map<String, String> json(String... more) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("cache-control", "no-store");
        headers.put("x-content-type-options", "nosniff");
        for (int i = 0; i < more.length; i += 2) {
            headers.put(more[i], more[i + 1]);
        }
        return headers;
    }

    private static void assertReply(HttpResponse<String> reply, int status, String body, Map<String, String> headers) {
        String what = reply.request().method() + " " + reply.uri().getRawPath();
        assertEquals(status, reply.statusCode(), what + ": " + reply.body());
        assertEquals(body, reply.body(), what);
        assertEquals("application/json;charset=utf-8",
                reply.headers().firstValue("content-type").orElse("").toLowerCase(Locale.ROOT), what);
        for (String name : HEADERS) {
            assertEquals(headers.get(name), reply.headers().firstValue(name).orElse(null), what + ": " + name);
        }
    }
}
