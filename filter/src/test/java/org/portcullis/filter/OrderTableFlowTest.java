package org.portcullis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portcullis.filter.testing.ApiCalls.bearer;
import static org.portcullis.filter.testing.ApiCalls.createNote;
import static org.portcullis.filter.testing.ApiCalls.newUser;
import static org.portcullis.filter.testing.ApiCalls.suffix;
import static org.portcullis.filter.testing.ApiCalls.userId;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.portcullis.filter.permission.Permission;
import org.portcullis.filter.permission.Permission.Action;
import org.portcullis.filter.permission.Permission.Tier;
import org.portcullis.filter.testing.Container;
import org.portcullis.filter.testing.GuardedServers;
import org.portcullis.filter.testing.Http;
import org.portcullis.filter.testing.LegacyServlets;

/**
 * The order table of contract §5 and §7 over real HTTP on Jetty and Tomcat: for every subject
 * (administrator, owner, named user, group member, guest tier as a signed-in stranger and as an
 * anonymous request) and every action, the action is allowed with its bit granted in the one tier that
 * applies and refused with just that bit taken out of that tier while every other bit of every tier
 * stays granted, so no other tier can leak it. Administrators are allowed with a mask of 0.
 *
 * <p>The named user is a member of the member's group with a named-user entry on the varied row, which
 * alone decides for them: granted, the row takes the action's bit out of the group and guest tiers
 * and the entry gives all seven bits (more than the groups); refused, the row grants everything and
 * the entry lacks just that bit (less than the groups). In every other subject's cells the named user's
 * entry holds the opposite of the cell (none where the cell grants, all where it refuses), so an entry
 * is seen never to count for anyone but its user.
 *
 * <p>Instance cells vary the note's own row (owner and guest tiers, and the group tier of its links)
 * under a {@code world} row that allows everything; entity cells vary the {@code world} row (its owner
 * is the note's owner, its only group link the member's group) under an instance row that allows
 * everything: the two levels are ANDed, so either one refuses. Create exists at the entity level only.
 * Every cell gets a fresh note, so a delete or a share in one cell cannot change the next.
 *
 * <p>How each action is observed: Peek {@code OPTIONS /notes/<id>} (and {@code GET /api/instance/note/<id>}),
 * Read {@code GET}, Create {@code POST /notes}, Update {@code PUT}, Delete {@code DELETE}, Execute
 * {@code POST /notes/<id>}, Refer {@code PUT /api/instance/note/<id>/groups/<users>}. A refused user gets
 * 403, or 404 where the instance row denies Peek; a refused anonymous request 401 with a Bearer challenge.
 * The management API serves signed-in users only, so an anonymous Refer is 401 even when granted.
 */
