package org.portcullis.filter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code anonymous.enabled}, {@code anonymous.groups}, {@code anonymous.per.address}, {@code anonymous.idle}. */
class AnonymousSettingsTest {

    private static AnonymousSettings read(Map<String, String> given) {
        Map<String, String> all = new HashMap<>(Map.of("jdbc.url", "jdbc:h2:mem:anonymous"));
        all.putAll(given);
        return PortcullisConfig.from(ParameterSource.of(all), "app").anonymous();
    }

    @Test
    void fromWhenNothingIsGivenThenOffInTheAnonymousGroupThirtyAnHourAndThirtyDaysIdle() {
        AnonymousSettings settings = read(Map.of());

        assertFalse(settings.enabled());
        assertEquals(List.of("anonymous"), settings.groups());
        assertEquals(30, settings.perAddress());
        assertEquals(Duration.ofDays(30), settings.idle());
    }

    @Test
    void fromWhenEverythingIsGivenThenEachIsTaken() {
        AnonymousSettings settings = read(Map.of("anonymous.enabled", "true", "anonymous.groups", "anonymous, trial",
                "anonymous.per.address", "5", "anonymous.idle", "P7D"));

        assertTrue(settings.enabled());
        assertEquals(List.of("anonymous", "trial"), settings.groups());
        assertEquals(5, settings.perAddress());
        assertEquals(Duration.ofDays(7), settings.idle());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"anonymous.per.address|0", "anonymous.per.address|100001",
            "anonymous.per.address|many", "anonymous.idle|PT30S", "anonymous.idle|soon", "anonymous.groups|bad group!",
            "anonymous.enabled|perhaps"})
    void fromWhenAValueIsOutOfRangeThenTheStartStopsNamingIt(String name, String value) {
        ConfigException refused = assertThrows(ConfigException.class, () -> read(Map.of(name, value)));

        assertEquals(name, refused.parameter());
    }

    @Test
    void recordWhenGivenAMutableListThenKeepsACopy() {
        List<String> groups = new java.util.ArrayList<>(List.of("anonymous"));
        AnonymousSettings settings = new AnonymousSettings(true, groups, 1, Duration.ofDays(1));
        groups.add("admins");

        assertEquals(List.of("anonymous"), settings.groups());
    }
}
