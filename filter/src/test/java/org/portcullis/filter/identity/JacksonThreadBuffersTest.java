package org.portcullis.filter.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.util.BufferRecyclers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.Test;
import org.portcullis.model.UserAccount;

/** java-jwt's Jackson buffers stay off the threads that sign and verify tokens (a container's, in a WAR). */
class JacksonThreadBuffersTest {

    private final TokenService tokens = new TokenService("0123456789abcdef0123456789abcdef-test"
            .getBytes(StandardCharsets.UTF_8), "portcullis", Duration.ofHours(1), Clock.systemUTC());
    private final UserAccount user = new UserAccount("ada@example.com", "Ada", null);

    @Test
    void issueAndVerifyOnAThreadWithoutJacksonBuffersThenItHasNoneAfter() throws Exception {
        ExecutorService fresh = Executors.newSingleThreadExecutor();
        try {
            boolean[] held = CompletableFuture.supplyAsync(() -> {
                boolean before = JacksonThreadBuffers.held();
                String token = tokens.issue(user).token();
                boolean verified = tokens.verify(token).isPresent();
                return new boolean[] {before, verified, JacksonThreadBuffers.held()};
            }, fresh).get();

            assertFalse(held[0], "a fresh thread");
            assertTrue(held[1], "the token verifies: Jackson had its buffers for the call");
            assertFalse(held[2], "java-jwt's buffers went back to the pool, not onto the thread");
        } finally {
            fresh.shutdown();
        }
    }

    @Test
    @SuppressWarnings("deprecation") // BufferRecyclers.getBufferRecycler: what Jackson's default pool does
    void verifyOnAThreadThatHeldJacksonBuffersBeforeThenItKeepsThem() throws Exception {
        ExecutorService fresh = Executors.newSingleThreadExecutor();
        try {
            boolean kept = CompletableFuture.supplyAsync(() -> {
                Object own = BufferRecyclers.getBufferRecycler(); // the host's own Jackson, say
                tokens.verify(tokens.issue(user).token());
                return JacksonThreadBuffers.held() && BufferRecyclers.getBufferRecycler() == own;
            }, fresh).get();

            assertEquals(true, kept);
        } finally {
            fresh.shutdown();
        }
    }
}
