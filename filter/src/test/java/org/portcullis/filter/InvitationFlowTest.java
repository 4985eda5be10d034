package org.portcullis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portcullis.filter.testing.ApiCalls.PASSWORD;
import static org.portcullis.filter.testing.ApiCalls.assertApiError;
import static org.portcullis.filter.testing.ApiCalls.assertRefused;
import static org.portcullis.filter.testing.ApiCalls.bearer;
import static org.portcullis.filter.testing.ApiCalls.quote;
import static org.portcullis.filter.testing.ApiCalls.stored;
import static org.portcullis.filter.testing.ApiCalls.suffix;
import static org.portcullis.filter.testing.ApiCalls.userId;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
import org.portcullis.filter.testing.LogCapture;
import org.portcullis.filter.testing.SmtpServer;

/**
 * CONTRACT §8's invitations over real HTTP on Jetty and Tomcat with real mail (GreenMail), with
 * {@code signup.verification=link} on so that an invited account's being active and verified is the
 * invitation's doing: {@code invite} (who may: the {@code world} row of {@code invitation}), the mail's code
 * and link, {@code signup} with {@code invitation_code} or {@code invitation_token}, {@code invited_by} and the
 * metadata on the account, re-invite, cancel and list; the attacks of reference/accounts.md P10 (a code for
 * another address, a plain sign-up of an invited address), P16 (one reply for known and unknown
 * addresses), P6 (20 racing redemptions, one account), P4 (five wrong codes) and P18 (nothing in the log).
 */