@Tag("database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrderTableFlowTest {

    private static final String ROUTES = """
            /notes      = note
            /notes/{id} = note
            """;
    private static final int GROUP_TIER = Permission.ALL.tierBits(Tier.GROUP) << Tier.GROUP.shift();
    private static final int ALL_BITS = Permission.ALL.tierBits(Tier.GROUP);

    /** Who asks, and which tier of a row applies to them. */
    enum Who {
        ADMINISTRATOR("administrator", null),
        OWNER("owner", Tier.OWNER),
        NAMED("named user (entry decides)", null),
        MEMBER("group member", Tier.GROUP),
        STRANGER("guest tier (signed-in stranger)", Tier.GUEST),
        ANONYMOUS("guest tier (anonymous)", Tier.GUEST);

        final String label;
        final Tier tier;

        Who(String label, Tier tier) {
            this.label = label;
            this.tier = tier;
        }
    }

    /** Which row a cell varies; the other one allows everything. */
    enum Level { INSTANCE, ENTITY }

    /** One cell of the table, tested one way. */
    record Cell(Container container, Level level, Who who, Action action, boolean granted) {

        /** The varied row's mask: everything, less the action's bit in the subject's tier when not granted. */
        Permission mask() {
            if (who == Who.NAMED) {
                return granted ? Permission.ALL.without(Tier.GROUP, action).without(Tier.GUEST, action) : Permission.ALL;
            }
            if (granted) {
                return Permission.ALL;
            }
            return who == Who.ADMINISTRATOR ? Permission.NONE : Permission.ALL.without(who.tier, action);
        }

        /** The named user's entry on the varied row: theirs decides their cells; the opposite of the cell elsewhere. */
        int entryBits() {
            if (who == Who.NAMED) {
                return granted ? ALL_BITS : ALL_BITS & ~action.bit();
            }
            return granted ? 0 : ALL_BITS;
        }

        int expectedStatus() {
            if (who == Who.ANONYMOUS && (!granted || action == Action.REFER)) {
                return 401; // the management API, where Refer is observed, serves signed-in users only
            }
            if (granted || who == Who.ADMINISTRATOR) {
                return switch (action) {
                    case CREATE -> 201;
                    case UPDATE, DELETE -> 204;
                    default -> 200;
                };
            }
            return level == Level.INSTANCE && action == Action.PEEK ? 404 : 403;
        }

        String name() {
            String how = granted ? "granted" : who == Who.ADMINISTRATOR ? "mask 0" : "bit removed";
            return String.join(" · ", container.name().toLowerCase(java.util.Locale.ROOT),
                    level.name().toLowerCase(java.util.Locale.ROOT), who.label,
                    action.name().toLowerCase(java.util.Locale.ROOT), how) + " → " + expectedStatus();
        }
    }

    /** The users and groups of one container, made once: no password hashing per cell. */
    record Cast(String admin, String owner, String named, String member, String stranger, String ownerId,
                String ownerGroup, String team, String users) {

        String token(Who who) {
            return switch (who) {
                case ADMINISTRATOR -> admin;
                case OWNER -> owner;
                case NAMED -> named;
                case MEMBER -> member;
                case STRANGER -> stranger;
                case ANONYMOUS -> null;
            };
        }
    }

    private GuardedServers servers;
    private final Map<Container, Cast> casts = new EnumMap<>(Container.class);
    private final Map<Container, Boolean> worldPrepared = new EnumMap<>(Container.class);

    @BeforeAll
    void start() throws Exception {
        Map<String, HttpServlet> servlets = LegacyServlets.withNotes();
        ExecutableNotes notes = new ExecutableNotes();
        servlets.put("/notes", notes);
        servlets.put("/notes/*", notes);
        servers = GuardedServers.start(ROUTES, servlets);
        for (Container container : Container.values()) {
            casts.put(container, cast(servers.http(container)));
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (servers != null) {
            servers.close();
        }
    }

    // ---- defaults (run first: the table changes the note's world row) ---------------------------

    @Order(1)
    @ParameterizedTest
    @EnumSource(Container.class)
    void defaultsWhenNothingChangedThenTheApiReportsContractSection5(Container container) {
        Http http = servers.http(container);
        Cast cast = casts.get(container);
        String id = createNote(http, cast.owner());

        HttpResponse<String> shown = http.get("/api/instance/note/" + id, bearer(cast.owner()));
        assertEquals(200, shown.statusCode(), shown.body());
        JsonNode instance = Http.json(shown.body()).path("data").path("attributes");
        assertEquals(cast.ownerId(), instance.path("owner").asText(), "owned by its creator");
        assertEquals(Permission.parse("owner:prcudxf guest:p").mask(), instance.path("permission").asInt());
        JsonNode links = instance.path("groups");
        assertEquals(1, links.size(), links.toString());
        assertEquals(cast.ownerGroup(), links.path(0).path("id").asText(), "linked to the creator's own group");
        int instanceMask = instance.path("permission").asInt() | links.path(0).path("permission").asInt() & GROUP_TIER;
        assertEquals(65409, instanceMask, "owner all, group Peek and Read, guest Peek");

        JsonNode worlds = Http.json(http.get("/api/world", bearer(cast.admin())).body()).path("data");
        JsonNode note = row(worlds, "note");
        assertEquals(1048449, note.path("attributes").path("permission").asInt());
        assertEquals(65409, note.path("attributes").path("default_permission").asInt());
        assertTrue(note.path("attributes").path("owner").isNull(), note.toString());
        JsonNode noteLinks = note.path("attributes").path("groups");
        assertEquals(1, noteLinks.size(), noteLinks.toString());
        assertEquals(cast.users(), noteLinks.path(0).path("id").asText(), "the note world row belongs to users");
        assertEquals(1048449 & GROUP_TIER, noteLinks.path(0).path("permission").asInt() & GROUP_TIER);
        for (String own : List.of("user_account", "usergroup", "world", "invitation")) {
            int mask = row(worlds, own).path("attributes").path("permission").asInt();
            assertTrue(!Permission.of(mask).allows(Tier.GUEST, Action.READ), own + " readable by guests: " + mask);
        }
        for (String path : List.of("/api/user_account", "/api/usergroup", "/api/world", "/api/instance/note/" + id)) {
            HttpResponse<String> guest = http.get(path);
            assertEquals(401, guest.statusCode(), path + " as guest: " + guest.body());
        }
    }

    // ---- the table --------------------------------------------------------------------------------

    @Order(2)
    @TestFactory
    Stream<DynamicTest> orderTable() {
        List<Cell> cells = new ArrayList<>();
        for (Container container : Container.values()) {
            for (Level level : Level.values()) {
                for (Who who : Who.values()) {
                    for (Action action : Action.values()) {
                        if (!applies(level, action)) {
                            continue;
                        }
                        cells.add(new Cell(container, level, who, action, true));
                        cells.add(new Cell(container, level, who, action, false));
                    }
                }
            }
        }
        return cells.stream().map(cell -> DynamicTest.dynamicTest(cell.name(), () -> run(cell)));
    }

    /**
     * Create is asked of the entity only. Refer is observed through {@code /api/instance}, which asks
     * the entity for Peek only, so it is an instance-level cell.
     */
    private static boolean applies(Level level, Action action) {
        return level == Level.ENTITY ? action != Action.REFER : action != Action.CREATE;
    }

    private void run(Cell cell) {
        Http http = servers.http(cell.container());
        Cast cast = casts.get(cell.container());
        prepareWorld(cell.container(), http, cast);
        setWorld(http, cast, Permission.ALL);
        String id = cell.action() == Action.CREATE ? null : createNote(http, cast.owner());
        if (id != null) {
            setInstance(http, cast, id, cell.level() == Level.INSTANCE ? cell.mask() : Permission.ALL);
        }
        if (cell.level() == Level.ENTITY) {
            setWorld(http, cast, cell.mask());
        }
        setEntries(http, cast, id, cell);

        HttpResponse<String> reply = act(http, cast, cell.action(), id, cast.token(cell.who()));

        assertEquals(cell.expectedStatus(), reply.statusCode(), cell.name() + ": " + reply.body());
        if (reply.statusCode() == 401) {
            assertEquals("Bearer", reply.headers().firstValue("WWW-Authenticate").orElse(null), cell.name());
        }
        if (cell.action() == Action.PEEK && cell.who() != Who.ANONYMOUS) {
            int expected = cell.expectedStatus() == 200 ? 200 : 404;
            HttpResponse<String> shown = http.get("/api/instance/note/" + id, bearer(cast.token(cell.who())));
            assertEquals(expected, shown.statusCode(), cell.name() + ", through /api/instance: " + shown.body());
        }
    }

    /** Does {@code action} over HTTP the way a client of the legacy app (or of the management API) would. */
    private static HttpResponse<String> act(Http http, Cast cast, Action action, String id, String token) {
        String[] auth = token == null ? new String[0] : bearer(token);
        return switch (action) {
            case PEEK -> http.send("OPTIONS", "/notes/" + id, null, auth);
            case READ -> http.get("/notes/" + id, auth);
            case CREATE -> http.post("/notes", "made in a cell", auth);
            case UPDATE -> http.send("PUT", "/notes/" + id, "changed in a cell", auth);
            case DELETE -> http.send("DELETE", "/notes/" + id, null, auth);
            case EXECUTE -> http.post("/notes/" + id, "", auth);
            case REFER -> http.send("PUT", "/api/instance/note/" + id + "/groups/" + cast.users(),
                    linkBody(Permission.of(0).with(Tier.GROUP, Action.PEEK)), auth);
        };
    }

    // ---- rows, set through the management API by the administrator --------------------------------

    /** Once per container: the note world row's owner is the owner, its only group link the member's team. */
    private void prepareWorld(Container container, Http http, Cast cast) {
        if (worldPrepared.getOrDefault(container, false)) {
            return;
        }
        expect(200, http.send("PUT", "/api/world/note/groups/" + cast.team(), linkBody(Permission.ALL.without(
                Tier.OWNER, Action.values()).without(Tier.GUEST, Action.values())), bearer(cast.admin())));
        expect(204, http.send("DELETE", "/api/world/note/groups/" + cast.users(), null, bearer(cast.admin())));
        worldPrepared.put(container, true);
    }

    /** The world row's mask; a PATCH of {@code permission} writes its group tier to the team's link too. */
    private static void setWorld(Http http, Cast cast, Permission mask) {
        expect(200, http.send("PATCH", "/api/world/note", "{\"data\":{\"type\":\"world\",\"attributes\":{"
                + "\"permission\":" + mask.mask() + ",\"owner\":\"" + cast.ownerId() + "\"}}}", bearer(cast.admin())));
    }

    /** The instance's owner and guest tiers, and the group tier of both its links (the owner's own group and the team). */
    private static void setInstance(Http http, Cast cast, String id, Permission mask) {
        String admin = cast.admin();
        expect(200, http.send("PATCH", "/api/instance/note/" + id, "{\"data\":{\"type\":\"instance\",\"attributes\":{"
                + "\"permission\":" + (mask.mask() & ~GROUP_TIER) + "}}}", bearer(admin)));
        Permission groupTier = Permission.of(mask.mask() & GROUP_TIER);
        for (String group : List.of(cast.team(), cast.ownerGroup())) {
            expect(200, http.send("PUT", "/api/instance/note/" + id + "/groups/" + group, linkBody(groupTier),
                    bearer(admin)));
        }
    }

    /** The named user's entries: the cell's on the varied row, all seven bits on the other. */
    private static void setEntries(Http http, Cast cast, String id, Cell cell) {
        String body = "{\"permission\":%d}";
        String named = userId(cast.named());
        expect(200, http.send("PUT", "/api/world/note/users/" + named, body.formatted(cell.level() == Level.ENTITY
                ? cell.entryBits() : ALL_BITS), bearer(cast.admin())));
        if (id != null) {
            expect(200, http.send("PUT", "/api/instance/note/" + id + "/users/" + named, body.formatted(
                    cell.level() == Level.INSTANCE ? cell.entryBits() : ALL_BITS), bearer(cast.admin())));
        }
    }

    private static String linkBody(Permission groupTier) {
        return "{\"data\":{\"type\":\"usergroup\",\"attributes\":{\"permission\":" + groupTier.mask() + "}}}";
    }

    // ---- fixtures ---------------------------------------------------------------------------------

    private static Cast cast(Http http) {
        String admin = newUser(http);
        expect(200, http.action("world/become_an_administrator", "{}", bearer(admin)));
        String owner = newUser(http);
        String named = newUser(http);
        String member = newUser(http);
        String stranger = newUser(http);
        HttpResponse<String> team = expect(201, http.post("/api/usergroup",
                "{\"data\":{\"type\":\"usergroup\",\"attributes\":{\"name\":\"team-" + suffix() + "\"}}}", bearer(admin)));
        String teamId = Http.json(team.body()).path("data").path("id").asText();
        expect(204, http.post("/api/usergroup/" + teamId + "/members",
                "{\"data\":{\"type\":\"user_account\",\"id\":\"" + userId(member) + "\"}}", bearer(admin)));
        expect(204, http.post("/api/usergroup/" + teamId + "/members",
                "{\"data\":{\"type\":\"user_account\",\"id\":\"" + userId(named) + "\"}}", bearer(admin)));
        return new Cast(admin, owner, named, member, stranger, userId(owner),
                groupNamed(http, owner, "user:" + userId(owner)), teamId, groupNamed(http, owner, "users"));
    }

    private static String groupNamed(Http http, String token, String name) {
        for (JsonNode group : Http.json(expect(200, http.get("/api/usergroup", bearer(token))).body()).path("data")) {
            if (group.path("attributes").path("name").asText().equals(name)) {
                return group.path("id").asText();
            }
        }
        throw new AssertionError("no group " + name);
    }

    private static JsonNode row(JsonNode rows, String id) {
        for (JsonNode row : rows) {
            if (row.path("id").asText().equals(id)) {
                return row;
            }
        }
        throw new AssertionError("no row " + id + " in " + rows);
    }

    private static HttpResponse<String> expect(int status, HttpResponse<String> reply) {
        assertEquals(status, reply.statusCode(), reply.request().method() + " " + reply.uri() + ": " + reply.body());
        return reply;
    }

    /**
     * The legacy notes servlet, plus what it lacks to observe Execute: {@code POST /notes/<id>}
     * answers 200 ("executed"). Everything else is the legacy servlet's own behaviour.
     */
    static final class ExecutableNotes extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final LegacyServlets.Notes notes = new LegacyServlets.Notes();

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response)
                throws ServletException, IOException {
            String info = request.getPathInfo();
            if ("POST".equals(request.getMethod()) && info != null && info.length() > 1) {
                request.getInputStream().readAllBytes();
                response.setContentType("text/plain");
                response.getWriter().write("executed " + info.substring(1));
                return;
            }
            notes.service((ServletRequest) request, (ServletResponse) response);
        }
    }
}
