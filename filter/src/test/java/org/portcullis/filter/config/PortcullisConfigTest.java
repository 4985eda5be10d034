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
    }

    @Test
    void cacheWhenConfiguredThenTimeToLiveAndSizeAreRead() {
        PortcullisConfig c = config(Map.of("cache.ttl", "PT1M", "cache.size", "500"));
        assertEquals(Duration.ofMinutes(1), c.cacheTtl());
        assertEquals(500, c.cacheSize());
    }

    @Test
    void cacheWhenTimeToLiveZeroThenCachingIsOff() {
        assertEquals(Duration.ZERO, config(Map.of("cache.ttl", "PT0S")).cacheTtl());
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
    }

    @Test
    void secretWhenShorterThan32BytesThenStartIsRefused() {
        String message = failure(Map.of("jwt.secret", "short"));
        assertTrue(message.contains("jwt.secret") && message.contains("32"), message);
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
    void signupPageWhenSignupDisabledThenOffToo() {
        assertFalse(config(Map.of("signup.enabled", "false")).signupPageEnabled());
    }
}
