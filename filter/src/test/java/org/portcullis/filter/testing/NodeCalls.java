package org.portcullis.filter.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.portcullis.filter.testing.ApiCalls.bearer;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;

/**
 * What the several-node tests ask a node: whether a token is signed in there, a group's id, the {@code world}
 * row of an entity, and a change of it. Static, for {@code import static}.
 */
public final class NodeCalls {

    private NodeCalls() {
    }

    /** Whether {@code node}'s host sees the token's user ({@code /whoami} of {@link LegacyServlets}). */
    public static boolean signedIn(Http node, String token) {
        HttpResponse<String> whoami = node.get("/whoami", bearer(token));
        assertEquals(200, whoami.statusCode());
        return !whoami.body().startsWith("null|");
    }

    public static String groupId(Http node, String administrator, String name) {
        for (JsonNode group : Http.json(node.get("/api/usergroup", bearer(administrator)).body()).path("data")) {
            if (name.equals(group.path("attributes").path("name").asText())) {
                return group.path("id").asText();
            }
        }
        return fail("no group " + name);
    }

    public static JsonNode world(Http node, String administrator, String entity) {
        for (JsonNode row : Http.json(node.get("/api/world", bearer(administrator)).body()).path("data")) {
            if (entity.equals(row.path("id").asText())) {
                return row;
            }
        }
        return fail("no world row " + entity);
    }

    /** Sets the {@code world} row of {@code note} to {@code permission} (e.g. {@code owner:prcudxf group:prudx guest:p}). */
    public static void patchWorld(Http node, String administrator, String permission) {
        HttpResponse<String> patched = node.send("PATCH", "/api/world/note",
                "{\"data\":{\"type\":\"world\",\"attributes\":{\"permission\":\"" + permission + "\"}}}",
                bearer(administrator));
        assertEquals(200, patched.statusCode(), patched.body());
    }
}
