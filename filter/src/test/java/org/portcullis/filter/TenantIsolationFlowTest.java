package org.portcullis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portcullis.filter.testing.ApiCalls.PASSWORD;
import static org.portcullis.filter.testing.ApiCalls.addMember;
import static org.portcullis.filter.testing.ApiCalls.assertApiError;
import static org.portcullis.filter.testing.ApiCalls.assertRefused;
import static org.portcullis.filter.testing.ApiCalls.bearer;
import static org.portcullis.filter.testing.ApiCalls.createGroup;
import static org.portcullis.filter.testing.ApiCalls.createNote;
import static org.portcullis.filter.testing.ApiCalls.patchAccount;
import static org.portcullis.filter.testing.ApiCalls.shareNote;
import static org.portcullis.filter.testing.ApiCalls.suffix;
import static org.portcullis.filter.testing.ApiCalls.userId;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.portcullis.filter.testing.ApiCalls;
import org.portcullis.filter.testing.Container;
import org.portcullis.filter.testing.GuardedServers;
import org.portcullis.filter.testing.Http;
import org.portcullis.filter.testing.LegacyServlets;

/**
 * The tenant boundary (contract §10) in header mode, on Jetty and Tomcat: two tenants, {@code acme} and
 * {@code globex}, in one database, and every door a request could take from one into the other: the same
 * e-mail signed up in both, tokens and cookies carried across, the other tenant's ids of users, groups and
 * instances in the API and on the host's routes, an administrator of one in the other, the sign-in throttle,
 * caches warmed by the other tenant, forwards; and a request that names no tenant at all.
 */
