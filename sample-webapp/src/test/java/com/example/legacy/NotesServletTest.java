package com.example.legacy;

import static com.example.legacy.Jetty.assertClosed;
import static com.example.legacy.Jetty.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The servlet alone (no filter): its HTTP replies, and its notes and ids across a restart. */
class NotesServletTest {

    @TempDir
    Path dir;

    private Jetty start() throws Exception {
        return Jetty.start("/app", Map.of("portcullis.data.dir", dir.toString()), null);
    }

    @Test
    void answersAsTheInMemoryVersionDid() throws Exception {
        try (Jetty app = start()) {
            HttpResponse<String> r = app.send("GET", "/notes", null, null);
            assertStatus(200, r);
            assertEquals("[]", r.body());
            assertEquals("application/json;charset=utf-8",
                    r.headers().firstValue("Content-Type").orElse("").toLowerCase().replace(" ", ""));

            r = app.send("POST", "/notes", "say \"hi\"\\\n\u00e9", null);
            assertStatus(201, r);
            assertEquals("/app/notes/1", r.headers().firstValue("Location").orElse(null));
            assertEquals("{\"id\":1,\"text\":\"say \\\"hi\\\"\\\\\\u000a\u00e9\"}", r.body());
            assertEquals(r.body(), app.send("GET", "/notes/1", null, null).body());

            assertStatus(405, app.send("POST", "/notes/1", "x", null));
            assertStatus(405, app.send("POST", "/notes/abc", "x", null));
            assertStatus(404, app.send("GET", "/notes/2", null, null));
            assertStatus(404, app.send("GET", "/notes/abc", null, null));
            assertStatus(404, app.send("GET", "/notes/99999999999999999999", null, null));
            assertStatus(404, app.send("GET", "/notes/-1", null, null));

            r = app.send("PUT", "/notes/1", "new text", null);
            assertStatus(200, r);
            assertEquals("{\"id\":1,\"text\":\"new text\"}", r.body());
            assertStatus(404, app.send("PUT", "/notes/2", "x", null));
            assertStatus(404, app.send("PUT", "/notes", "x", null));
            assertStatus(404, app.send("PUT", "/notes/abc", "x", null));

            r = app.send("POST", "/notes", "", null);
            assertStatus(201, r);
            assertEquals("{\"id\":2,\"text\":\"\"}", r.body());
            r = app.send("POST", "/notes/", "third", null); // "/" is the collection, as before
            assertStatus(201, r);
            assertEquals("/app/notes/3", r.headers().firstValue("Location").orElse(null));
            assertEquals("[{\"id\":1,\"text\":\"new text\"},{\"id\":2,\"text\":\"\"},{\"id\":3,\"text\":\"third\"}]",
                    app.send("GET", "/notes", null, null).body());

            assertStatus(204, app.send("DELETE", "/notes/1", null, null));
            assertStatus(404, app.send("DELETE", "/notes/1", null, null));
            assertStatus(404, app.send("DELETE", "/notes", null, null));
            assertStatus(404, app.send("DELETE", "/notes/abc", null, null));
            assertStatus(404, app.send("GET", "/notes/1", null, null));
            assertStatus(404, app.send("PUT", "/notes/1", "x", null));

            // a body is read up to 10,000 bytes, the rest ignored, as before
            r = app.send("POST", "/notes", "a".repeat(10_000) + "b".repeat(5_000), null);
            assertStatus(201, r);
            assertEquals("{\"id\":4,\"text\":\"" + "a".repeat(10_000) + "\"}", r.body());
        }
    }

    @Test
    void notesAndIdsOutliveARestart() throws Exception {
        Path file = dir.resolve("notes.mv.db");
        try (Jetty app = start()) {
            assertStatus(201, app.send("POST", "/notes", "first", null));
            assertStatus(201, app.send("POST", "/notes", "second", null));
            assertStatus(204, app.send("DELETE", "/notes/2", null, null)); // the newest one
        }
        if (Files.exists(file)) {
            assertClosed(file);
        }

        try (Jetty app = start()) {
            assertEquals("[{\"id\":1,\"text\":\"first\"}]", app.send("GET", "/notes", null, null).body());
            HttpResponse<String> r = app.send("POST", "/notes", "third", null);
            assertStatus(201, r);
            assertEquals("/app/notes/3", r.headers().firstValue("Location").orElse(null), "id 2 was given again");
            assertEquals("{\"id\":3,\"text\":\"third\"}", r.body());
            assertStatus(404, app.send("GET", "/notes/2", null, null));
            assertTrue(Jetty.lockedHere(file), "the check that the database was closed would see it closed anyway");
        }
        assertTrue(Files.exists(file), "no " + file);
        assertClosed(file);
        assertFalse(Files.exists(dir.resolve("portcullis.mv.db")), "the servlet touched Portcullis' database");
    }
}
