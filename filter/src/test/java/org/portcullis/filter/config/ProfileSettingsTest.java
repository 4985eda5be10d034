package org.portcullis.filter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The grammar of {@code profile.fields}: what a line may say, and the line-numbered refusal of what it may not. */
class ProfileSettingsTest {

    private static ProfileSettings read(String text) {
        return PortcullisConfig.from(ParameterSource.of(Map.of("profile.fields", text)), "app").profile();
    }

    private static ConfigException refused(String text) {
        return assertThrows(ConfigException.class, () -> read(text));
    }

    @Test
    void profileFieldsWhenNotGivenThenNoField() {
        assertEquals(List.of(), PortcullisConfig.from(ParameterSource.of(Map.of()), "app").profile().fields());
    }

    @Test
    void profileFieldsWhenEveryTypeAndOptionIsGivenThenEachFieldReadInOrder() {
        ProfileSettings settings = read("""
                # the team page
                team     = string max=40 pattern=[a-z-]+

                age      = integer max=150
                newsletter = boolean
                birthday = date required
                backup   = email
                site     = url max=300
                phone    = phone pattern=\\+41[0-9]+
                extra    = json max=500
                tier     = integer admin
                """);

        List<ProfileSettings.Field> fields = settings.fields();
        assertEquals(List.of("team", "age", "newsletter", "birthday", "backup", "site", "phone", "extra", "tier"),
                fields.stream().map(ProfileSettings.Field::name).toList());
        ProfileSettings.Field team = fields.get(0);
        assertEquals(ProfileSettings.Type.STRING, team.type());
        assertEquals(40, team.max());
        assertEquals("[a-z-]+", team.pattern().orElseThrow().pattern());
        assertEquals(2, team.line());
        assertEquals(150, fields.get(1).max());
        assertEquals(4, fields.get(1).line(), "lines count blank lines and comments too");
        assertTrue(fields.get(3).required());
        assertEquals(254, fields.get(4).max(), "an e-mail's default");
        assertEquals(300, fields.get(5).max());
        assertEquals(500, fields.get(7).max());
        assertTrue(fields.get(8).admin());
        assertFalse(fields.get(8).required());
    }

    @Test
    void profileFieldsWhenMaxIsNotGivenThenEachTypesDefault() {
        List<ProfileSettings.Field> fields = read("a = string\nb = url\nc = json\nd = integer\ne = boolean").fields();

        assertEquals(List.of(1000L, 2000L, 4000L, Long.MAX_VALUE, 0L),
                fields.stream().map(ProfileSettings.Field::max).toList());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "team string                        | 1 | no '='",
            "team = strnig                      | 1 | unknown type 'strnig'",
            "team =                             | 1 | no type after '='",
            "Team = string                      | 1 | 'Team' is no field name",
            "__proto__ = json                   | 1 | '__proto__' is no field name",
            "constructor = string               | 1 | 'constructor' is reserved",
            "team = string colour=red           | 1 | unknown option 'colour=red'",
            "team = string max=0                | 1 | max=0 must be a whole number from 1 to 4000",
            "team = string max=lots             | 1 | max=lots must be",
            "team = string max=5000             | 1 | max=5000 must be a whole number from 1 to 4000",
            "flag = boolean max=3               | 1 | max does not apply to type boolean",
            "born = date max=3                  | 1 | max does not apply to type date",
            "tel = phone max=3                  | 1 | max does not apply to type phone",
            "age = integer pattern=[0-9]+       | 1 | pattern does not apply to type integer",
            "team = string pattern=([a-z        | 1 | is no regular expression",
            "team = string required required    | 1 | 'required' is given twice",
            "team = string max=3 max=4          | 1 | 'max' is given twice",
            "team = string required admin       | 1 | cannot be both required and admin",
    })
    void profileFieldsWhenALineIsBadThenTheStartStopsNamingTheLineAndTheProblem(String line, int number,
                                                                               String problem) {
        ConfigException e = refused(line);

        assertEquals("profile.fields", e.parameter());
        assertTrue(e.getMessage().contains("line " + number + " "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void profileFieldsWhenTheBadLineComesAfterGoodOnesThenItsOwnNumberIsNamed() {
        ConfigException e = refused("""
                team = string

                # a comment
                age = integr
                """);

        assertTrue(e.getMessage().contains("line 4 \"age = integr\": unknown type 'integr'"), e.getMessage());
    }

    @Test
    void profileFieldsWhenANameIsDeclaredTwiceThenRefusedNamingBothLines() {
        ConfigException e = refused("team = string\nage = integer\nteam = json");

        assertTrue(e.getMessage().contains("line 3 ") && e.getMessage().contains("declared on line 1"), e.getMessage());
    }

    @Test
    void profileFieldsWhenANameIsLongerThanFortyThenRefused() {
        assertEquals(40, read("a" + "b".repeat(39) + " = string").fields().get(0).name().length());
        assertTrue(refused("a" + "b".repeat(40) + " = string").getMessage().contains("is no field name"));
    }

    @Test
    void profileFieldsWhenMoreThanAHundredFieldsThenRefused() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i <= ProfileSettings.MAX_FIELDS; i++) {
            text.append("f").append(i).append(" = boolean\n");
        }

        assertTrue(refused(text.toString()).getMessage().contains("line 101 "));
    }

    @Test
    void profileFieldsWhenAPatternIsTooLongThenRefused() {
        assertTrue(refused("team = string pattern=" + "a".repeat(ProfileSettings.MAX_PATTERN_LENGTH + 1))
                .getMessage().contains("pattern must be 1 to 500 characters"));
    }
}