@Tag("database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationFlowTest {

    private static final String ROUTES = """
            /notes      = note
            /notes/{id} = note
            """;
    private static final String GUEST = "null|null|null|false|false";

    private GuardedServers servers;
    /** acme's first administrator on each container (globex's is made by the test that shows it has its own). */
    private final Map<Container, String> acmeAdministrators = new java.util.EnumMap<>(Container.class);

    @BeforeAll
    void start() throws Exception {
        servers = GuardedServers.start(ROUTES, LegacyServlets.withNotes(),
                Map.of("tenants.mode", "header", "tenants", "acme\nglobex"));
        for (Container container : Container.values()) {
            acmeAdministrators.put(container, ApiCalls.newAdministrator(acme(container)));
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (servers != null) {
            servers.close();
        }
    }

    private Http acme(Container container) {
        return servers.http(container).withHeaders("X-Tenant", "acme");
    }

    private Http globex(Container container) {
        return servers.http(container).withHeaders("X-Tenant", "globex");
    }

    private static String email() {
        return "ada-" + suffix() + "@example.com";
    }

    private static String whoami(Http http, String token) {
        return http.get("/whoami", bearer(token)).body();
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void sameEmailWhenSignedUpInBothTenantsThenTwoAccountsEachWithItsOwnPassword(Container container) {
        String email = email();
        String other = "another horse battery staple";
        String inAcme = acme(container).newUser(email, PASSWORD);
        String inGlobex = globex(container).newUser(email, other);

        assertFalse(userId(inAcme).equals(userId(inGlobex)), "two accounts");
        assertEquals(200, acme(container).signin(email, PASSWORD).statusCode());
        assertEquals(401, acme(container).signin(email, other).statusCode(), "globex's password opens nothing in acme");
        assertEquals(200, globex(container).signin(email, other).statusCode());
        assertEquals(401, globex(container).signin(email, PASSWORD).statusCode());
        assertRefused(409, "email_taken", acme(container).signup("Ada", email, PASSWORD),
                "still unique within one tenant");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void tokenWhenPresentedInTheOtherTenantThenAGuestByHeaderAndByCookie(Container container) {
        String email = email();
        String token = acme(container).newUser(email, PASSWORD);

        assertTrue(whoami(acme(container), token).startsWith(email), "at home");
        assertEquals(GUEST, whoami(globex(container), token), "a bearer token of acme is a guest's in globex");
        assertEquals(GUEST, globex(container).get("/whoami", "Cookie", "token=" + token).body(), "so is the cookie");
        assertRefused(401, "not_signed_in", globex(container).action("user_account/signout_everywhere", "{}",
                bearer(token)), "and Portcullis' own actions do not know it either");
        assertTrue(whoami(acme(container), token).startsWith(email), "and it still works at home");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void requestWhenItNamesNoConfiguredTenantThen404OnPortcullisAndGuardedRoutesAndTheHostsOwnPagesServed(
            Container container) {
        Http none = servers.http(container);
        Http unknown = none.withHeaders("X-Tenant", "initech");

        for (Http http : new Http[] {none, unknown}) {
            assertRefused(404, "unknown_tenant", http.signin(email(), PASSWORD));
            assertRefused(404, "unknown_tenant", http.get("/notes/1"));
            assertEquals(404, http.get("/api/tenant").statusCode());
            assertEquals(GUEST, http.get("/whoami").body(), "an unguarded host page is the host's business");
        }
        assertEquals(404, none.get("/notes", "X-Tenant", "acme", "X-Tenant", "globex").statusCode(),
                "two tenant headers name none");
        assertEquals(404, none.get("/notes", "X-Tenant", "ACME").statusCode(), "codes are exact");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void apiTenantWhenAskedThenNamesTheRequestsTenantOnly(Container container) {
        HttpResponse<String> reply = globex(container).get("/api/tenant");

        assertEquals(200, reply.statusCode(), reply.body());
        assertEquals("{\"data\":{\"type\":\"tenant\",\"id\":\"globex\",\"attributes\":{\"code\":\"globex\"}}}",
                reply.body());
        assertEquals(405, globex(container).post("/api/tenant", "{}").statusCode());
        assertTrue(globex(container).get("/whoami").headers().allValues("Vary").contains("X-Tenant"),
                "a host page depends on the header too: no shared cache may hand it to another tenant");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void administratorWhenOfOneTenantThenNobodyInTheOtherAndSeesNoneOfItsUsersOrGroups(Container container) {
        String admin = acmeAdministrators.get(container);
        String stranger = globex(container).newUser(email(), PASSWORD);
        String strangersGroup = createGroup(globex(container), stranger, "globex-team-" + suffix());

        HttpResponse<String> list = acme(container).get("/api/user_account?page%5Bsize%5D=200", bearer(admin));
        assertEquals(200, list.statusCode(), list.body());
        assertFalse(list.body().contains(userId(stranger)), "acme's administrator lists acme's users alone");
        assertEquals(404, acme(container).get("/api/user_account/" + userId(stranger), bearer(admin)).statusCode());
        assertEquals(404, patchAccount(acme(container), admin, userId(stranger), "{\"status\":\"disabled\"}")
                .statusCode(), "nor disable them");
        assertEquals(404, acme(container).get("/api/usergroup/" + strangersGroup, bearer(admin)).statusCode());
        assertEquals(404, addMember(acme(container), admin, strangersGroup, userId(admin)).statusCode(),
                "nor join globex's group");
        assertTrue(whoami(globex(container), stranger).startsWith("ada-"), "the stranger is untouched");

        assertEquals(401, globex(container).get("/api/user_account", bearer(admin)).statusCode(),
                "in globex acme's administrator is a guest");
        String globexAdmin = ApiCalls.newAdministrator(globex(container));
        assertTrue(whoami(globex(container), globexAdmin).endsWith("|true"), "globex has its own first administrator");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void instanceWhenOfTheOtherTenantThenItsIdOpensNothingOnTheRouteTheApiOrThroughAForward(Container container) {
        String owner = acme(container).newUser(email(), PASSWORD);
        String note = createNote(acme(container), owner);
        String intruder = globex(container).newUser(email(), PASSWORD);
        String friends = createGroup(globex(container), intruder, "friends-" + suffix());
        assertEquals(200, acme(container).get("/notes/" + note, bearer(owner)).statusCode(), "warms acme's caches");

        // Not registered in globex: the answer an id that was never registered gets, nothing of acme's shows.
        String unregistered = globex(container).get("/notes/987654321", bearer(intruder)).body();
        HttpResponse<String> read = globex(container).get("/notes/" + note, bearer(intruder));
        assertEquals(404, read.statusCode(), read.body());
        assertEquals(unregistered.replace("987654321", note), read.body());
        assertEquals(404, globex(container).send("DELETE", "/notes/" + note, null, bearer(intruder)).statusCode());
        assertFalse(globex(container).get("/notes", bearer(intruder)).body().contains("\"id\":" + note),
                "nor listed");
        assertEquals(404, globex(container).get("/api/instance/note/" + note, bearer(intruder)).statusCode());
        assertEquals(404, shareNote(globex(container), intruder, note, friends, "group:pr").statusCode(),
                "nor shared from there");
        assertEquals(404, globex(container).get("/dispatch?to=/notes/" + note, bearer(intruder)).statusCode(),
                "a forward is checked in the request's tenant");
        assertEquals(401, globex(container).get("/notes/" + note, bearer(owner)).statusCode(),
                "and the owner's own token, carried across, is a guest's, told to sign in");

        assertEquals(200, acme(container).get("/notes/" + note, bearer(owner)).statusCode(), "at home all is well");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void entriesWhenTheyNameAUserOfTheOtherTenantThenNoSuchUserAndEntityRowsStayPerTenant(Container container) {
        String owner = acme(container).newUser(email(), PASSWORD);
        String note = createNote(acme(container), owner);
        String outsider = globex(container).newUser(email(), PASSWORD);
        String acmeAdmin = acmeAdministrators.get(container);
        String globexMember = globex(container).newUser(email(), PASSWORD);

        assertApiError(404, "not_found", acme(container).send("PUT", "/api/instance/note/" + note + "/users/"
                + userId(outsider), "{\"permission\":\"pr\"}", bearer(owner)), "globex's user is no user of acme");
        assertApiError(404, "not_found", acme(container).send("PUT", "/api/world/note/users/" + userId(outsider),
                "{\"permission\":\"pr\"}", bearer(acmeAdmin)), "nor at the entity level");
        assertEquals(200, patchWorld(acme(container), acmeAdmin, "\"owner:prcudxf group:p guest:\""),
                "acme's administrator takes creating notes away from acme's users");
        try {
            assertEquals(403, acme(container).post("/notes", "no more", bearer(owner)).statusCode());
            assertEquals(201, globex(container).post("/notes", "still fine", bearer(globexMember)).statusCode(),
                    "globex's note entity is its own");
        } finally {
            assertEquals(200, patchWorld(acme(container), acmeAdmin, "1048449"), "the default back, for the other tests");
        }
        assertEquals(401, globex(container).get("/api/world/note", bearer(acmeAdmin)).statusCode());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void failuresWhenSpentOnAnAccountInOneTenantThenTheSameEmailInTheOtherIsNotThrottled(Container container) {
        String email = email();
        acme(container).newUser(email, PASSWORD);
        globex(container).newUser(email, PASSWORD);
        for (int i = 0; i < 6; i++) {
            acme(container).signin(email, "wrong horse " + i);
        }

        assertEquals(429, acme(container).signin(email, PASSWORD).statusCode(), "acme's Ada is held back");
        assertEquals(200, globex(container).signin(email, PASSWORD).statusCode(), "globex's Ada is someone else");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void hostHeaderWhenNoConfiguredHostThenNothingChangesForHeaderMode(Container container) throws IOException {
        // In header mode the host name plays no part: a request to another host name with the header is served.
        URI base = servers.http(container).base();
        String reply = raw(base, "GET /api/tenant HTTP/1.1\r\nHost: elsewhere.example\r\nX-Tenant: acme\r\n"
                + "Connection: close\r\n\r\n");
        assertTrue(reply.startsWith("HTTP/1.1 200"), reply);
        assertTrue(reply.contains("\"id\":\"acme\""), reply);
    }

    private static int patchWorld(Http http, String admin, String permission) {
        return http.send("PATCH", "/api/world/note", "{\"data\":{\"type\":\"world\",\"attributes\":{\"permission\":"
                + permission + "}}}", bearer(admin)).statusCode();
    }

    /** One request written by hand: the JDK's client will not send a Host header of our choosing. */
    static String raw(URI base, String request) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