@Tag("database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvitationFlowTest {

    private static final String PUBLIC_URL = "https://notes.example.test/app";

    private SmtpServer smtp;
    private GuardedServers servers;
    private final Map<Container, String> administrators = new EnumMap<>(Container.class);

    @BeforeAll
    void start() throws Exception {
        smtp = SmtpServer.started();
        Map<String, String> parameters = new HashMap<>(smtp.parameters());
        parameters.put("mail.outbox.interval", "PT0.2S");
        parameters.put("signup.verification", "link");
        parameters.put("public.url", PUBLIC_URL);
        parameters.put("invitations.enabled", "true");
        servers = GuardedServers.start("", LegacyServlets.standard(), parameters);
        for (Container container : Container.values()) {
            Http http = servers.http(container);
            String admin = activeUser(http, email(), PASSWORD);
            assertEquals(200, http.action("world/become_an_administrator", "{}", bearer(admin)).statusCode());
            administrators.put(container, Http.tokenOf(http.signin(emailOf(admin), PASSWORD)));
        }
    }

    @AfterAll
    void stop() throws Exception {
        servers.close();
        smtp.close();
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void inviteWhenTheInviteeSignsUpWithTheCodeThenActiveVerifiedAndKeepingInviterAndMetadata(Container container)
            throws Exception {
        Http http = servers.http(container);
        String admin = administrators.get(container);
        String invitee = email();

        HttpResponse<String> invited = invite(http, admin, invitee, ",\"metadata\":{\"team\":\"engines\",\"level\":3}");

        assertEquals(200, invited.statusCode(), invited.body());
        String invitation = stored(invited, "invitation_id");
        assertNotNull(invitation, invited.body());
        MimeMessage mail = smtp.awaitTo(invitee, 1).get(0);
        assertTrue(mail.getSubject().endsWith("invites you to Portcullis"), mail.getSubject());
        assertTrue(smtp.lastLink(invitee).startsWith(PUBLIC_URL + "/auth/link/"), "the link starts with public.url");
        String code = smtp.lastCode(invitee);

        HttpResponse<String> up = signup(http, invitee, code);

        assertEquals(200, up.statusCode(), up.body());
        String fromSignup = stored(up, "token");
        assertNotNull(fromSignup, "the invited sign-up signs in: " + up.body());
        assertEquals(200, http.get("/api/user_account/" + userId(fromSignup), bearer(fromSignup)).statusCode());
        assertTrue(up.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("token=")), "and sets the cookie");
        String token = Http.tokenOf(http.signin(invitee, PASSWORD)); // no verification asked: the code proved it
        JsonNode account = Http.json(http.get("/api/user_account/" + userId(token), bearer(token)).body())
                .path("data").path("attributes");
        assertEquals("active", account.path("status").asText(), account.toString());
        assertEquals(userId(admin), account.path("invited_by").asText(), account.toString());
        assertEquals("engines", account.path("invitation_metadata").path("team").asText(), account.toString());
        assertEquals(3, account.path("invitation_metadata").path("level").asInt(), account.toString());
        assertFalse(account.path("anonymous").asBoolean(), account.toString());
        JsonNode identity = Http.json(http.get("/api/user_account/" + userId(token) + "/identities", bearer(token)).body())
                .path("data").path(0).path("attributes");
        assertTrue(identity.path("verified").asBoolean(), identity.toString());
        assertEquals("accepted", listed(http, admin, invitation).path("status").asText());
        assertEquals(userId(token), listed(http, admin, invitation).path("accepted_by").asText());
        assertRefused(400, "invalid_code", signup(http, invitee, code), "used once");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signupWhenTheMailedLinksTokenIsGivenThenTheInvitedAddressGetsTheAccount(Container container) throws Exception {
        Http http = servers.http(container);
        String invitee = email();
        assertEquals(200, invite(http, administrators.get(container), invitee, "").statusCode());
        String token = SmtpServer.linkToken(smtp.lastLink(invitee));

        HttpResponse<String> wrongAddress = http.action("user_account/signup", "{\"name\":\"Ivy\",\"email\":"
                + quote(email()) + ",\"password\":" + quote(PASSWORD) + ",\"passwordConfirm\":" + quote(PASSWORD)
                + ",\"invitation_token\":" + quote(token) + "}");
        HttpResponse<String> up = http.action("user_account/signup", "{\"name\":\"Ivy\",\"password\":" + quote(PASSWORD)
                + ",\"passwordConfirm\":" + quote(PASSWORD) + ",\"invitation_token\":" + quote(token) + "}");

        assertRefused(400, "invalid_code", wrongAddress, "the link is the invited address's only");
        assertEquals(200, up.statusCode(), up.body());
        assertTrue(up.body().contains("\"refresh_token\""), "an invited sign-up signs in with a refresh token too: "
                + up.body());
        assertEquals(200, http.signin(invitee, PASSWORD).statusCode());
        assertRefused(400, "invalid_code", signup(http, invitee, smtp.lastCode(invitee)), "the code of the link's mail died");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signupWhenTheCodeIsAnotherAddresssThenInvalidCodeAndTheInviteeStillGetsIn(Container container) throws Exception {
        Http http = servers.http(container);
        String invitee = email();
        String attacker = email();
        invite(http, administrators.get(container), invitee, "");
        String code = smtp.lastCode(invitee);

        assertRefused(400, "invalid_code", signup(http, attacker, code), "a code for A never works for B");
        assertEquals(401, http.signin(attacker, PASSWORD).statusCode());
        assertEquals(200, signup(http, invitee, code).statusCode());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signupWhenAnInvitedAddressSignsUpWithoutTheCodeThenTheInvitationStaysAndItsCodeLaterReplacesThatClaim(
            Container container) throws Exception {
        Http http = servers.http(container);
        String admin = administrators.get(container);
        String invitee = email();
        String invitation = stored(invite(http, admin, invitee, ",\"metadata\":{\"role\":\"editor\"}"), "invitation_id");
        String code = smtp.lastCode(invitee);

        HttpResponse<String> plain = http.action("user_account/signup", "{\"name\":\"Mallory\",\"email\":" + quote(invitee)
                + ",\"password\":\"mallory passphrase\",\"passwordConfirm\":\"mallory passphrase\"}");

        assertEquals(200, plain.statusCode(), plain.body());
        assertRefused(403, "pending_verification", http.signin(invitee, "mallory passphrase"), "no takeover of the invitation");
        assertEquals("pending", listed(http, admin, invitation).path("status").asText());
        assertEquals(200, signup(http, invitee, code).statusCode(), "the invitation's code proves the address");
        assertRefused(401, "invalid_credentials", http.signin(invitee, "mallory passphrase"), "the unproved claim is gone");
        String token = Http.tokenOf(http.signin(invitee, PASSWORD));
        JsonNode account = Http.json(http.get("/api/user_account/" + userId(token), bearer(token)).body())
                .path("data").path("attributes");
        assertEquals("editor", account.path("invitation_metadata").path("role").asText(), account.toString());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void inviteWhenTheAddressIsInvitedAgainThenTheFirstCodeDiesAndTheFirstInvitationIsReplaced(Container container)
            throws Exception {
        Http http = servers.http(container);
        String admin = administrators.get(container);
        String invitee = email();
        String first = stored(invite(http, admin, invitee, ""), "invitation_id");
        String firstCode = smtp.lastCode(invitee);

        String second = stored(invite(http, admin, invitee, ""), "invitation_id");
        assertEquals(2, smtp.awaitTo(invitee, 2).size());
        String secondCode = smtp.lastCode(invitee);

        assertNotEquals(first, second);
        assertEquals("replaced", listed(http, admin, first).path("status").asText());
        if (!firstCode.equals(secondCode)) {
            assertRefused(400, "invalid_code", signup(http, invitee, firstCode), "re-invite rotates the code");
        }
        assertEquals(200, signup(http, invitee, secondCode).statusCode());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void cancelWhenTheInviterCancelsThenTheCodeDiesAndOnlyTheInviterOrAnAdministratorMay(Container container)
            throws Exception {
        Http http = servers.http(container);
        String admin = administrators.get(container);
        String other = activeUser(http, email(), PASSWORD);
        String invitee = email();
        String invitation = stored(invite(http, admin, invitee, ""), "invitation_id");
        String code = smtp.lastCode(invitee);

        assertApiError(404, "not_found", http.send("DELETE", "/api/invitation/" + invitation, null, bearer(other)),
                "another user's invitation is none of theirs");
        assertApiError(401, "not_signed_in", http.send("DELETE", "/api/invitation/" + invitation, null));
        assertEquals(204, http.send("DELETE", "/api/invitation/" + invitation, null, bearer(admin)).statusCode());

        assertRefused(400, "invalid_code", signup(http, invitee, code), "a cancelled invitation's code is dead");
        assertEquals("cancelled", listed(http, admin, invitation).path("status").asText());
        assertApiError(409, "not_pending", http.send("DELETE", "/api/invitation/" + invitation, null, bearer(admin)));
        assertApiError(404, "not_found", http.send("DELETE", "/api/invitation/no-such-id", null, bearer(admin)));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void inviteWhenTheWorldRowGivesAGroupCreateThenItsMembersInviteAndListOnlyTheirOwn(Container container)
            throws Exception {
        Http http = servers.http(container);
        String admin = administrators.get(container);
        String member = activeUser(http, email(), PASSWORD);
        assertRefused(403, "forbidden", invite(http, member, email(), ""), "by default only administrators invite");
        assertRefused(401, "not_signed_in", http.action("user_account/invite", "{\"email\":" + quote(email()) + "}"), "");
        String group = ApiCalls.createGroup(http, admin, "inviters-" + suffix());
        assertEquals(204, ApiCalls.addMember(http, admin, group, userId(member)).statusCode());
        HttpResponse<String> linked = http.send("PUT", "/api/world/invitation/groups/" + group,
                "{\"data\":{\"type\":\"usergroup\",\"attributes\":{\"permission\":\"group:c\"}}}", bearer(admin));
        assertEquals(200, linked.statusCode(), linked.body());
        String adminsOwn = stored(invite(http, admin, email(), ""), "invitation_id");

        HttpResponse<String> invited = invite(http, member, email(), "");

        assertEquals(200, invited.statusCode(), invited.body());
        String own = stored(invited, "invitation_id");
        HttpResponse<String> mine = http.get("/api/invitation", bearer(member));
        assertEquals(200, mine.statusCode(), mine.body());
        JsonNode data = Http.json(mine.body()).path("data");
        assertEquals(1, data.size(), mine.body());
        assertEquals(own, data.path(0).path("id").asText());
        assertEquals("pending", data.path(0).path("attributes").path("status").asText());
        assertFalse(mine.body().contains("code") || mine.body().contains("link"), "no secret is listed: " + mine.body());
        String all = http.get("/api/invitation?page%5Bsize%5D=200", bearer(admin)).body();
        assertTrue(all.contains(own) && all.contains(adminsOwn), "an administrator sees every invitation");
        assertApiError(401, "not_signed_in", http.get("/api/invitation"));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void inviteWhenTheAddressHasAnAccountThenTheSameReplyAsForANewOne(Container container) throws Exception {
        Http http = servers.http(container);
        String admin = administrators.get(container);
        String known = emailOf(activeUser(http, email(), PASSWORD));
        String unknown = email();

        HttpResponse<String> toKnown = invite(http, admin, known, "");
        HttpResponse<String> toUnknown = invite(http, admin, unknown, "");

        assertEquals(toUnknown.statusCode(), toKnown.statusCode());
        assertEquals(toUnknown.body().replace(unknown, "X").replace(stored(toUnknown, "invitation_id"), "ID"),
                toKnown.body().replace(known, "X").replace(stored(toKnown, "invitation_id"), "ID"));
        assertEquals(2, smtp.awaitTo(known, 2).size(), "the sign-up's code, then the invitation");
        assertRefused(409, "email_taken", signup(http, known, smtp.lastCode(known)), "the owner learns their own address is taken");
        assertEquals(200, http.signin(known, PASSWORD).statusCode(), "nothing of the account changed");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void inviteWhenTheInputIsBadThenAClear400(Container container) {
        Http http = servers.http(container);
        String admin = administrators.get(container);

        assertRefused(400, "invalid_metadata", invite(http, admin, email(), ",\"metadata\":[1,2]"), "");
        assertRefused(400, "invalid_metadata", invite(http, admin, email(), ",\"metadata\":\"team\""), "");
        assertRefused(400, "metadata_too_large", invite(http, admin, email(),
                ",\"metadata\":{\"notes\":\"" + "x".repeat(4100) + "\"}"), "");
        assertRefused(400, "invalid_email", invite(http, admin, "not-an-address", ""), "");
        assertRefused(400, "invalid_email", invite(http, admin, "anon-1@anonymous.invalid", ""), "");
        assertRefused(400, "bad_request", http.action("user_account/invite", "{}", bearer(admin)), "");
        assertRefused(400, "invalid_code", signup(http, email(), "12ab56"), "");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signupWhenFiveWrongCodesWereTriedThenEvenTheRightOneIsRefused(Container container) throws Exception {
        Http http = servers.http(container);
        String invitee = email();
        invite(http, administrators.get(container), invitee, "");
        String code = smtp.lastCode(invitee);
        String wrong = code.equals("000000") ? "000001" : "000000";

        for (int i = 0; i < 5; i++) {
            assertRefused(400, "invalid_code", signup(http, invitee, wrong), "try " + i);
        }

        assertRefused(400, "invalid_code", signup(http, invitee, code), "dead after five tries");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signupWhenTwentyRedeemOneInvitationAtOnceThenOneAccount(Container container) throws Exception {
        Http http = servers.http(container);
        String invitee = email();
        invite(http, administrators.get(container), invitee, "");
        String code = smtp.lastCode(invitee);
        int threads = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Integer>> replies = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                replies.add(pool.submit(() -> {
                    go.await();
                    return signup(http, invitee, code).statusCode();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> reply : replies) {
                statuses.add(reply.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 400 || s == 503), statuses.toString());
            assertEquals(1, accountsWithEmail(container, invitee), "one account");
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void inviteWhenTheFlowRunsThenNoCodeLinkOrPasswordReachesTheLog(Container container) throws Exception {
        Http http = servers.http(container);
        String invitee = email();
        try (LogCapture log = LogCapture.under("org.portcullis")) {
            assertEquals(200, invite(http, administrators.get(container), invitee, "").statusCode());
            String code = smtp.lastCode(invitee);
            String token = SmtpServer.linkToken(smtp.lastLink(invitee));
            assertRefused(400, "invalid_code", signup(http, invitee, code.equals("999999") ? "999998" : "999999"), "");
            assertEquals(200, signup(http, invitee, code).statusCode());
            assertEquals(200, http.signin(invitee, PASSWORD).statusCode());
            for (String line : log.messages()) {
                assertFalse(line != null && (line.contains(code) || line.contains(token) || line.contains(PASSWORD)),
                        "in the log: " + line);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signinAnonymousWhenAnonymousUsersAreOffThen403AnonymousDisabled(Container container) {
        Http http = servers.http(container);

        assertRefused(403, "anonymous_disabled", http.action("user_account/signin_anonymous", "{}"), "");
        assertRefused(403, "anonymous_disabled", http.action("user_account/upgrade_anonymous", "{\"email\":"
                + quote(email()) + ",\"password\":" + quote(PASSWORD) + ",\"passwordConfirm\":" + quote(PASSWORD) + "}",
                bearer(administrators.get(container))), "");
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static String email() {
        return "i-" + suffix() + "@example.com";
    }

    private static String emailOf(String token) {
        return com.auth0.jwt.JWT.decode(token).getClaim("email").asString();
    }

    private static HttpResponse<String> invite(Http http, String token, String email, String more) {
        return http.action("user_account/invite", "{\"email\":" + quote(email) + more + "}", bearer(token));
    }

    private static HttpResponse<String> signup(Http http, String email, String code) {
        return http.action("user_account/signup", "{\"name\":\"Invitee\",\"email\":" + quote(email) + ",\"password\":"
                + quote(PASSWORD) + ",\"passwordConfirm\":" + quote(PASSWORD) + ",\"invitation_code\":" + quote(code) + "}");
    }

    private String activeUser(Http http, String email, String password) throws InterruptedException {
        return ApiCalls.verifiedUser(http, smtp, email, password);
    }

    /** The invitation {@code id} as an administrator's listing shows it. */
    private static JsonNode listed(Http http, String admin, String id) {
        for (JsonNode row : Http.json(http.get("/api/invitation?page%5Bsize%5D=200", bearer(admin)).body()).path("data")) {
            if (id.equals(row.path("id").asText())) {
                return row.path("attributes");
            }
        }
        throw new AssertionError("invitation " + id + " not listed");
    }

    private int accountsWithEmail(Container container, String email) throws Exception {
        return ApiCalls.accountsWithEmail(servers.database(container), email);
    }
}
