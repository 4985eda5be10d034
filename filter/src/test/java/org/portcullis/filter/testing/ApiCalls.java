package org.portcullis.filter.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.auth0.jwt.JWT;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.UUID;

/**
 * The calls the management-API flow tests share: users, tokens, groups and memberships, notes, and
 * the JSON:API error assertion. Static, for {@code import static}.
 */
public final class ApiCalls {

    /** The password every test user gets. */
    public static final String PASSWORD = "correct horse battery";
    private static final String GROUPS = "/api/usergroup";

    private ApiCalls() {
    }

    /** Eight random characters, for unique names and e-mails. */
    public static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A new user signed up and in; their token. */
    public static String newUser(Http http) {
        return http.newUser("u-" + suffix() + "@example.com", PASSWORD);
    }

    /**
     * A new user signed up and in who then takes {@code world/become_an_administrator} (which only the tenant's
     * first administrator may); their token, which is an administrator's from then on.
     */
    public static String newAdministrator(Http http) {
        String token = newUser(http);
        HttpResponse<String> became = http.action("world/become_an_administrator", "{}", bearer(token));
        assertEquals(200, became.statusCode(), became.body());
        return token;
    }

    public static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    /** The user id a token names ({@code sub}). */
    public static String userId(String token) {
        return JWT.decode(token).getSubject();
    }

    /** {@code text} as a JSON string. */
    public static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    public static HttpResponse<String> postGroup(Http http, String token, String name) {
        return http.post(GROUPS, "{\"data\":{\"type\":\"usergroup\",\"attributes\":{\"name\":" + quote(name) + "}}}",
                bearer(token));
    }

    /** Makes a group (asserting 201) and returns its id. */
    public static String createGroup(Http http, String token, String name) {
        HttpResponse<String> created = postGroup(http, token, name);
        assertEquals(201, created.statusCode(), created.body());
        return Http.json(created.body()).path("data").path("id").asText();
    }

    public static HttpResponse<String> addMember(Http http, String token, String groupId, String userId) {
        return http.post(GROUPS + "/" + groupId + "/members",
                "{\"data\":{\"type\":\"user_account\",\"id\":" + quote(userId) + "}}", bearer(token));
    }

    public static HttpResponse<String> removeMember(Http http, String token, String groupId, String userId) {
        return http.send("DELETE", GROUPS + "/" + groupId + "/members/" + userId, null, bearer(token));
    }

    /** {@code user_account/reset_password} with the mailed code, setting {@code password}. */
    public static HttpResponse<String> resetByCode(Http http, String email, String code, String password) {
        return http.action("user_account/reset_password", "{\"email\":" + quote(email) + ",\"code\":" + quote(code)
                + ",\"password\":" + quote(password) + ",\"passwordConfirm\":" + quote(password) + "}");
    }

    /** {@code user_account/reset_password} with the mailed link's token, setting {@code password}. */
    public static HttpResponse<String> resetByLink(Http http, String token, String password) {
        return http.action("user_account/reset_password", "{\"token\":" + quote(token) + ",\"password\":"
                + quote(password) + ",\"passwordConfirm\":" + quote(password) + "}");
    }

    /** Posts a note (asserting 201) and returns the id its {@code Location} names. */
    public static String createNote(Http http, String token) {
        HttpResponse<String> created = http.post("/notes", "note " + suffix(), bearer(token));
        assertEquals(201, created.statusCode(), created.body());
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** Shares a note with a group: {@code PUT /api/instance/note/<id>/groups/<groupId>} with {@code permission} ("group:pr"). */
    public static HttpResponse<String> shareNote(Http http, String token, String note, String groupId, String permission) {
        return http.send("PUT", "/api/instance/note/" + note + "/groups/" + groupId,
                "{\"data\":{\"type\":\"usergroup\",\"attributes\":{\"permission\":\"" + permission + "\"}}}",
                bearer(token));
    }

    /** A JSON:API error document {@code {"errors":[{"status","code","title"}]}} with this status and code. */
    /** {@code PATCH /api/user_account/<id>} with {@code attributes}, a JSON object's text. */
    public static HttpResponse<String> patchAccount(Http http, String token, String id, String attributes) {
        return http.send("PATCH", "/api/user_account/" + id,
                "{\"data\":{\"type\":\"user_account\",\"attributes\":" + attributes + "}}", bearer(token));
    }

    public static void assertApiError(int status, String code, HttpResponse<String> reply) {
        assertApiError(status, code, reply, "");
    }

    public static void assertApiError(int status, String code, HttpResponse<String> reply, String why) {
        assertEquals(status, reply.statusCode(), why + " " + reply.body());
        JsonNode error = Http.json(reply.body()).path("errors").path(0);
        assertEquals(code, error.path("code").asText(), why + " " + reply.body());
        assertEquals(Integer.toString(status), error.path("status").asText(), reply.body());
    }

    /** The value of the {@code client.store.set} item named {@code key} in an action's reply; null when none. */
    public static String stored(HttpResponse<String> reply, String key) {
        for (JsonNode item : Http.json(reply.body())) {
            if ("client.store.set".equals(item.path("ResponseType").asText())
                    && key.equals(item.path("Attributes").path("key").asText())) {
                return item.path("Attributes").path("value").asText();
            }
        }
        return null;
    }

    /** An action's refusal: the status and the {@code code} of Daptin's error shape. */
    public static void assertRefused(int status, String code, HttpResponse<String> reply) {
        assertRefused(status, code, reply, "");
    }

    /** As {@link #assertRefused(int, String, HttpResponse)}, saying {@code why} when it fails. */
    public static void assertRefused(int status, String code, HttpResponse<String> reply, String why) {
        assertEquals(status, reply.statusCode(), why + " " + reply.body());
        assertEquals(code, Http.errorCode(reply), why + " " + reply.body());
    }

    /** How many accounts of {@code db} have {@code email} as their e-mail: one after any race, never two. */
    public static int accountsWithEmail(org.portcullis.model.TestDatabase db, String email) throws java.sql.SQLException {
        try (java.sql.Connection c = db.connect(); java.sql.PreparedStatement s = c.prepareStatement("select count(*) from "
                + db.prefix() + "user_account where email = ?")) {
            s.setString(1, email);
            try (java.sql.ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /**
     * A user signed up with {@code signup.verification} on, verified with the code {@code smtp} received, and
     * signed in; the token.
     */
    public static String verifiedUser(Http http, SmtpServer smtp, String email, String password)
            throws InterruptedException {
        assertEquals(200, http.signup("User", email, password).statusCode());
        assertEquals(200, http.action("user_account/verify_email", "{\"email\":" + quote(email) + ",\"code\":"
                + quote(smtp.lastCode(email)) + "}").statusCode());
        return Http.tokenOf(http.signin(email, password));
    }
}
