package org.portcullis.filter.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The specs themselves: declared once, registered, documented, and each example a value they accept. */
class ParameterRegistryTest {

    private static final List<Class<?>> RECORDS = List.of(DatabaseSettings.class, RouteSettings.class,
            TokenSettings.class, RefreshSettings.class, SigninSettings.class, SignupSettings.class, AccountSettings.class,
            IdentitySettings.class, MailSettings.class, VerificationSettings.class, InvitationSettings.class,
            AnonymousSettings.class, ProfileSettings.class, BodyLimits.class, PageSettings.class,
            FirewallSettings.class, CacheSettings.class);

    @Test
    void registryWhenBuiltThenEveryNameOnceAndWrittenAsWebXmlWouldHaveIt() {
        Set<String> seen = new HashSet<>();
        for (ParameterSpec<?> spec : PortcullisConfig.PARAMETERS) {
            assertTrue(seen.add(spec.name()), "declared twice: " + spec.name());
            assertTrue(spec.name().matches("[a-z0-9]+(\\.[a-z0-9]+)*"), spec.name());
            assertFalse(spec.doc().isBlank() || spec.doc().contains("\n"), "one line of doc: " + spec.name());
            assertFalse(spec.example().isBlank(), "an example: " + spec.name());
        }
        assertEquals(71, seen.size());
    }

    @Test
    void everySpecDeclaredInASettingsRecordWhenListedThenRegistered() throws IllegalAccessException {
        for (Class<?> record : RECORDS) {
            List<?> own = (List<?>) field(record, "PARAMETERS").get(null);
            for (Field f : record.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == ParameterSpec.class) {
                    f.setAccessible(true);
                    Object spec = f.get(null);
                    assertTrue(own.contains(spec), record.getSimpleName() + "." + f.getName() + " is not in its PARAMETERS");
                    assertTrue(PortcullisConfig.PARAMETERS.contains(spec), f.getName() + " is not registered");
                }
            }
        }
    }

    /** Parameters that mean something only together: each example is given with its companion's. */
    private static final Map<String, Map<String, String>> COMPANIONS = Map.of(
            "tenants.mode", Map.of("tenants", "acme = acme.example.com"),
            "tenants", Map.of("tenants.mode", "host"),
            "tenants.header", Map.of("tenants.mode", "header", "tenants", "acme"));

    @Test
    void everyExampleWhenGivenAloneThenAccepted() {
        for (ParameterSpec<?> spec : PortcullisConfig.PARAMETERS) {
            if (spec.example().contains("${")) {
                continue; // a reference to the host's environment
            }
            Map<String, String> one = new java.util.HashMap<>(COMPANIONS.getOrDefault(spec.name(), Map.of()));
            one.put(spec.name(), spec.example());
            assertDoesNotThrow(() -> PortcullisConfig.from(ParameterSource.of(one), "app"), spec.name());
        }
    }

    @Test
    void everyLiteralDefaultWhenGivenExplicitlyThenTheSameAsNotGivingIt() {
        for (ParameterSpec<?> spec : PortcullisConfig.PARAMETERS) {
            spec.literalDefault().ifPresent(value -> {
                Parameters given = new Parameters(ParameterSource.of(Map.of(spec.name(), value)), "app",
                        PortcullisConfig.PARAMETERS);
                Parameters absent = new Parameters(ParameterSource.of(Map.of()), "app", PortcullisConfig.PARAMETERS);
                assertEquals(absent.get(spec), given.get(spec), spec.name());
            });
        }
    }

    @Test
    void signinPoolSizeWhenNotGivenThenTheNumberOfCoresWorkedOutWhenRead() {
        assertEquals("number of cores", SigninSettings.POOL_SIZE.documentedDefault());
        assertTrue(SigninSettings.POOL_SIZE.literalDefault().isEmpty());
    }

    @Test
    void settingsWhenPrintedThenNoSecretOrPassword() {
        PortcullisConfig c = PortcullisConfig.from(ParameterSource.of(Map.of("jwt.secret", "s".repeat(40),
                "jwt.secret.previous", "p".repeat(40), "jdbc.url", "jdbc:h2:mem:x", "jdbc.password", "hunter2hunter2", "mail.smtp.user", "notes",
                "mail.smtp.password", "hunter2hunter2")), "app");
        for (Object printed : List.of(c.database(), c.tokens(), c.mail(), c)) {
            String text = printed.toString();
            assertFalse(text.contains("ssss") || text.contains("pppp") || text.contains("hunter2"), text);
        }
    }

    @Test
    void tokenSettingsWhenASecretIsChangedOutsideThenTheSettingsKeepTheirOwnCopy() {
        TokenSettings tokens = PortcullisConfig.from(ParameterSource.of(Map.of("jwt.secret", "s".repeat(40))), "app")
                .tokens();
        tokens.secret().orElseThrow()[0] = 'x';
        assertEquals('s', tokens.secret().orElseThrow()[0]);
    }

    @Test
    void cacheListingsWhenTimeToLiveIsZeroThenOffToo() {
        PortcullisConfig off = PortcullisConfig.from(ParameterSource.of(Map.of("cache.ttl", "PT0S")), "app");
        assertEquals(0, off.cacheListingBytes());
        PortcullisConfig on = PortcullisConfig.from(ParameterSource.of(Map.of("cache.listings", "1024")), "app");
        assertEquals(1024, on.cache().listingBytes());
    }

    @Test
    void jwtTtlWhenUnderASecondThenAcceptedAsBeforeAndZeroRefused() {
        assertEquals(java.time.Duration.ofMillis(500),
                PortcullisConfig.from(ParameterSource.of(Map.of("jwt.ttl", "PT0.5S")), "app").jwtTtl());
        ConfigException zero = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> PortcullisConfig.from(ParameterSource.of(Map.of("jwt.ttl", "PT0S")), "app"));
        assertTrue(zero.getMessage().contains("'jwt.ttl'") && zero.getMessage().contains("P30D"), zero.getMessage());
    }

    private static Field field(Class<?> type, String name) {
        try {
            return type.getField(name);
        } catch (NoSuchFieldException e) {
            throw new AssertionError(type.getSimpleName() + " has no public " + name, e);
        }
    }
}
