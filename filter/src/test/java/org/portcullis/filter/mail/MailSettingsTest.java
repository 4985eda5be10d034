package org.portcullis.filter.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.portcullis.filter.config.ConfigException;
import org.portcullis.filter.config.MailSettings;
import org.portcullis.filter.config.ParameterSource;
import org.portcullis.filter.config.PortcullisConfig;
import org.portcullis.filter.web.ApiError;

/** {@code mail.*} read at start: what stops the start, naming the parameter, and what each transport means. */
class MailSettingsTest {

    private static final Map<String, String> SMTP = Map.of("mail.transport", "smtp", "mail.smtp.host", "smtp.example.com",
            "mail.from", "no-reply@example.com");

    private static MailSettings settings(Map<String, String> given) {
        return PortcullisConfig.from(ParameterSource.of(given), "app").mail();
    }

    private static Map<String, String> smtpWith(String name, String value) {
        Map<String, String> given = new HashMap<>(SMTP);
        if (value == null) {
            given.remove(name);
        } else {
            given.put(name, value);
        }
        return given;
    }

    private static Mail mail(MailSettings settings) {
        return Mail.configured(settings, Mockito.mock(Outbox.class));
    }

    @Test
    void mailWhenNothingIsGivenThenTheLogTransportStartTlsPort587AndFiveSeconds() {
        MailSettings defaults = settings(Map.of());

        assertEquals(MailSettings.Transport.LOG, defaults.transport());
        assertEquals(587, defaults.smtpPort());
        assertEquals(MailSettings.Tls.STARTTLS, defaults.smtpTls());
        assertEquals(Duration.ofSeconds(5), defaults.outboxInterval());
        assertTrue(mail(defaults).available());
    }

    @Test
    void smtpWhenNoHostIsGivenThenTheStartStopsNamingMailSmtpHost() {
        ConfigException refused = assertThrows(ConfigException.class, () -> settings(smtpWith("mail.smtp.host", null)));
        assertEquals("mail.smtp.host", refused.parameter());
    }

    @Test
    void smtpWhenNoSenderIsGivenThenTheStartStopsNamingMailFrom() {
        ConfigException refused = assertThrows(ConfigException.class, () -> settings(smtpWith("mail.from", null)));
        assertEquals("mail.from", refused.parameter());
    }

    @Test
    void smtpWhenTheSenderIsNoAddressThenTheStartStopsNamingMailFrom() {
        MailSettings bad = settings(smtpWith("mail.from", "not an address"));
        ConfigException refused = assertThrows(ConfigException.class, () -> mail(bad));
        assertEquals("mail.from", refused.parameter());
        assertTrue(refused.getMessage().contains("no-reply@example.com"), "says how to write it: " + refused.getMessage());
    }

    @Test
    void smtpWhenAPasswordComesWithoutAUserThenTheStartStopsNamingMailSmtpPassword() {
        ConfigException refused = assertThrows(ConfigException.class,
                () -> settings(smtpWith("mail.smtp.password", "hunter2hunter2")));
        assertEquals("mail.smtp.password", refused.parameter());
        assertFalse(refused.getMessage().contains("hunter2"), refused.getMessage());
    }

    @Test
    void smtpWhenTheTlsModeIsUnknownThenTheStartStopsNamingMailSmtpTls() {
        ConfigException refused = assertThrows(ConfigException.class, () -> settings(smtpWith("mail.smtp.tls", "ssl")));
        assertEquals("mail.smtp.tls", refused.parameter());
    }

    @Test
    void smtpWhenNamedThenAModuleCannotBringASecondTransport() {
        Mail smtp = mail(settings(SMTP));
        assertThrows(IllegalStateException.class, () -> smtp.use(message -> { }));
    }

    @Test
    void noneWhenNamedThenMailIsUnavailableUntilAModuleBringsATransport() {
        Mail none = mail(settings(Map.of("mail.transport", "none")));
        ApiError refused = assertThrows(ApiError.class, none::require);
        assertEquals(503, refused.status());
        assertFalse(none.available());

        none.use(message -> { });
        assertTrue(none.available());
        assertThrows(IllegalStateException.class, () -> none.use(message -> { }), "one module's transport only");
    }

    @Test
    void retryPolicyWhenFailuresMountThenTheWaitDoublesFromThirtySecondsToAtMostAnHour() {
        OutboxSender.Policy policy = OutboxSender.Policy.DEFAULT;
        assertEquals(Duration.ofSeconds(30), policy.retryAfter(1));
        assertEquals(Duration.ofMinutes(1), policy.retryAfter(2));
        assertEquals(Duration.ofMinutes(32), policy.retryAfter(7));
        assertEquals(Duration.ofHours(1), policy.retryAfter(8));
        assertEquals(Duration.ofHours(1), policy.retryAfter(40));
    }
}
