package org.portcullis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portcullis.filter.testing.ApiCalls.PASSWORD;
import static org.portcullis.filter.testing.ApiCalls.bearer;
import static org.portcullis.filter.testing.ApiCalls.quote;
import static org.portcullis.filter.testing.ApiCalls.suffix;
import static org.portcullis.filter.testing.ApiCalls.userId;

import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.portcullis.filter.testing.LogCapture;
import org.portcullis.filter.testing.SmtpServer;

/**
 * Mail over real HTTP on Jetty and Tomcat with real SMTP (GreenMail on loopback): {@code add_email} queues
 * its code mail, the sender delivers it after the commit, and {@code verify_email} with the code read from
 * the received mail adds the address; SMTP down at the time of the request delays the mail without failing
 * the request; no log line holds the code; a bad SMTP setting stops the deployment naming the parameter.
 */
@Tag("database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MailFlowTest {

    private SmtpServer smtp;
    private GuardedServers servers;

    @BeforeAll
    void start() throws Exception {
        smtp = SmtpServer.started();
        Map<String, String> parameters = new HashMap<>(smtp.parameters());
        parameters.put("mail.outbox.interval", "PT0.2S");
        servers = GuardedServers.start("", LegacyServlets.standard(), parameters);
    }

    @AfterAll
    void stop() throws Exception {
        servers.close();
        smtp.close();
    }

    private static String email() {
        return "m-" + suffix() + "@example.com";
    }

    private static HttpResponse<String> addEmail(Http http, String token, String email) {
        return http.action("user_account/add_email", "{\"email\":" + quote(email) + ",\"password\":" + quote(PASSWORD)
                + "}", bearer(token));
    }

    private static HttpResponse<String> verifyEmail(Http http, String token, String email, String code) {
        return http.action("user_account/verify_email", "{\"email\":" + quote(email) + ",\"code\":" + quote(code) + "}",
                bearer(token));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void addEmailWhenTheCodeArrivesBySmtpThenVerifyEmailWithItAddsTheAddress(Container container) throws Exception {
        Http http = servers.http(container);
        String token = http.newUser(email(), PASSWORD);
        String second = email();

        try (LogCapture log = LogCapture.under("org.portcullis")) {
            HttpResponse<String> added = addEmail(http, token, second);
            assertEquals(200, added.statusCode(), added.body());
            List<MimeMessage> mails = smtp.awaitTo(second, 1);
            assertEquals(1, mails.size(), "one mail to the new address");
            assertEquals("Your code to add an address to Portcullis", mails.get(0).getSubject());
            assertEquals("no-reply@example.com",
                    ((jakarta.mail.internet.InternetAddress) mails.get(0).getFrom()[0]).getAddress());
            String code = smtp.lastCode(second);

            HttpResponse<String> verified = verifyEmail(http, token, second, code);
            assertEquals(200, verified.statusCode(), verified.body());
            assertEquals(userId(token), userId(Http.tokenOf(http.signin(second, PASSWORD))));
            for (String line : log.messages()) {
                assertFalse(line != null && line.contains(code), "a code in the log: " + line);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void addEmailWhenSmtpIsDownThenTheRequestSucceedsAndTheCodeArrivesWhenItIsBack(Container container)
            throws Exception {
        Http http = servers.http(container);
        String token = http.newUser(email(), PASSWORD);
        String second = email();
        smtp.stop();
        try {
            HttpResponse<String> added = addEmail(http, token, second);
            assertEquals(200, added.statusCode(), "nothing is sent inside the request: " + added.body());
            // Down for a while after the commit: the sender is woken at once and looks every 0.2 s, so it fails.
            Thread.sleep(1500);
            assertEquals(List.of(), smtp.to(second));
        } finally {
            smtp.start();
        }
        // The first retry is due 30 s after the failure; the test moves no clock here, so it waits for it.
        List<MimeMessage> mails = smtp.awaitTo(second, 1);
        if (mails.isEmpty()) {
            mails = awaitLonger(second);
        }
        assertEquals(1, mails.size());
        assertEquals(200, verifyEmail(http, token, second, smtp.lastCode(second)).statusCode());
    }

    private List<MimeMessage> awaitLonger(String address) throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            List<MimeMessage> mails = smtp.awaitTo(address, 1);
            if (!mails.isEmpty()) {
                return mails;
            }
        }
        return List.of();
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void deploymentWhenSmtpHasNoSenderThenItFailsNamingMailFrom(Container container) throws Exception {
        Map<String, String> parameters = new HashMap<>(smtp.parameters());
        parameters.remove("mail.from");
        parameters.put("jdbc.url", "jdbc:h2:mem:" + UUID.randomUUID());
        parameters.put("bcrypt.cost", "10");
        try (Container.Running running = container.start(parameters, LegacyServlets.standard())) {
            throw new AssertionError("started without mail.from at " + running.base());
        } catch (Container.DeploymentFailed e) {
            String messages = e.messages();
            assertTrue(messages.contains("'mail.from'"), messages);
        }
    }
}
