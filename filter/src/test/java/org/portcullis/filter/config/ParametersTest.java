package org.portcullis.filter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The unknown-name check and the two parameter sources it lists names from. */
class ParametersTest {

    private static ConfigException failure(Map<String, String> parameters) {
        return assertThrows(ConfigException.class, () -> PortcullisConfig.from(ParameterSource.of(parameters), "app"));
    }

    private static ParameterSource servletSource(Map<String, String> initParams, Map<String, String> contextParams) {
        ServletContext context = mock(ServletContext.class);
        when(context.getInitParameterNames()).thenAnswer(i -> Collections.enumeration(contextParams.keySet()));
        contextParams.forEach((name, value) -> when(context.getInitParameter(name)).thenReturn(value));
        FilterConfig filter = mock(FilterConfig.class);
        when(filter.getServletContext()).thenReturn(context);
        when(filter.getInitParameterNames()).thenAnswer(i -> Collections.enumeration(initParams.keySet()));
        initParams.forEach((name, value) -> when(filter.getInitParameter(name)).thenReturn(value));
        return ParameterSource.of(filter);
    }

    @Test
    void misspeltParameterWhenGivenThenStartIsRefusedNamingItAndTheParameterMeant() {
        ConfigException e = failure(Map.of("singup.enabled", "false"));
        assertTrue(e.getMessage().startsWith("Portcullis: unknown parameter 'singup.enabled' (did you mean"
                + " 'signup.enabled'?)"), e.getMessage());
        assertTrue(e.getMessage().contains("docs/configuration.md"), e.getMessage());
        assertEquals("singup.enabled", e.parameter());
    }

    @Test
    void unknownParameterWhenItsValueIsEmptyOrValidThenStillRefused() {
        assertTrue(failure(Map.of("singup.enabled", "")).getMessage().contains("'singup.enabled'"));
        assertTrue(failure(Map.of("jdbc.url", "jdbc:h2:mem:x", "jdbc.usr", "sa")).getMessage()
                .contains("'jdbc.usr' (did you mean 'jdbc.user'?)"));
    }

    @Test
    void unknownParametersWhenSeveralThenEachIsNamedAndOneWithoutNeighbourHasNoSuggestion() {
        String message = failure(Map.of("singup.enabled", "false", "log.level", "debug")).getMessage();
        assertTrue(message.contains("unknown parameter 'log.level';"), message);
        assertTrue(message.contains("unknown parameter 'singup.enabled' (did you mean 'signup.enabled'?)"), message);
    }

    @Test
    void unknownParameterWhenAlongsideABadValueThenTheUnknownNameIsReportedFirst() {
        assertTrue(failure(Map.of("bcrypt.cost", "4", "bcrypt.cots", "12")).getMessage()
                .contains("unknown parameter 'bcrypt.cots' (did you mean 'bcrypt.cost'?)"));
    }

    @Test
    void servletSourceWhenInitAndPortcullisContextParamsThenBothListedAndTheHostsOwnIgnored() {
        ParameterSource source = servletSource(Map.of("jdbc.url", "jdbc:h2:mem:a"),
                Map.of("portcullis.cache.ttl", "PT1S", "portcullis.jdbc.url", "jdbc:h2:mem:b", "app.theme", "dark",
                        "signup.enabled", "false"));
        assertEquals(Set.of("jdbc.url", "cache.ttl"), source.names());
        assertEquals("jdbc:h2:mem:a", source.get("jdbc.url"), "the init-param wins");
        assertEquals("PT1S", source.get("cache.ttl"));
        assertEquals(null, source.get("app.theme"));
        assertEquals(null, source.get("signup.enabled"), "a context-param without the prefix is the host's");
    }

    @Test
    void servletSourceWhenAContextParamIsMisspeltThenTheMessageSaysWhereItWasWritten() {
        ParameterSource source = servletSource(Map.of(), Map.of("portcullis.singup.enabled", "false"));
        assertEquals(Optional.of("context-param 'portcullis.singup.enabled'"), source.origin("singup.enabled"));
        ConfigException e = assertThrows(ConfigException.class, () -> PortcullisConfig.from(source, "app"));
        assertTrue(e.getMessage().contains("unknown parameter 'singup.enabled' in context-param"
                + " 'portcullis.singup.enabled' (did you mean 'signup.enabled'?)"), e.getMessage());
    }

    @Test
    void servletSourceWhenKnownContextParamThenReadAsTheParameter() {
        PortcullisConfig config = PortcullisConfig.from(servletSource(Map.of(),
                Map.of("portcullis.signup.enabled", "false", "unrelated.host.param", "x")), "app");
        assertEquals(false, config.signupEnabled());
    }

    @Test
    void readingWhenTheSpecIsNotRegisteredThenAProgrammingError() {
        Parameters p = new Parameters(ParameterSource.of(Map.of()), "app", List.of(SignupSettings.ENABLED));
        assertThrows(IllegalStateException.class, () -> p.get(SignupSettings.DEFAULT_GROUPS));
        assertThrows(IllegalArgumentException.class, () -> new Parameters(ParameterSource.of(Map.of()), "app",
                List.of(SignupSettings.ENABLED, ParameterSpec.bool("signup.enabled", false, "again"))));
    }
}
