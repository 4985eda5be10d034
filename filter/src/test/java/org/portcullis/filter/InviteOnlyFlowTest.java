package org.portcullis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.portcullis.filter.testing.ApiCalls.PASSWORD;
import static org.portcullis.filter.testing.ApiCalls.assertRefused;
import static org.portcullis.filter.testing.ApiCalls.bearer;
import static org.portcullis.filter.testing.ApiCalls.quote;
import static org.portcullis.filter.testing.ApiCalls.stored;
import static org.portcullis.filter.testing.ApiCalls.suffix;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.portcullis.filter.testing.SmtpServer;

/**
 * An invite-only application over real HTTP on Jetty and Tomcat ({@code signup.invitation.required=true},
 * which turns invitations on by itself): while nobody administers, the first sign-up is let in (else nobody
 * could ever invite); then a sign-up without an invitation is 403 {@code invitation_required}, with one it is made; an anonymous user cannot upgrade round the rule; and {@code anonymous.per.address}
 * limits the new anonymous users of one client address (429 {@code throttled} with {@code Retry-After}),
 * while a known anonymous user still signs in again.
 */
@Tag("database")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InviteOnlyFlowTest {

    private static final int PER_ADDRESS = 3;

    private SmtpServer smtp;
    private GuardedServers servers;
    private final Map<Container, String> administrators = new EnumMap<>(Container.class);
    private final Map<Container, String> anonymousTokens = new EnumMap<>(Container.class);

    @BeforeAll
    void start() throws Exception {
        smtp = SmtpServer.started();
        Map<String, String> parameters = new HashMap<>(smtp.parameters());
        parameters.put("mail.outbox.interval", "PT0.2S");
        parameters.put("signup.invitation.required", "true");
        parameters.put("anonymous.enabled", "true");
        parameters.put("anonymous.per.address", String.valueOf(PER_ADDRESS));
        servers = GuardedServers.start("", LegacyServlets.standard(), parameters);
        for (Container container : Container.values()) {
            Http http = servers.http(container);
            // While nobody administers, nobody could invite: the first sign-up is let in, to become the administrator.
            String first = http.newUser("admin-" + suffix() + "@example.com", PASSWORD);
            assertEquals(200, http.action("world/become_an_administrator", "{}", bearer(first)).statusCode());
            administrators.put(container, first);
            anonymousTokens.put(container, stored(http.action("user_account/signin_anonymous", "{}"), "token"));
        }
    }

    @AfterAll
    void stop() throws Exception {
        servers.close();
        smtp.close();
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signupWhenInviteOnlyThenRefusedWithoutAnInvitationAndMadeWithOne(Container container) throws Exception {
        Http http = servers.http(container);
        String email = "v-" + suffix() + "@example.com";

        assertRefused(403, "invitation_required", http.signup("Nina", email, PASSWORD), "no invitation");
        assertRefused(401, "invalid_credentials", http.signin(email, PASSWORD), "nothing was made");

        String admin = administrators.get(container);
        assertEquals(200, http.action("user_account/invite", "{\"email\":" + quote(email) + "}", bearer(admin)).statusCode());
        HttpResponse<String> up = http.action("user_account/signup", "{\"name\":\"Nina\",\"email\":" + quote(email)
                + ",\"password\":" + quote(PASSWORD) + ",\"passwordConfirm\":" + quote(PASSWORD) + ",\"invitation_code\":"
                + quote(smtp.lastCode(email)) + "}");
        assertEquals(200, up.statusCode(), up.body());
        assertEquals(200, http.signin(email, PASSWORD).statusCode());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void upgradeAnonymousWhenInviteOnlyThenInvitationRequired(Container container) {
        Http http = servers.http(container);
        String token = anonymousTokens.get(container);

        assertRefused(403, "invitation_required", http.action("user_account/upgrade_anonymous", "{\"email\":"
                + quote("w-" + suffix() + "@example.com") + ",\"password\":" + quote(PASSWORD) + ",\"passwordConfirm\":"
                + quote(PASSWORD) + "}", bearer(token)), "an upgrade is a sign-up");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void signinAnonymousWhenOneAddressMakesTooManyThen429WithRetryAfterButKnownUsersStillSignIn(Container container) {
        Http http = servers.http(container);
        List<HttpResponse<String>> replies = new ArrayList<>();
        for (int i = 0; i <= PER_ADDRESS; i++) {
            // X-Forwarded-For is anyone's to write: it never makes another address.
            replies.add(http.action("user_account/signin_anonymous", "{}", "X-Forwarded-For", "10.1.2." + i));
        }
        HttpResponse<String> known = replies.get(0);
        HttpResponse<String> refused = replies.get(replies.size() - 1);

        assertRefused(429, "throttled", refused, "past anonymous.per.address");
        assertTrue(Long.parseLong(refused.headers().firstValue("Retry-After").orElse("0")) > 0, refused.headers().toString());
        if (known.statusCode() == 200) {
            HttpResponse<String> again = http.action("user_account/signin_anonymous", "{\"handle\":"
                    + quote(stored(known, "anonymous_handle")) + ",\"secret\":" + quote(stored(known, "anonymous_secret"))
                    + "}");
            assertEquals(200, again.statusCode(), "signing in again makes nobody: " + again.body());
        }
    }
}
