package org.portcullis.filter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NameSuggestionsTest {

    private static final Set<String> KNOWN = PortcullisConfig.PARAMETERS.stream().map(ParameterSpec::name)
            .collect(java.util.stream.Collectors.toSet());

    private static List<String> closest(String given) {
        return NameSuggestions.closest(given, KNOWN);
    }

    @Test
    void suggestionWhenTwoNeighbouringLettersAreSwappedThenTheNameMeant() {
        assertEquals(List.of("signup.enabled"), closest("singup.enabled"));
        assertEquals(List.of("cache.ttl"), closest("cache.tll"));
    }

    @Test
    void suggestionWhenALetterIsMissingExtraOrWrongThenTheNameMeant() {
        assertEquals(List.of("bcrypt.cost"), closest("bcrypt.cot"));
        assertEquals(List.of("jwt.secret.previous"), closest("jwt.secrets.previous"));
        assertEquals(List.of("table.prefix"), closest("table.prefex"));
        assertEquals(List.of("signin.address.window"), closest("signin.adress.windw"));
    }

    @Test
    void suggestionWhenOnlyCaseOrSeparatorsDifferThenTheNameMeant() {
        assertEquals(List.of("signup.enabled"), closest("Signup.Enabled"));
        assertEquals(List.of("signup.enabled"), closest("signup_enabled"));
        assertEquals(List.of("signup.enabled"), closest("signupEnabled"));
        assertEquals(List.of("firewall.allow.encoded.slash"), closest("firewall-allow-encoded-slash"));
    }

    @Test
    void suggestionWhenAContextParamPrefixIsUsedForAnInitParamThenTheNameWithout() {
        assertEquals(List.of("jdbc.url"), closest("portcullis.jdbc.url"));
    }

    @Test
    void suggestionWhenTheLastWordIsWrongThenTheFewNamesSharingTheRest() {
        assertEquals(List.of("cache.coordination", "cache.coordination.interval", "cache.listings", "cache.size",
                "cache.ttl"), closest("cache.maxentries"));
        assertEquals(List.of("signin.pool.queue", "signin.pool.size"), closest("signin.pool.threads"));
        assertEquals(List.of("jdbc.password", "jdbc.url", "jdbc.user"), closest("jdbc"));
    }

    @Test
    void suggestionWhenNothingIsCloseThenNone() {
        assertEquals(List.of(), closest("foo"));
        assertEquals(List.of(), closest("log.level"));
        assertEquals(List.of(), closest("signin.whatever"), "seven signin.* names are no suggestion");
        assertEquals(List.of(), closest("ttl"), "short names get one step at most");
    }

    @Test
    void distanceWhenSwappedInsertedDeletedOrChangedThenOneStepEach() {
        assertEquals(0, NameSuggestions.distance("abc", "abc"));
        assertEquals(1, NameSuggestions.distance("abcd", "abdc"));
        assertEquals(1, NameSuggestions.distance("abc", "abxc"));
        assertEquals(1, NameSuggestions.distance("abc", "ac"));
        assertEquals(1, NameSuggestions.distance("abc", "abx"));
        assertEquals(3, NameSuggestions.distance("", "abc"));
        assertEquals(3, NameSuggestions.distance("ca", "abc"), "optimal string alignment: no edit inside a swapped pair");
    }
}
