package org.portcullis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.portcullis.filter.testing.ApiCalls.PASSWORD;
import static org.portcullis.filter.testing.ApiCalls.assertRefused;
import static org.portcullis.filter.testing.ApiCalls.bearer;
import static org.portcullis.filter.testing.ApiCalls.quote;
import static org.portcullis.filter.testing.ApiCalls.resetByCode;
import static org.portcullis.filter.testing.ApiCalls.resetByLink;
import static org.portcullis.filter.testing.ApiCalls.suffix;

import java.net.http.HttpResponse;
import java.util.HashMap;
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
import org.portcullis.filter.testing.SmtpServer;

/**
 * One-time codes and links stay in their tenant, on Jetty and Tomcat with a real SMTP server: a password-reset
 * code or link mailed for acme's Ada is worthless for globex's Ada (the same e-mail, another account), and an
 * invitation of acme's opens no sign-up at globex.
 */
@Tag("database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantCodesFlowTest {

    private static final String NEW_PASSWORD = "staple battery horse correct";

    private SmtpServer smtp;
    private GuardedServers servers;

    @BeforeAll
    void start() throws Exception {
        smtp = SmtpServer.started();
        Map<String, String> parameters = new HashMap<>(smtp.parameters());
        parameters.put("mail.outbox.interval", "PT0.2S");
        parameters.put("public.url", "https://notes.example.test/");
        parameters.put("tenants.mode", "header");
        parameters.put("tenants", "acme\nglobex");
        parameters.put("invitations.enabled", "true");
        servers = GuardedServers.start("", LegacyServlets.standard(), parameters);
    }

    @AfterAll
    void stop() throws Exception {
        if (servers != null) {
            servers.close();
        }
        smtp.close();
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void resetCodeAndLinkWhenMailedInOneTenantThenRefusedInTheOtherAndAcceptedAtHome(Container container)
            throws Exception {
        Http acme = servers.http(container).withHeaders("X-Tenant", "acme");
        Http globex = servers.http(container).withHeaders("X-Tenant", "globex");
        String email = "ada-" + suffix() + "@example.com";
        acme.newUser(email, PASSWORD);
        globex.newUser(email, PASSWORD);

        assertEquals(200, acme.action("user_account/forgot_password", "{\"email\":" + quote(email) + "}").statusCode());
        smtp.awaitTo(email, 1);
        String code = smtp.lastCode(email);
        String token = SmtpServer.linkToken(smtp.lastLink(email));

        assertRefused(400, "invalid_code", resetByCode(globex, email, code, NEW_PASSWORD), "acme's code in globex");
        assertRefused(400, "invalid_code", resetByLink(globex, token, NEW_PASSWORD), "acme's link in globex");
        assertEquals(200, globex.signin(email, PASSWORD).statusCode(), "globex's Ada keeps her password");

        HttpResponse<String> done = resetByCode(acme, email, code, NEW_PASSWORD);
        assertEquals(200, done.statusCode(), done.body());
        assertEquals(200, acme.signin(email, NEW_PASSWORD).statusCode());
        assertEquals(401, globex.signin(email, NEW_PASSWORD).statusCode());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void invitationWhenMadeInOneTenantThenItsCodeAndLinkOpenNoSignupInTheOtherAndGlobexListsNothing(Container container)
            throws Exception {
        Http acme = servers.http(container).withHeaders("X-Tenant", "acme");
        Http globex = servers.http(container).withHeaders("X-Tenant", "globex");
        String acmeAdmin = ApiCalls.newAdministrator(acme);
        String globexAdmin = ApiCalls.newAdministrator(globex);
        String invitee = "ivy-" + suffix() + "@example.com";

        HttpResponse<String> invited = acme.action("user_account/invite", "{\"email\":" + quote(invitee) + "}",
                bearer(acmeAdmin));
        assertEquals(200, invited.statusCode(), invited.body());
        smtp.awaitTo(invitee, 1);
        String code = smtp.lastCode(invitee);
        String token = SmtpServer.linkToken(smtp.lastLink(invitee));

        assertRefused(400, "invalid_code", invitedSignup(globex, "\"email\":" + quote(invitee)
                + ",\"invitation_code\":" + quote(code)), "acme's invitation code at globex");
        assertRefused(400, "invalid_code", invitedSignup(globex, "\"invitation_token\":" + quote(token)),
                "acme's invitation link at globex");
        HttpResponse<String> listed = globex.get("/api/invitation?page%5Bsize%5D=200", bearer(globexAdmin));
        assertEquals(200, listed.statusCode(), listed.body());
        assertFalse(listed.body().contains(invitee), "globex's administrator lists none of acme's invitations");
        assertEquals(401, globex.signin(invitee, PASSWORD).statusCode(), "no account was made at globex");

        HttpResponse<String> home = invitedSignup(acme, "\"email\":" + quote(invitee) + ",\"invitation_code\":"
                + quote(code));
        assertEquals(200, home.statusCode(), home.body());
        assertEquals(200, acme.signin(invitee, PASSWORD).statusCode());
        assertEquals(401, globex.signin(invitee, PASSWORD).statusCode());
    }

    private static HttpResponse<String> invitedSignup(Http http, String fields) {
        return http.action("user_account/signup", "{\"name\":\"Ivy\",\"password\":" + quote(PASSWORD)
                + ",\"passwordConfirm\":" + quote(PASSWORD) + "," + fields + "}");
    }
}
