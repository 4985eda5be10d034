package com.example.legacy;

import static com.example.legacy.Jetty.assertClosed;
import static com.example.legacy.Jetty.assertNoH2Threads;
import static com.example.legacy.Jetty.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample as web.xml declares it, Portcullis' filter in front, restarted: note 1 keeps its text
 * and its owner, the next note is 2, and both databases live in the one directory Portcullis uses.
 */
class RestartWithPortcullisTest {


    @TempDir
    Path home;

    private String userHome;

    @BeforeEach
    void ownUserHome() {
        userHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
    }

    @AfterEach
    void restoreUserHome() {
        System.setProperty("user.home", userHome);
    }

    private static Map<String, String> filter(Map<String, String> more) {
        Map<String, String> params = new HashMap<>(Map.of(
                "resources", "/notes = note\n/notes/{id} = note",
                "bcrypt.cost", "10",
                "start.background", "false"));
        params.putAll(more);
        return params;
    }

    private static String signUpAndIn(Jetty app, String name) throws Exception {
        return app.signUpAndIn(name, name.toLowerCase() + "@example.com", "correct horse");
    }

    @Test
    void rolesWhenSignedInThenTheGroupsAnswerIsUserInRoleAndAGuestHasNone() throws Exception {
        try (Jetty app = Jetty.start("/", Map.of(), filter(Map.of()))) {
            String ada = signUpAndIn(app, "Ada");

            assertEquals("user menu\n", app.send("GET", "/roles", null, ada).body(), "ada is in default.groups' users");
            assertEquals("guest menu\n", app.send("GET", "/roles", null, null).body());
        }
    }

    @Test
    void noteOneKeepsItsTextAndOwnerAndTheNextNoteIsTwo() throws Exception {
        Path data = home.resolve(".portcullis").resolve("ROOT"); // the default data.dir of context "/"
        String ada;
        String bob;
        try (Jetty app = Jetty.start("/", Map.of(), filter(Map.of()))) {
            ada = signUpAndIn(app, "Ada");
            bob = signUpAndIn(app, "Bob");
            HttpResponse<String> r = app.send("POST", "/notes", "ada's note", ada);
            assertStatus(201, r);
            assertEquals("/notes/1", r.headers().firstValue("Location").orElse(null));
            assertStatus(403, app.send("GET", "/notes/1", null, bob));
        }

        try (Jetty app = Jetty.start("/", Map.of(), filter(Map.of()))) {
            HttpResponse<String> r = app.send("POST", "/notes", "bob's note", bob);
            assertStatus(201, r);
            assertEquals("/notes/2", r.headers().firstValue("Location").orElse(null));
            assertEquals("{\"id\":2,\"text\":\"bob's note\"}", r.body());
            assertStatus(403, app.send("GET", "/notes/1", null, bob));
            r = app.send("GET", "/notes/1", null, ada);
            assertStatus(200, r);
            assertEquals("{\"id\":1,\"text\":\"ada's note\"}", r.body());
            assertEquals("[{\"id\":1,\"text\":\"ada's note\"}]", app.send("GET", "/notes", null, ada).body());
            assertEquals("[{\"id\":2,\"text\":\"bob's note\"}]", app.send("GET", "/notes", null, bob).body());
            assertStatus(401, app.send("GET", "/notes/1", null, null));
        }
        assertTrue(Files.exists(data.resolve("portcullis.mv.db")), "Portcullis' database is not in " + data);
        assertTrue(Files.exists(data.resolve("notes.mv.db")), "the notes' database is not in " + data);
        assertClosed(data.resolve("notes.mv.db"));
        assertNoH2Threads();
    }

    @Test
    void followsTheDataDirTheFilterIsGiven() throws Exception {
        // the filter's init-param wins over the context-param, and ${sys:...} is read as Portcullis reads it
        Path given = home.resolve("given");
        Path ignored = home.resolve("ignored");
        System.setProperty("notes.test.dir", home.toString());
        try (Jetty app = Jetty.start("/legacy", Map.of("portcullis.data.dir", ignored.toString()),
                filter(Map.of("data.dir", " ${sys:notes.test.dir}/given ")))) {
            String ada = signUpAndIn(app, "Ada");
            assertStatus(201, app.send("POST", "/notes", "x", ada));
        } finally {
            System.clearProperty("notes.test.dir");
        }
        assertTrue(Files.exists(given.resolve("portcullis.mv.db")), "Portcullis' database is not in " + given);
        assertTrue(Files.exists(given.resolve("notes.mv.db")), "the notes' database is not in " + given);
        assertTrue(!Files.exists(ignored) && !Files.exists(home.resolve(".portcullis")), "something went elsewhere");
    }

    @Test
    void defaultDirectoryIsNamedAsPortcullisNamesIt() throws Exception {
        try (Jetty app = Jetty.start("/legacy.notes-2", Map.of(), filter(Map.of()))) {
            String ada = signUpAndIn(app, "Ada");
            assertStatus(201, app.send("POST", "/notes", "x", ada));
        }
        Path data = home.resolve(".portcullis").resolve("legacy.notes-2");
        assertTrue(Files.exists(data.resolve("portcullis.mv.db")), "Portcullis' database is not in " + data);
        assertTrue(Files.exists(data.resolve("notes.mv.db")), "the notes' database is not in " + data);
    }
}
