package org.portcullis.filter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** {@code signup.verification} and {@code public.url}: defaults, the base URL's shape, and what stops the start. */
class VerificationSettingsTest {

    private static VerificationSettings read(Map<String, String> given) {
        Map<String, String> all = new HashMap<>(Map.of("jdbc.url", "jdbc:h2:mem:verification"));
        all.putAll(given);
        return PortcullisConfig.from(ParameterSource.of(all), "app").verification();
    }

    @Test
    void fromWhenNothingIsGivenThenNoVerificationAndNoPublicUrl() {
        VerificationSettings settings = read(Map.of());

        assertEquals(VerificationSettings.Mode.NONE, settings.mode());
        assertEquals(Optional.empty(), settings.publicUrl());
    }

    @Test
    void fromWhenThePublicUrlEndsInSlashesThenTheyAreCut() {
        assertEquals(Optional.of("https://notes.example.com/app"),
                read(Map.of("public.url", "https://notes.example.com/app//")).publicUrl());
    }

    @Test
    void fromWhenLinkWithoutPublicUrlThenTheStartStopsNamingPublicUrl() {
        ConfigException refused = assertThrows(ConfigException.class, () -> read(Map.of("signup.verification", "link")));

        assertEquals("public.url", refused.parameter());
        assertTrue(refused.getMessage().contains("never built from the request"), refused.getMessage());
    }

    @Test
    void fromWhenCodeButNoMailTransportThenTheStartStopsNamingSignupVerification() {
        ConfigException refused = assertThrows(ConfigException.class,
                () -> read(Map.of("signup.verification", "code", "mail.transport", "none")));

        assertEquals("signup.verification", refused.parameter());
    }

    @ParameterizedTest
    @ValueSource(strings = {"notes.example.com", "ftp://notes.example.com", "javascript:alert(1)",
            "https://notes.example.com/app?x=1", "https://notes.example.com/#top", "https://user:pw@notes.example.com/",
            "https:///path", "http://exa mple.com"})
    void fromWhenThePublicUrlIsNoAbsoluteHttpUrlThenTheStartStops(String url) {
        ConfigException refused = assertThrows(ConfigException.class, () -> read(Map.of("public.url", url)));

        assertEquals("public.url", refused.parameter());
    }

    @Test
    void fromWhenAnUnknownModeThenTheStartStops() {
        ConfigException refused = assertThrows(ConfigException.class,
                () -> read(Map.of("signup.verification", "magic")));

        assertEquals("signup.verification", refused.parameter());
    }
}
