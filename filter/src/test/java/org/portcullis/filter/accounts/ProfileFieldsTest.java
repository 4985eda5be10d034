package org.portcullis.filter.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.portcullis.filter.config.ParameterSource;
import org.portcullis.filter.config.PortcullisConfig;
import org.portcullis.filter.web.ApiError;
import org.portcullis.filter.web.Json;

/** The rule for writing profile values: types, limits, admin fields, required fields, and the attacks on them. */
class ProfileFieldsTest {

    private static final ProfileFields FIELDS = fields("""
            team     = string max=40 pattern=[a-z-]+
            bio      = string
            age      = integer max=150
            news     = boolean
            birthday = date
            backup   = email
            site     = url
            phone    = phone
            extra    = json max=100
            tier     = integer admin
            """);
    private static final ProfileFields WITH_REQUIRED = fields("team = string\nnick = string required");

    private static ProfileFields fields(String declared) {
        return new ProfileFields(PortcullisConfig.from(ParameterSource.of(Map.of("profile.fields", declared)), "app")
                .profile());
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static ApiError refused(ProfileFields fields, String stored, String given, boolean admin, boolean creating) {
        return assertThrows(ApiError.class, () -> fields.merge(stored, json(given), admin, creating));
    }

    private static void assertRefused(int status, String code, String field, ApiError e) {
        assertEquals(status, e.status(), e.getMessage());
        assertEquals(code, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("'profile." + field + "'"), e.getMessage());
    }

    @Test
    void mergeWhenEveryTypeIsValidThenStoredAndReadBackTyped() {
        String stored = FIELDS.merge(null, json("""
                {"team":"engines","bio":"Line one\\nline two","age":36,"news":true,"birthday":"1815-12-10",
                 "backup":" Ada@Example.ORG ","site":"https://example.org/ada?x=1","phone":"+44 20-7946 0958",
                 "extra":{"likes":["maths"],"n":1}}
                """), false, true);

        Map<String, Object> read = FIELDS.read(stored);
        assertEquals("engines", read.get("team"));
        assertEquals("Line one\nline two", read.get("bio"));
        assertEquals(36L, read.get("age"));
        assertEquals(true, read.get("news"));
        assertEquals("1815-12-10", read.get("birthday"));
        assertEquals("ada@example.org", read.get("backup"), "an e-mail is stored trimmed and lower case");
        assertEquals("+442079460958", read.get("phone"), "a phone number is stored as + and its digits");
        assertEquals(json("{\"likes\":[\"maths\"],\"n\":1}"), read.get("extra"));
        assertEquals(List.of("team", "bio", "age", "news", "birthday", "backup", "site", "phone", "extra"),
                List.copyOf(read.keySet()), "declaration order");
    }

    @Test
    void mergeWhenAFieldIsNotGivenThenItKeepsItsValueAndNullRemovesIt() {
        String stored = FIELDS.merge(null, json("{\"team\":\"engines\",\"age\":3}"), false, true);

        String after = FIELDS.merge(stored, json("{\"age\":null,\"news\":false}"), false, false);

        assertEquals(Map.of("team", "engines", "news", false), FIELDS.read(after));
    }

    @Test
    void mergeWhenEveryFieldIsRemovedThenNullIsStored() {
        String stored = FIELDS.merge(null, json("{\"team\":\"engines\"}"), false, true);

        assertNull(FIELDS.merge(stored, json("{\"team\":null}"), false, false));
        assertNull(FIELDS.merge(null, null, false, true), "nothing given, nothing required: nothing stored");
    }

    @Test
    void readWhenNothingIsStoredThenEmpty() {
        assertEquals(Map.of(), FIELDS.read(null));
        assertEquals(Map.of(), FIELDS.read("not json"), "a column Portcullis did not write shows nothing");
        assertEquals(Map.of(), FIELDS.read("[1,2]"));
    }

    @Test
    void readWhenAStoredFieldIsNoLongerDeclaredThenNotShownAndDroppedAtTheNextWrite() {
        String stored = "{\"team\":\"engines\",\"shoe_size\":44}";

        assertEquals(Map.of("team", "engines"), FIELDS.read(stored));
        assertEquals("{\"team\":\"engines\",\"age\":1}", FIELDS.merge(stored, json("{\"age\":1}"), false, false));
    }

    @Test
    void readWhenAStoredValueNoLongerFitsItsDeclarationThenNotShown() {
        assertEquals(Map.of("bio", "ok"), FIELDS.read("{\"team\":\"UPPER\",\"age\":\"old\",\"bio\":\"ok\"}"));
    }

    @Test
    void mergeWhenANameIsNoFieldThenUnknownAttributeNamingIt() {
        ApiError e = refused(FIELDS, null, "{\"shoe_size\":44}", false, true);

        assertRefused(400, "unknown_attribute", "shoe_size", e);
        assertEquals("'profile.shoe_size' is not a profile field.", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "__proto__       | {\"__proto__\":{\"admin\":true}}",
            "constructor     | {\"constructor\":{\"prototype\":{}}}",
            "TEAM            | {\"TEAM\":\"engines\"}",
            "team.x          | {\"team.x\":\"engines\"}",
            "                | {\"\":\"engines\"}",
    })
    void mergeWhenANameIsPrototypePollutionOrALookAlikeThenUnknownAttribute(String name, String given) {
        assertRefused(400, "unknown_attribute", name == null ? "" : name, refused(FIELDS, null, given, true, true));
    }

    @Test
    void mergeWhenAGivenNameIsHugeThenTheMessageQuotesItShort() {
        ApiError e = refused(FIELDS, null, "{\"" + "x".repeat(5000) + "\":1}", false, true);

        assertEquals("unknown_attribute", e.code());
        assertTrue(e.getMessage().length() < 100, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "team     | {\"team\":{\"nested\":\"object\"}}",
            "team     | {\"team\":[\"a\"]}",
            "team     | {\"team\":7}",
            "team     | {\"team\":\"UPPER\"}",
            "bio      | {\"bio\":\"nul\\u0000byte\"}",
            "bio      | {\"bio\":\"escape\\u001b[31m\"}",
            "age      | {\"age\":\"36\"}",
            "age      | {\"age\":36.5}",
            "age      | {\"age\":1e2}",
            "age      | {\"age\":151}",
            "age      | {\"age\":99999999999999999999999999999}",
            "news     | {\"news\":\"true\"}",
            "news     | {\"news\":1}",
            "birthday | {\"birthday\":\"2020-02-30\"}",
            "birthday | {\"birthday\":\"10.12.1815\"}",
            "birthday | {\"birthday\":\"+12020-01-01\"}",
            "backup   | {\"backup\":\"not an address\"}",
            "site     | {\"site\":\"javascript:alert(1)\"}",
            "site     | {\"site\":\"ftp://example.org/\"}",
            "site     | {\"site\":\"/relative/path\"}",
            "site     | {\"site\":\"https://user:secret@example.org/\"}",
            "site     | {\"site\":\"https://exa mple.org/\"}",
            "phone    | {\"phone\":\"0044 20 7946 0958\"}",
            "phone    | {\"phone\":\"+12345\"}",
            "phone    | {\"phone\":\"+1234567890123456\"}",
            "phone    | {\"phone\":\"+44 (20) 7946\"}",
            "extra    | {\"extra\":[\"this array is well over one hundred bytes\",\"once it is written as JSON\",\"quotes, commas and all\",\"and a fourth item to be sure\"]}",
    })
    void mergeWhenAValueDoesNotFitItsFieldThenInvalidAttributeNamingIt(String field, String given) {
        assertRefused(400, "invalid_attribute", field, refused(FIELDS, null, given, false, true));
    }

    @Test
    void mergeWhenAnIntegerIsHugeThenInvalidNotAnOverflow() {
        ObjectNode given = Json.MAPPER.createObjectNode();
        given.put("age", new BigInteger("9".repeat(30)));

        assertRefused(400, "invalid_attribute", "age",
                assertThrows(ApiError.class, () -> FIELDS.merge(null, given, false, true)));
    }

    @Test
    void mergeWhenAStringIsTenMegabytesThenRefusedByTheFieldLimitAtOnce() {
        ObjectNode given = Json.MAPPER.createObjectNode();
        given.set("bio", TextNode.valueOf("a".repeat(10 * 1024 * 1024)));

        ApiError e = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertThrows(ApiError.class, () -> FIELDS.merge(null, given, false, true)));
        assertRefused(400, "invalid_attribute", "bio", e);
        assertTrue(e.getMessage().contains("at most 1000 characters"), e.getMessage());
    }

