package org.portcullis.filter.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.portcullis.filter.permission.Permission;
import org.portcullis.filter.routing.CanonicalPath;
import org.portcullis.filter.routing.RejectedPathException;
import org.portcullis.filter.routing.Resolution;
import org.portcullis.filter.routing.RouteTable;
import org.portcullis.filter.web.ApiError;
import org.portcullis.filter.web.Json;

/**
 * Fuzzes the entry points that read what a client sends besides tokens: request bodies
 * ({@link Json#read}), permissions in the management API ({@link Permission#parse}) and request paths
 * ({@link CanonicalPath#of} then {@link RouteTable#resolve}). Each either accepts its input or refuses
 * it with the one exception that becomes a 400; nothing else may escape (that would be a 500), and
 * what is accepted keeps its invariants.
 */
class InputFuzzTest {

    private static final RouteTable ROUTES = RouteTable.parse("""
            /notes             = note
            /notes/{id}        = note
            /notes/{id}/export = note:execute
            /files/{id:uuid}   = file
            /tags/{id:slug}    = tag
            /admin/**          = admin_console
            """);

    @FuzzTest(maxDuration = "20s")
    void clientInputIsAcceptedOrRefusedWithA400Never500(FuzzedDataProvider data) throws IOException {
        switch (data.consumeInt(0, 2)) {
            case 0 -> json(data.consumeRemainingAsBytes());
            case 1 -> permission(data.consumeRemainingAsString());
            default -> path(data.consumeString(200), data.consumeRemainingAsString());
        }
    }

    private static void json(byte[] body) throws IOException {
        try {
            JsonNode node = Json.read(body);
            assertTrue(node == null || depth(node) <= Json.MAX_DEPTH + 1, "nesting limit holds");
        } catch (ApiError refused) {
            assertEquals(400, refused.status());
            assertEquals("bad_json", refused.code());
        }
    }

    private static void permission(String text) {
        Permission parsed;
        try {
            parsed = Permission.parse(text);
        } catch (IllegalArgumentException refused) {
            return;
        }
        assertEquals(parsed, Permission.parse(parsed.toString()), "the readable form reads back");
        assertEquals(parsed, Permission.parse(Integer.toString(parsed.mask())), "the mask reads back");
    }

    private static void path(String servletPath, String pathInfo) {
        CanonicalPath canonical;
        try {
            canonical = CanonicalPath.of(servletPath, pathInfo);
        } catch (RejectedPathException refused) {
            return;
        }
        String value = canonical.value();
        assertTrue(value.startsWith("/"), value);
        for (String bad : new String[] {"//", "/./", "/../", ";", "\\", "%"}) {
            assertFalse((value.equals("/") ? value : value + "/").contains(bad),
                    "canonical path " + value + " contains " + bad);
        }
        Resolution resolution = ROUTES.resolve(canonical);
        if (resolution instanceof Resolution.Matched matched) {
            assertTrue(canonical.lowerCase().startsWith("/notes") || canonical.lowerCase().startsWith("/files")
                    || canonical.lowerCase().startsWith("/tags") || canonical.lowerCase().startsWith("/admin"),
                    "matched outside every route: " + value + " -> " + matched);
        }
    }

    private static int depth(JsonNode node) {
        int deepest = 0;
        for (JsonNode child : node) {
            deepest = Math.max(deepest, depth(child));
        }
        return deepest + 1;
    }
}
