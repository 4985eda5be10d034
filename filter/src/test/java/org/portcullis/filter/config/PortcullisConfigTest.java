package org.portcullis.filter.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortcullisConfigTest {

    private static PortcullisConfig config(Map<String, String> parameters) {
        return PortcullisConfig.from(ParameterSource.of(parameters), "app");
    }

    private static String failure(Map<String, String> parameters) {
        return assertThrows(ConfigException.class, () -> config(parameters)).getMessage();
    }

    @Test
    void defaultsWhenNothingConfiguredThenSafeValues() {
        PortcullisConfig c = config(Map.of());
        assertEquals(SchemaMode.CREATE_OR_EXTEND, c.schema());
        assertEquals("pc_", c.tablePrefix());
        assertEquals("portcullis", c.jwtIssuer());
        assertEquals(Duration.ofHours(1), c.jwtTtl());
        assertEquals("token", c.cookieName());
        assertEquals(11, c.bcryptCost());
        assertTrue(c.signupEnabled());
        assertEquals(List.of("users"), c.defaultGroups());
        assertEquals(65536, c.maxBodyBytes());
        assertTrue(c.jwtSecret().isEmpty());
        assertTrue(c.dataDir().toString().endsWith(".portcullis/app"));
        assertEquals(Duration.ofSeconds(5), c.cacheTtl());
        assertEquals(10_000, c.cacheSize());
        assertEquals(16 * 1024 * 1024, c.cacheListingBytes());
    }

    @Test
    void cacheWhenConfiguredThenTimeToLiveAndSizeAreRead() {
        PortcullisConfig c = config(Map.of("cache.ttl", "PT1M", "cache.size", "500", "cache.listings", "0"));
        assertEquals(Duration.ofMinutes(1), c.cacheTtl());
        assertEquals(500, c.cacheSize());
        assertEquals(0, c.cacheListingBytes());
    }

    @Test
    void cacheWhenTimeToLiveZeroThenCachingIsOff() {
        assertEquals(Duration.ZERO, config(Map.of("cache.ttl", "PT0S")).cacheTtl());
    }

    @Test
    void startWhenNotConfiguredThenInBackgroundWaitingThirtySeconds() {
        PortcullisConfig c = config(Map.of());
        assertTrue(c.startInBackground());
        assertEquals(Duration.ofSeconds(30), c.startWait());
        assertFalse(config(Map.of("start.background", "false")).startInBackground());
        assertEquals(Duration.ofSeconds(5), config(Map.of("start.wait", "PT5S")).startWait());
    }

    @Test
    void startWaitWhenOutOfRangeThenStartIsRefusedNamingIt() {
        for (String wait : new String[] {"PT0S", "PT0.5S", "PT6M", "soon"}) {
            assertTrue(failure(Map.of("start.wait", wait)).contains("'start.wait'"), wait);
        }
        assertTrue(failure(Map.of("start.background", "maybe")).contains("'start.background'"));
    }

    @Test
    void cacheWhenTimeToLiveOrSizeOutOfRangeThenStartIsRefusedNamingIt() {
        for (String ttl : new String[] {"-PT1S", "PT2H", "5", "soon"}) {
            String message = failure(Map.of("cache.ttl", ttl));
            assertTrue(message.contains("'cache.ttl'") && message.contains("PT0S"), message);
        }
        for (String size : new String[] {"0", "-1", "10000001", "lots"}) {
            assertTrue(failure(Map.of("cache.size", size)).contains("'cache.size'"), size);
        }
        for (String bytes : new String[] {"-1", "1073741825", "16M"}) {
            assertTrue(failure(Map.of("cache.listings", bytes)).contains("'cache.listings'"), bytes);
        }
    }

    @Test
    void secretWhenShorterThan32BytesThenStartIsRefused() {
        String message = failure(Map.of("jwt.secret", "short"));
        assertTrue(message.contains("jwt.secret") && message.contains("32"), message);
    }

    @Test
    void previousSecretsWhenGivenThenEachIsKeptAndEachMustBeLongAndNeedsASigningSecret() {
        PortcullisConfig c = config(Map.of("jwt.secret", "n".repeat(40),
                "jwt.secret.previous", " " + "a".repeat(32) + ",\n  " + "b".repeat(33) + " "));
        assertEquals(2, c.jwtPreviousSecrets().size());
        assertArrayEquals("b".repeat(33).getBytes(StandardCharsets.UTF_8), c.jwtPreviousSecrets().get(1));
        assertTrue(config(Map.of()).jwtPreviousSecrets().isEmpty());

        String shortOne = failure(Map.of("jwt.secret", "n".repeat(40), "jwt.secret.previous", "a".repeat(32) + ",short"));
        assertTrue(shortOne.contains("jwt.secret.previous") && shortOne.contains("32"), shortOne);
        String alone = failure(Map.of("jwt.secret.previous", "a".repeat(32)));
        assertTrue(alone.contains("jwt.secret.previous") && alone.contains("jwt.secret"), alone);
    }

    @Test
    void secretWhenGivenAsSystemPropertyReferenceThenResolved() {
        System.setProperty("portcullis.test.secret", "s".repeat(40));
        try {
            assertArrayEquals("s".repeat(40).getBytes(StandardCharsets.UTF_8),
                    config(Map.of("jwt.secret", "${sys:portcullis.test.secret}")).jwtSecret().orElseThrow());
        } finally {
            System.clearProperty("portcullis.test.secret");
        }
    }

    @Test
    void referenceWhenVariableIsNotSetThenStartIsRefusedNamingIt() {
        String message = failure(Map.of("jdbc.password", "${env:PORTCULLIS_SURELY_NOT_SET_42}"));
        assertTrue(message.contains("jdbc.password") && message.contains("PORTCULLIS_SURELY_NOT_SET_42"), message);
    }

    @Test
    void badValuesWhenGivenThenEachMessageNamesItsParameter() {
        Map<String, String> bad = Map.of(
                "schema", "drop-everything",
                "table.prefix", "pc; drop table x",
                "jwt.ttl", "forever",
                "bcrypt.cost", "4",
                "signup.enabled", "maybe",
                "default.groups", "users, bad group",
                "cookie.name", "to;ken",
                "max.body.size", "-1");
        bad.forEach((name, value) -> assertTrue(failure(Map.of(name, value)).contains("'" + name + "'"), name));
    }

    @Test
    void datasourceAndJdbcUrlWhenBothGivenThenRefused() {
        assertTrue(failure(Map.of("datasource", "jdbc/x", "jdbc.url", "jdbc:h2:mem:x")).contains("datasource"));
    }

    @Test
    void toStringWhenPrintedThenNeverShowsSecretOrPassword() {
        String printed = config(Map.of("jwt.secret", "s".repeat(40), "jdbc.url", "jdbc:h2:mem:x",
                "jdbc.password", "hunter2hunter2")).toString();
        assertFalse(printed.contains("ssss") || printed.contains("hunter2"), printed);
    }

    @Test
    void firewallCookieAndCsrfWhenNotConfiguredThenStrictDefaults() {
        PortcullisConfig c = config(Map.of());
        assertFalse(c.cookieHostPrefix());
        assertFalse(c.firewallAllowNonAscii());
        assertFalse(c.firewallAllowEncodedSlash());
        assertEquals(List.of(), c.csrfTrustedOrigins());
    }

    @Test
    void firewallCookieAndCsrfWhenConfiguredThenRead() {
        PortcullisConfig c = config(Map.of("cookie.host.prefix", "true", "firewall.allow.non.ascii", "yes",
                "firewall.allow.encoded.slash", "on",
                "csrf.trusted.origins", " https://App.Example.com , http://127.0.0.1:8080,https://[::1]:8443"));
        assertTrue(c.cookieHostPrefix());
        assertTrue(c.firewallAllowNonAscii());
        assertTrue(c.firewallAllowEncodedSlash());
        assertEquals(List.of("https://app.example.com", "http://127.0.0.1:8080", "https://[::1]:8443"),
                c.csrfTrustedOrigins());
    }

    @Test
    void trustedOriginWhenNotAnOriginThenRefusedNamingTheParameter() {
        for (String bad : List.of("*", "https://app.example.com/", "app.example.com", "ftp://x", "https://x/path",
                "null")) {
            assertTrue(failure(Map.of("csrf.trusted.origins", bad)).contains("'csrf.trusted.origins'"), bad);
        }
        assertTrue(failure(Map.of("cookie.host.prefix", "maybe")).contains("'cookie.host.prefix'"));
    }

    @Test
    void signupPageWhenSignupDisabledThenOffToo() {
        assertFalse(config(Map.of("signup.enabled", "false")).signupPageEnabled());
    }

    @Test
    void signinRedirectWhenNotConfiguredThenOn() {
        assertTrue(config(Map.of()).signinRedirect());
    }

    @Test
    void signinRedirectWhenSwitchedOffThenOff() {
        for (String off : List.of("false", "no", "OFF")) {
            assertFalse(config(Map.of("signin.redirect", off)).signinRedirect(), off);
        }
    }

    @Test
    void signinRedirectWhenTheSigninPageIsOffThenOffToo() {
        assertFalse(config(Map.of("pages.signin.enabled", "false", "signin.redirect", "true")).signinRedirect(),
                "no redirect to a page that does not exist");
    }

    @Test
    void signinRedirectWhenNotABooleanThenStartIsRefusedNamingItAndTheFix() {
        String message = failure(Map.of("signin.redirect", "sometimes"));
        assertTrue(message.contains("'signin.redirect'") && message.contains("'sometimes'")
                && message.contains("use true or false"), message);
    }

    @Test
    void signinProtectionWhenNotConfiguredThenDocumentedDefaults() {
        PortcullisConfig c = config(Map.of());
        assertEquals(5, c.signinFreeFailures());
        assertEquals(Duration.ofMinutes(5), c.signinMaxBackoff());
        assertEquals(50, c.signinAddressFailures());
        assertEquals(Duration.ofMinutes(5), c.signinAddressWindow());
        assertEquals(Runtime.getRuntime().availableProcessors(), c.signinPoolSize());
        assertEquals(64, c.signinPoolQueue());
    }

    @Test
    void signinProtectionWhenConfiguredThenRead() {
        PortcullisConfig c = config(Map.of("signin.account.free.failures", "3", "signin.account.max.backoff", "PT2M",
                "signin.address.max.failures", "500", "signin.address.window", "PT30S", "signin.pool.size", "4",
                "signin.pool.queue", "8"));
        assertEquals(3, c.signinFreeFailures());
        assertEquals(Duration.ofMinutes(2), c.signinMaxBackoff());
        assertEquals(500, c.signinAddressFailures());
        assertEquals(Duration.ofSeconds(30), c.signinAddressWindow());
        assertEquals(4, c.signinPoolSize());
        assertEquals(8, c.signinPoolQueue());
    }

    @Test
    void signinProtectionWhenOutOfRangeThenStartIsRefusedNamingTheParameter() {
        // A back-off cap under a minute or over 20 free failures could let more than 100 guesses an hour through.
        Map<String, String> bad = Map.of(
                "signin.account.free.failures", "21",
                "signin.account.max.backoff", "PT30S",
                "signin.address.max.failures", "0",
                "signin.address.window", "P1D",
                "signin.pool.size", "0",
                "signin.pool.queue", "lots");
        bad.forEach((name, value) -> assertTrue(failure(Map.of(name, value)).contains("'" + name + "'"), name));
        assertTrue(failure(Map.of("signin.account.max.backoff", "PT16M")).contains("signin.account.max.backoff"));
    }
}