    @Test
    void mergeWhenAPatternWouldBacktrackForEverThenRefusedInBoundedTime() {
        ProfileFields evil = fields("code = string max=4000 pattern=(a+)+b");
        String input = "{\"code\":\"" + "a".repeat(3000) + "c\"}";

        ApiError e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> refused(evil, null, input, false, true));

        assertRefused(400, "invalid_attribute", "code", e);
        assertEquals(Map.of("code", "aaab"), evil.read(evil.merge(null, json("{\"code\":\"aaab\"}"), false, true)),
                "the same pattern still matches what it should");
    }

    @Test
    void mergeWhenAPatternIsGivenThenTheWholeValueMustMatch() {
        assertRefused(400, "invalid_attribute", "team", refused(FIELDS, null, "{\"team\":\"ok-then!\"}", false, true));
        assertEquals(Map.of("team", "ok-then"), FIELDS.read(FIELDS.merge(null, json("{\"team\":\"ok-then\"}"), false, true)));
    }

    @Test
    void mergeWhenANonAdministratorWritesAnAdminFieldThenForbiddenNamingIt() {
        assertRefused(403, "forbidden", "tier", refused(FIELDS, null, "{\"tier\":3}", false, true));
        String stored = FIELDS.merge(null, json("{\"tier\":3}"), true, true);
        assertRefused(403, "forbidden", "tier", refused(FIELDS, stored, "{\"tier\":4}", false, false));
        assertRefused(403, "forbidden", "tier", refused(FIELDS, stored, "{\"tier\":null}", false, false));
        assertEquals(3L, FIELDS.read(stored).get("tier"));
    }

    @Test
    void mergeWhenANonAdministratorSendsAnAdminFieldBackUnchangedThenAllowed() {
        String stored = FIELDS.merge(null, json("{\"tier\":3}"), true, true);

        String after = FIELDS.merge(stored, json("{\"tier\":3,\"team\":\"x\"}"), false, false);

        assertEquals(Map.of("tier", 3L, "team", "x"), FIELDS.read(after));
    }

    @Test
    void mergeWhenCreatingWithoutARequiredFieldThenInvalidAttributeNamingIt() {
        assertRefused(400, "invalid_attribute", "nick", refused(WITH_REQUIRED, null, "{\"team\":\"a\"}", false, true));
        ApiError none = assertThrows(ApiError.class, () -> WITH_REQUIRED.merge(null, null, false, true));
        assertRefused(400, "invalid_attribute", "nick", none);
    }

    @Test
    void mergeWhenARequiredFieldIsSetToNullLaterThenRefusedAndOmittingItIsFine() {
        String stored = WITH_REQUIRED.merge(null, json("{\"nick\":\"ada\"}"), false, true);

        assertRefused(400, "invalid_attribute", "nick", refused(WITH_REQUIRED, stored, "{\"nick\":null}", false, false));
        assertEquals(Map.of("nick", "ada", "team", "t"),
                WITH_REQUIRED.read(WITH_REQUIRED.merge(stored, json("{\"team\":\"t\"}"), false, false)));
    }

    @Test
    void mergeWhenTheProfileIsNoObjectThenBadRequest() {
        for (String given : List.of("[]", "\"team\"", "3", "null")) {
            ApiError e = refused(FIELDS, null, given, false, true);
            assertEquals(400, e.status(), given);
            assertEquals("bad_request", e.code(), given);
        }
    }

    @Test
    void mergeWhenTheWholeProfileWouldNotFitTheColumnThenTooLong() {
        ProfileFields big = fields("a = string max=3000\nb = string max=3000");
        String stored = big.merge(null, json("{\"a\":\"" + "x".repeat(3000) + "\"}"), false, true);

        ApiError e = refused(big, stored, "{\"b\":\"" + "y".repeat(1000) + "\"}", false, false);

        assertEquals(400, e.status());
        assertEquals("too_long", e.code());
    }

    @Test
    void mergeWhenNoFieldIsDeclaredThenAnyNameIsUnknown() {
        ProfileFields none = fields("");

        assertRefused(400, "unknown_attribute", "team", refused(none, null, "{\"team\":\"a\"}", false, true));
        assertNull(none.merge(null, json("{}"), false, true));
    }
}
