package org.portcullis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portcullis.filter.testing.ApiCalls.PASSWORD;
import static org.portcullis.filter.testing.ApiCalls.assertRefused;
import static org.portcullis.filter.testing.ApiCalls.bearer;
import static org.portcullis.filter.testing.ApiCalls.quote;
import static org.portcullis.filter.testing.ApiCalls.stored;
import static org.portcullis.filter.testing.ApiCalls.suffix;
import static org.portcullis.filter.testing.ApiCalls.userId;

import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
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
 * CONTRACT §8's sign-up verification and password recovery over real HTTP on Jetty and Tomcat, with real
 * mail (GreenMail): {@code signup.verification=link} makes pending accounts that a mailed code or link
 * activates; a taken e-mail gets the same reply and its owner a notice; a sign-up on an unproved claim
 * replaces it (pre-account takeover); {@code resend_verification} and {@code forgot_password} answer alike
 * for every address and mail at most once a minute; {@code reset_password} by code or link sets the
 * password, kills every token and code, survives 20 racing redemptions with one winner, and dies after five
 * wrong tries; no code or link reaches the log.
 */
@Tag("database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnboardingFlowTest {

    private static final String PUBLIC_URL = "https://notes.example.test/app";
    private static final String NEW_PASSWORD = "a brand new passphrase";

    private SmtpServer smtp;
    private GuardedServers servers;

    @BeforeAll
    void start() throws Exception {
        smtp = SmtpServer.started();
        Map<String, String> parameters = new HashMap<>(smtp.parameters());
        parameters.put("mail.outbox.interval", "PT0.2S");
        parameters.put("signup.verification", "link");
        parameters.put("public.url", PUBLIC_URL + "/");
        servers = GuardedServers.start("", LegacyServlets.standard(), parameters);
    }

    @AfterAll
    void stop() throws Exception {
        servers.close();
        smtp.close();
    }

    // ---- sign-up verification ---------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Container.class)
    void signupWhenVerificationIsOnThenPendingUntilTheMailedCodeVerifiesIt(Container container) throws Exception {
        Http http = servers.http(container);
        String email = email();

        HttpResponse<String> up = signup(http, email, PASSWORD, "Ada <b>Lovelace</b>");

        assertEquals(200, up.statusCode(), up.body());
        assertTrue(up.body().contains("/auth/verify?email=" + email.replace("@", "%40")), up.body());
        assertRefused(403, "pending_verification", http.signin(email, PASSWORD));
        MimeMessage mail = smtp.awaitTo(email, 1).get(0);
        assertEquals("Confirm your e-mail for Portcullis", mail.getSubject());
        String html = SmtpServer.html(mail);
        assertNotNull(html, "an HTML part");
        assertTrue(html.contains("Ada &lt;b&gt;Lovelace&lt;/b&gt;") && !html.contains("<b>Lovelace"),
                "the name is escaped in the HTML: " + html);
        assertTrue(smtp.lastLink(email).startsWith(PUBLIC_URL + "/auth/link/"), "the link starts with public.url");

        HttpResponse<String> verified = verify(http, email, smtp.lastCode(email));

        assertEquals(200, verified.statusCode(), verified.body());
        assertEquals(200, http.signin(email, PASSWORD).statusCode());
        assertRefused(400, "invalid_code", verify(http, email, smtp.lastCode(email)), "used once");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signupWhenTheLinkIsRedeemedThenActiveAndTheCodeOfTheSameMailIsDeadToo(Container container) throws Exception {
        Http http = servers.http(container);
        String email = email();
        assertEquals(200, signup(http, email, PASSWORD, "Bea").statusCode());
        String token = SmtpServer.linkToken(smtp.lastLink(email));
        String code = smtp.lastCode(email);
        // A mail scanner opens the link, twice, and asks for its headers: none of it spends the link (P8).
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> page = http.get("/auth/link/" + token);
            assertEquals(200, page.statusCode(), page.body());
            assertTrue(page.body().contains("<form"), "a confirm page, with a button to post");
            assertEquals(200, http.send("HEAD", "/auth/link/" + token, null).statusCode());
        }
        assertRefused(403, "pending_verification", http.signin(email, PASSWORD), "opening the page verified nothing");

        HttpResponse<String> verified = http.action("user_account/verify_email", "{\"token\":" + quote(token) + "}");

        assertEquals(200, verified.statusCode(), verified.body());
        assertEquals(200, http.signin(email, PASSWORD).statusCode());
        assertRefused(400, "invalid_code", http.action("user_account/verify_email", "{\"token\":" + quote(token) + "}"));
        assertRefused(400, "invalid_code", verify(http, email, code));
        assertEquals(404, http.get("/auth/link/" + token).statusCode(), "a used link's page says it is dead");
        assertRefused(400, "invalid_code", http.action("user_account/verify_email",
                "{\"token\":\"" + "A".repeat(43) + "\"}"), "a made-up token");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signupWhenTheEmailHasAnAccountThenTheSameReplyAndItsOwnerIsToldInstead(Container container)
            throws Exception {
        Http http = servers.http(container);
        String owner = activeUser(http, email(), PASSWORD);
        String fresh = email();

        HttpResponse<String> taken = signup(http, owner, "another passphrase!", "Mallory");
        HttpResponse<String> made = signup(http, fresh, "another passphrase!", "Mallory");

        assertEquals(made.statusCode(), taken.statusCode());
        assertEquals(made.body().replace(fresh, "X").replace(fresh.replace("@", "%40"), "X"),
                taken.body().replace(owner, "X").replace(owner.replace("@", "%40"), "X"), "one reply for both");
        List<MimeMessage> toOwner = smtp.awaitTo(owner, 2);
        assertEquals(2, toOwner.size(), "the verification, then the notice");
        assertEquals("Someone tried to sign up to Portcullis with your address", toOwner.get(1).getSubject());
        assertFalse(SmtpServer.body(toOwner.get(1)).matches("(?s).*\\b[0-9]{6}\\b.*"), "the notice holds no code");
        assertRefused(401, "invalid_credentials", http.signin(owner, "another passphrase!"), "nothing was changed");
        assertEquals(200, http.signin(owner, PASSWORD).statusCode());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signupWhenAnUnprovedClaimHoldsTheEmailThenTheNewSignupReplacesItAndTheOldCodeDies(Container container)
            throws Exception {
        Http http = servers.http(container);
        String victim = email();
        assertEquals(200, signup(http, victim, "attacker passphrase", "Attacker").statusCode());
        String attackersCode = smtp.lastCode(victim);

        assertEquals(200, signup(http, victim, PASSWORD, "Victim").statusCode());
        List<MimeMessage> mails = smtp.awaitTo(victim, 2);
        assertEquals(2, mails.size());
        String victimsCode = smtp.lastCode(victim);

        if (!attackersCode.equals(victimsCode)) {
            assertRefused(400, "invalid_code", verify(http, victim, attackersCode), "the first claim's code is dead");
        }
        assertEquals(200, verify(http, victim, victimsCode).statusCode());
        String token = Http.tokenOf(http.signin(victim, PASSWORD));
        assertRefused(401, "invalid_credentials", http.signin(victim, "attacker passphrase"));
        HttpResponse<String> own = http.get("/api/user_account/" + userId(token), bearer(token));
        assertEquals("Victim", Http.json(own.body()).path("data").path("attributes").path("name").asText(), own.body());
    }

    // ---- resend_verification ----------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Container.class)
    void resendWhenAskedForAnyAddressThenOneReplyAndAtMostOneMailAMinute(Container container) throws Exception {
        Http http = servers.http(container);
        String pending = email();
        String unknown = email();
        assertEquals(200, signup(http, pending, PASSWORD, "Cy").statusCode());
        assertEquals(1, smtp.awaitTo(pending, 1).size());

        HttpResponse<String> soon = resend(http, pending);
        HttpResponse<String> nobody = resend(http, unknown);

        assertEquals(200, soon.statusCode(), soon.body());
        assertEquals(soon.body().replace(pending, "X"), nobody.body().replace(unknown, "X"));
        Thread.sleep(800); // the sender looks every 0.2 s: a mail would have come
        assertEquals(1, smtp.to(pending).size(), "within the minute: no second mail");
        assertEquals(List.of(), smtp.to(unknown));

        assertEquals(1, ageCodes(container, pending));
        assertEquals(200, resend(http, pending).statusCode());
        assertEquals(2, smtp.awaitTo(pending, 2).size(), "after the minute a new code");
        assertEquals(200, verify(http, pending, smtp.lastCode(pending)).statusCode());
    }

    // ---- forgot_password and reset_password ------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Container.class)
    void resetWhenTheMailedCodeIsGivenThenTheNewPasswordWorksAndEveryTokenAndCodeDies(Container container)
            throws Exception {
        Http http = servers.http(container);
        String email = email();
        activeUser(http, email, PASSWORD);
        HttpResponse<String> signedIn = http.signin(email, PASSWORD);
        String before = Http.tokenOf(signedIn);
        String refreshBefore = stored(signedIn, "refresh_token");
        String id = userId(before);

        try (LogCapture log = LogCapture.under("org.portcullis")) {
            HttpResponse<String> forgot = forgot(http, email);
            assertEquals(200, forgot.statusCode(), forgot.body());
            assertTrue(forgot.body().contains("/auth/reset?email="), forgot.body());
            MimeMessage mail = smtp.awaitTo(email, 2).get(1);
            assertEquals("Reset your Portcullis password", mail.getSubject());
            String code = smtp.lastCode(email);
            String link = smtp.lastLink(email);
            assertStoredNowhereInClear(container, code, SmtpServer.linkToken(link));
            assertRefused(400, "invalid_code", reset(http, email, code.equals("000000") ? "000001" : "000000"));

            HttpResponse<String> done = reset(http, email, code);

            assertEquals(200, done.statusCode(), done.body());
            assertRefused(401, "invalid_credentials", http.signin(email, PASSWORD), "the old password is dead");
            assertEquals(200, http.signin(email, NEW_PASSWORD).statusCode());
            assertEquals(401, http.get("/api/user_account/" + id, bearer(before)).statusCode(), "tokens before die");
            assertRefused(401, "invalid_refresh_token", http.action("user_account/refresh", "{\"refresh_token\":"
                    + quote(refreshBefore) + "}"), "and the refresh tokens");
            assertRefused(400, "invalid_code", resetByLink(http, SmtpServer.linkToken(link)), "the link of the same mail dies");
            assertRefused(400, "invalid_code", reset(http, email, code), "used once");
            for (String line : log.messages()) {
                assertFalse(line != null && (line.contains(code) || line.contains(SmtpServer.linkToken(link))), "in the log: " + line);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void resetWhenTheLinkIsUsedThenTheNewPasswordWorks(Container container) throws Exception {
        Http http = servers.http(container);
        String email = email();
        activeUser(http, email, PASSWORD);
        // Reset poisoning: headers a proxy or an attacker writes never reach the link.
        assertEquals(200, http.action("user_account/forgot_password", "{\"email\":" + quote(email) + "}",
                "X-Forwarded-Host", "evil.test", "X-Forwarded-Proto", "http", "Forwarded", "host=evil.test").statusCode());
        smtp.awaitTo(email, 2);
        String link = smtp.lastLink(email);
        assertTrue(link.startsWith(PUBLIC_URL + "/auth/link/"), link);
        assertFalse(SmtpServer.body(smtp.to(email).get(1)).contains("evil.test"));

        HttpResponse<String> done = resetByLink(http, SmtpServer.linkToken(link));

        assertEquals(200, done.statusCode(), done.body());
        assertEquals(200, http.signin(email, NEW_PASSWORD).statusCode());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void forgotWhenTheAddressIsUnknownThenTheSameReplyAndNoMail(Container container) throws Exception {
        Http http = servers.http(container);
        String known = email();
        String unknown = email();
        activeUser(http, known, PASSWORD);

        HttpResponse<String> a = forgot(http, known);
        HttpResponse<String> b = forgot(http, unknown);

        assertEquals(a.statusCode(), b.statusCode());
        assertEquals(a.body().replace(known, "X").replace(known.replace("@", "%40"), "X"),
                b.body().replace(unknown, "X").replace(unknown.replace("@", "%40"), "X"));
        assertEquals(2, smtp.awaitTo(known, 2).size());
        assertEquals(List.of(), smtp.to(unknown));
        assertRefused(400, "invalid_code", reset(http, unknown, "123456"), "nothing to redeem");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void resetWhenFiveWrongCodesWereTriedThenEvenTheRightOneIsRefused(Container container) throws Exception {
        Http http = servers.http(container);
        String email = email();
        activeUser(http, email, PASSWORD);
        forgot(http, email);
        smtp.awaitTo(email, 2);
        String code = smtp.lastCode(email);
        String wrong = code.equals("999999") ? "999998" : "999999";

        for (int i = 0; i < 5; i++) {
            assertRefused(400, "invalid_code", reset(http, email, wrong));
        }

        assertRefused(400, "invalid_code", reset(http, email, code));
        assertEquals(200, http.signin(email, PASSWORD).statusCode(), "the password stays");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void resetWhenTwentyRedeemTheCodeAtOnceThenExactlyOneWins(Container container) throws Exception {
        Http http = servers.http(container);
        String email = email();
        activeUser(http, email, PASSWORD);
        forgot(http, email);
        smtp.awaitTo(email, 2);
        String code = smtp.lastCode(email);
        int threads = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Integer>> replies = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String password = NEW_PASSWORD + " " + i;
                Callable<Integer> one = () -> {
                    go.await();
                    return http.action("user_account/reset_password", "{\"email\":" + quote(email) + ",\"code\":"
                            + quote(code) + ",\"password\":" + quote(password) + ",\"passwordConfirm\":"
                            + quote(password) + "}").statusCode();
                };
                replies.add(pool.submit(one));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> reply : replies) {
                statuses.add(reply.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            int winner = statuses.indexOf(200);
            assertEquals(200, http.signin(email, NEW_PASSWORD + " " + winner).statusCode(), "the winner's password holds");
            assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 400 || s == 503), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void resetWhenThePasswordBreaksTheRulesThenRefusedBeforeTheCodeIsTouched(Container container) throws Exception {
        Http http = servers.http(container);
        String email = email();
        activeUser(http, email, PASSWORD);
        forgot(http, email);
        smtp.awaitTo(email, 2);
        String code = smtp.lastCode(email);

        assertRefused(400, "password_too_short", http.action("user_account/reset_password", "{\"email\":" + quote(email)
                + ",\"code\":" + quote(code) + ",\"password\":\"short\",\"passwordConfirm\":\"short\"}"));
        assertRefused(400, "password_mismatch", http.action("user_account/reset_password", "{\"email\":" + quote(email)
                + ",\"code\":" + quote(code) + ",\"password\":" + quote(NEW_PASSWORD) + ",\"passwordConfirm\":\"x\"}"));
        assertRefused(400, "bad_request", http.action("user_account/reset_password", "{\"password\":"
                + quote(NEW_PASSWORD) + ",\"passwordConfirm\":" + quote(NEW_PASSWORD) + "}"));

        assertEquals(200, reset(http, email, code).statusCode(), "the code was not spent by the refusals");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void resetWhenASecondResetOrAPasswordChangeFollowsThenTheEarlierCodeIsDead(Container container) throws Exception {
        Http http = servers.http(container);
        String email = email();
        activeUser(http, email, PASSWORD);
        forgot(http, email);
        smtp.awaitTo(email, 2);
        String first = smtp.lastCode(email);
        ageCodes(container, email);
        forgot(http, email);
        smtp.awaitTo(email, 3);
        String second = smtp.lastCode(email);

        if (!first.equals(second)) {
            assertRefused(400, "invalid_code", reset(http, email, first), "one live reset per address");
        }
        String token = Http.tokenOf(http.signin(email, PASSWORD));
        HttpResponse<String> changed = http.action("user_account/change_password", "{\"password\":" + quote(PASSWORD)
                + ",\"newPassword\":\"changed by the owner\",\"newPasswordConfirm\":\"changed by the owner\"}",
                bearer(token));
        assertEquals(200, changed.statusCode(), changed.body());
        assertRefused(400, "invalid_code", reset(http, email, second), "a password change kills the pending reset");
        assertEquals(200, http.signin(email, "changed by the owner").statusCode());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void resetWhenTheAccountIsStillPendingThenThePasswordChangesButTheEmailIsNotVerifiedBySideEffect(
            Container container) throws Exception {
        Http http = servers.http(container);
        String email = email();
        assertEquals(200, signup(http, email, PASSWORD, "Dee").statusCode());
        smtp.awaitTo(email, 1);
        forgot(http, email);
        smtp.awaitTo(email, 2);

        assertEquals(200, reset(http, email, smtp.lastCode(email)).statusCode());

        assertRefused(403, "pending_verification", http.signin(email, NEW_PASSWORD), "only verify_email verifies");
        assertEquals(0, ageCodes(container, email), "the reset killed the sign-up's code too");
        resend(http, email);
        smtp.awaitTo(email, 3);
        assertEquals(200, verify(http, email, smtp.lastCode(email)).statusCode());
        assertEquals(200, http.signin(email, NEW_PASSWORD).statusCode());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signupWhenVerifiedThenNoCodeOrLinkReachedTheLog(Container container) throws Exception {
        Http http = servers.http(container);
        String email = email();
        try (LogCapture log = LogCapture.under("org.portcullis")) {
            assertEquals(200, signup(http, email, PASSWORD, "Eve").statusCode());
            String code = smtp.lastCode(email);
            String token = SmtpServer.linkToken(smtp.lastLink(email));
            assertEquals(200, http.action("user_account/verify_email", "{\"token\":" + quote(token) + "}").statusCode());
            assertEquals(200, http.signin(email, PASSWORD).statusCode());
            for (String line : log.messages()) {
                assertFalse(line != null && (line.contains(code) || line.contains(token) || line.contains(PASSWORD)),
                        "in the log: " + line);
            }
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** No column of the code table or the outbox holds {@code code} or {@code token} as written. */
    private void assertStoredNowhereInClear(Container container, String code, String token) throws Exception {
        var database = servers.database(container);
        // The sender deletes a row just after the relay took its mail: wait for that, then look.
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (outboxRows(database) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        for (String table : List.of("one_time_code", "mail_outbox")) {
            try (Connection c = database.connect(); var rows = c.createStatement().executeQuery("select * from "
                    + database.prefix() + table)) {
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    for (int i = 1; i <= columns; i++) {
                        String value = rows.getString(i);
                        assertFalse(value != null && (value.contains(token) || value.equals(code)),
                                table + "." + rows.getMetaData().getColumnName(i) + " holds a secret in clear");
                    }
                }
            }
        }
    }

    private static String email() {
        return "o-" + suffix() + "@example.com";
    }

    private static HttpResponse<String> signup(Http http, String email, String password, String name) {
        return http.action("user_account/signup", "{\"name\":" + quote(name) + ",\"email\":" + quote(email)
                + ",\"password\":" + quote(password) + ",\"passwordConfirm\":" + quote(password) + "}");
    }

    /** Signs up and verifies with the mailed code; the e-mail. */
    private String activeUser(Http http, String email, String password) throws InterruptedException {
        assertEquals(200, signup(http, email, password, "User").statusCode());
        assertEquals(200, verify(http, email, smtp.lastCode(email)).statusCode());
        return email;
    }

    private static HttpResponse<String> verify(Http http, String email, String code) {
        return http.action("user_account/verify_email", "{\"email\":" + quote(email) + ",\"code\":" + quote(code) + "}");
    }

    private static HttpResponse<String> resend(Http http, String email) {
        return http.action("user_account/resend_verification", "{\"email\":" + quote(email) + "}");
    }

    private static HttpResponse<String> forgot(Http http, String email) {
        return http.action("user_account/forgot_password", "{\"email\":" + quote(email) + "}");
    }

    private static HttpResponse<String> reset(Http http, String email, String code) {
        return ApiCalls.resetByCode(http, email, code, NEW_PASSWORD);
    }

    private static HttpResponse<String> resetByLink(Http http, String token) {
        return ApiCalls.resetByLink(http, token, NEW_PASSWORD);
    }

    private static int outboxRows(org.portcullis.model.TestDatabase database) throws Exception {
        try (Connection c = database.connect(); var rows = c.createStatement().executeQuery("select count(*) from "
                + database.prefix() + "mail_outbox")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Moves the codes of {@code handle} two minutes into the past, as if the cooldown had passed. */
    private int ageCodes(Container container, String handle) throws Exception {
        var database = servers.database(container);
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement("update "
                + database.prefix() + "one_time_code set created_at = created_at - 120000 where handle = ?")) {
            s.setString(1, handle);
            return s.executeUpdate();
        }
    }
}
