package org.portcullis.filter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code invitations.enabled}, {@code signup.invitation.required}, {@code invitation.ttl}: defaults, ranges, what stops the start. */
class InvitationSettingsTest {

    private static InvitationSettings read(Map<String, String> given) {
        Map<String, String> all = new HashMap<>(Map.of("jdbc.url", "jdbc:h2:mem:invitations"));
        all.putAll(given);
        return PortcullisConfig.from(ParameterSource.of(all), "app").invitations();
    }

    @Test
    void fromWhenNothingIsGivenThenOffNotRequiredAndTwoDays() {
        InvitationSettings settings = read(Map.of());

        assertFalse(settings.enabled());
        assertFalse(settings.required());
        assertEquals(Duration.ofDays(2), settings.ttl());
    }

    @Test
    void fromWhenEnabledThenOnButNotRequired() {
        InvitationSettings settings = read(Map.of("invitations.enabled", "true"));

        assertTrue(settings.enabled());
        assertFalse(settings.required());
    }

    @Test
    void fromWhenRequiredWithoutEnabledThenInvitationsAreOnAnyway() {
        InvitationSettings settings = read(Map.of("signup.invitation.required", "true"));

        assertTrue(settings.required());
        assertTrue(settings.enabled(), "invite-only without invitations would let nobody in");
    }

    @Test
    void fromWhenTheTtlIsSevenDaysThenTaken() {
        assertEquals(Duration.ofDays(7), read(Map.of("invitation.ttl", "P7D")).ttl());
    }

    @ParameterizedTest
    @ValueSource(strings = {"P8D", "PT30S", "PT0S", "two days", "-P1D"})
    void fromWhenTheTtlIsOutOfRangeThenTheStartStopsNamingIt(String ttl) {
        ConfigException refused = assertThrows(ConfigException.class, () -> read(Map.of("invitation.ttl", ttl)));

        assertEquals("invitation.ttl", refused.parameter());
    }

    @Test
    void fromWhenEnabledButNoMailTransportThenTheStartStopsNamingInvitationsEnabled() {
        ConfigException refused = assertThrows(ConfigException.class,
                () -> read(Map.of("invitations.enabled", "true", "mail.transport", "none")));

        assertEquals("invitations.enabled", refused.parameter());
        assertTrue(refused.getMessage().contains("mail.transport"), refused.getMessage());
    }

    @Test
    void fromWhenEnabledIsNoBooleanThenTheStartStops() {
        ConfigException refused = assertThrows(ConfigException.class, () -> read(Map.of("invitations.enabled", "maybe")));

        assertEquals("invitations.enabled", refused.parameter());
    }
}
