package org.portcullis.filter.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Ticker;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.portcullis.filter.authentication.BcryptPool;
import org.portcullis.filter.authentication.SignIn;
import org.portcullis.filter.authentication.SigninThrottle;
import org.portcullis.filter.identity.AuthType;
import org.portcullis.filter.identity.CommonPasswords;
import org.portcullis.filter.identity.Identity;
import org.portcullis.filter.identity.Passwords;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.persistence.TestCaches;
import org.portcullis.filter.web.ApiError;
import org.portcullis.filter.web.ErrorReplies;
import org.portcullis.filter.web.TokenCookie;
import org.portcullis.model.TestDatabase;
import org.portcullis.model.UserAccount;

/**
 * {@code change_password}'s refusal when the account is gone between the password check and the write
 * (deleted by an administrator meanwhile): the same 401 {@code not_signed_in}, byte for byte, as a
 * guest's, written by the one error writer. The guest's own 401 is pinned over HTTP in
 * {@code ErrorRepliesFlowTest.actionsForUsersWhenGuestThen401WithBearerChallengeInTheActionShape}.
 */
@Tag("database")
class ChangePasswordActionTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String FRESH = "stapled battery horse";
    private static final String NOT_SIGNED_IN = "[{\"ResponseType\":\"client.notify\",\"Attributes\":{\"type\":\"error\","
            + "\"title\":\"Failed\",\"message\":\"Sign in first.\",\"code\":\"not_signed_in\"}}]";

    private final TestDatabase db = TestDatabase.fresh();
    private TestCaches.TwoNodes nodes;
    private Database database;
    private BcryptPool pool;
    private Passwords passwords;
    private SignIn signIn;

    @BeforeEach
    void start() {
        nodes = TestCaches.TwoNodes.on(db, Set.of());
        database = nodes.here();
        pool = new BcryptPool(2, 16);
        passwords = new Passwords(4);
        SigninThrottle throttle = SigninThrottle.inMemory(new SigninThrottle.Limits(3, Duration.ofMinutes(5), 100_000,
                Duration.ofMinutes(5)), Ticker.systemTicker());
        signIn = new SignIn(database, passwords, pool, throttle);
    }

    @AfterEach
    void stop() throws Exception {
        pool.close();
        nodes.close();
    }

    @Test
    void changePasswordWhenAccountDeletedAfterThePasswordCheckThen401NotSignedInAsAGuestGetsIt() throws Exception {
        UserAccount user = newUser();
        Passwords deletingFirst = spy(new Passwords(4));
        // The new hash is made after the current password is proved and before the write: delete the account then.
        doAnswer(call -> {
            database.inTransaction(em -> {
                em.remove(em.find(UserAccount.class, user.getId()));
                return null;
            });
            return call.callRealMethod();
        }).when(deletingFirst).hash(anyString());
        ChangePasswordAction action = new ChangePasswordAction(database, deletingFirst, new CommonPasswords(), pool,
                signIn, new TokenCookie("token"), Clock.systemUTC());

        ApiError refusal = assertThrows(ApiError.class, () -> action.perform(request(user)));

        verify(deletingFirst).hash(FRESH);
        assertTrue(refusal.isNotSignedIn());
        assertEquals(NOT_SIGNED_IN, written(refusal));
    }

    private UserAccount newUser() {
        String hash = passwords.hash(PASSWORD);
        return database.inTransaction(em -> {
            UserAccount user = new UserAccount("user-" + UUID.randomUUID() + "@example.com", "Test", hash);
            em.persist(user);
            return user;
        });
    }

    private static ActionRequest request(UserAccount user) {
        ObjectNode attributes = JsonNodeFactory.instance.objectNode()
                .put("password", PASSWORD).put("newPassword", FRESH).put("newPasswordConfirm", FRESH);
        Identity identity = Identity.user(user.getId(), user.getEmail(), user.getName(), AuthType.BEARER,
                UUID.randomUUID().toString(), Instant.now().plusSeconds(600));
        return new ActionRequest(identity, new Attributes(attributes), "", false, "10.0.0.1");
    }

    /** The body the error writer puts on the wire for an action's refusal. */
    private static String written(ApiError refusal) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        HttpServletRequest request = mock(HttpServletRequest.class);
        HttpServletResponse response = mock(HttpServletResponse.class);
        when(response.getOutputStream()).thenReturn(new ServletOutputStream() {
            @Override
            public void write(int b) {
                body.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }
        });
        ErrorReplies.write(ErrorReplies.Shape.ACTION, request, response, refusal);
        verify(response).setStatus(401);
        verify(response).setHeader("WWW-Authenticate", "Bearer");
        return body.toString(StandardCharsets.UTF_8);
    }
}
