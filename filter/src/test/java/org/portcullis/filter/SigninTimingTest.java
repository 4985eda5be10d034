package org.portcullis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.portcullis.filter.testing.Container;
import org.portcullis.filter.testing.Http;
import org.portcullis.filter.testing.LegacyServlets;
import org.portcullis.filter.testing.Medians;
import org.portcullis.model.TestDatabase;

/**
 * Enumeration by timing (ASVS 6.3.8): over real HTTP, a sign-in with an unknown e-mail and one with a
 * known e-mail and a wrong password must take the same time, and so must an unknown and a known username. This compares two medians measured
 * side by side; it asserts no speed. Each known account is tried once and the per-address limit is
 * raised, so the throttle never answers in place of bcrypt.
 */
@Tag("database")
class SigninTimingTest {

    private static final int ROUNDS = 25;
    private static final int WARM_UP = 5;
    private static final int PER_TRY = WARM_UP + ROUNDS;
    /**
     * Tries of the whole measurement; the test passes if one of them is within 10%. On a loaded machine
     * one try can be skewed by chance; a real difference (a skipped bcrypt check) skews every try.
     */
    private static final int TRIES = 3;

    @ParameterizedTest
    @EnumSource(Container.class)
    void signinWhenEmailUnknownOrPasswordWrongThenMediansAreWithinTenPercent(Container container) throws Exception {
        assertMediansWithinTenPercent(container, false);
    }

    /** The same for usernames: a login without {@code @} goes the same way, one query and the bcrypt work. */
    @ParameterizedTest
    @EnumSource(Container.class)
    void signinWhenUsernameUnknownOrPasswordWrongThenMediansAreWithinTenPercent(Container container) throws Exception {
        assertMediansWithinTenPercent(container, true);
    }

    private static void assertMediansWithinTenPercent(Container container, boolean usernames) throws Exception {
        TestDatabase db = TestDatabase.fresh();
        try (Container.Running server = container.start(Map.of("jdbc.url", db.url(), "jdbc.user", db.user(),
                "table.prefix", db.prefix(), "bcrypt.cost", "10", "signin.address.max.failures", "100000"),
                LegacyServlets.standard())) {
            Http http = new Http(server.base());
            String failures = "";
            for (int attempt = 1; attempt <= TRIES; attempt++) {
                List<String> known = new ArrayList<>(); // each tried once, so the account back-off never starts
                for (int i = 0; i < PER_TRY; i++) {
                    String email = "timing-" + UUID.randomUUID() + "@example.com";
                    String username = "t" + UUID.randomUUID().toString().substring(0, 30);
                    assertEquals(200, http.action("user_account/signup", "{\"name\":\"Timing\",\"email\":\"" + email
                            + "\",\"username\":\"" + username + "\",\"password\":\"correct horse battery\","
                            + "\"passwordConfirm\":\"correct horse battery\"}").statusCode());
                    known.add(usernames ? username : email);
                }
                double gap = measureGap(http, known, usernames);
                if (gap <= 0.10) {
                    return;
                }
                failures += String.format(" try %d: %.0f%% apart;", attempt, gap * 100);
            }
            fail("unknown " + (usernames ? "username" : "e-mail") + " and wrong password medians differ by more than"
                    + " 10% in every try:" + failures);
        } finally {
            db.dropTables();
        }
    }

    /** The relative gap between the two medians, from interleaved sign-ins in alternating order. */
    private static double measureGap(Http http, List<String> known, boolean usernames) {
        List<Long> unknownNanos = new ArrayList<>();
        List<Long> wrongNanos = new ArrayList<>();
        for (int i = 0; i < known.size(); i++) {
            String nobody = usernames ? "n" + UUID.randomUUID().toString().substring(0, 30)
                    : "nobody-" + UUID.randomUUID() + "@example.com";
            long unknown;
            long wrong;
            if (i % 2 == 0) {
                unknown = timeFailedSignin(http, nobody);
                wrong = timeFailedSignin(http, known.get(i));
            } else {
                wrong = timeFailedSignin(http, known.get(i));
                unknown = timeFailedSignin(http, nobody);
            }
            if (i >= WARM_UP) {
                unknownNanos.add(unknown);
                wrongNanos.add(wrong);
            }
        }
        return Medians.gap(unknownNanos, wrongNanos);
    }

    private static long timeFailedSignin(Http http, String email) {
        long start = System.nanoTime();
        int status = http.signin(email, "not the password").statusCode();
        long elapsed = System.nanoTime() - start;
        assertEquals(401, status, "a failure, not a throttle refusal");
        return elapsed;
    }
}
