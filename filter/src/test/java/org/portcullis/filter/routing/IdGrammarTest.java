package org.portcullis.filter.routing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IdGrammarTest {

    @Test
    void digitsWhenCanonicalThenAccepted() {
        assertTrue(IdGrammar.DIGITS.accepts("0"));
        assertTrue(IdGrammar.DIGITS.accepts("42"));
        assertTrue(IdGrammar.DIGITS.accepts("999999999999999999"));
    }

    @Test
    void digitsWhenSecondSpellingOfANumberThenRefused() {
        for (String id : new String[] {"", "00", "042", "+42", "-42", "42 ", "4 2", "42.", "4e1", "\uff14\uff12",
                "1000000000000000000"}) {
            assertFalse(IdGrammar.DIGITS.accepts(id), id);
        }
    }

    @Test
    void uuidWhenLowerCaseCanonicalThenAccepted() {
        assertTrue(IdGrammar.UUID.accepts("00000000-0000-0000-0000-000000000000"));
        assertTrue(IdGrammar.UUID.accepts("123e4567-e89b-12d3-a456-426614174000"));
    }

    @Test
    void uuidWhenOtherSpellingThenRefused() {
        for (String id : new String[] {"123E4567-E89B-12D3-A456-426614174000", "123e4567e89b12d3a456426614174000",
                "{123e4567-e89b-12d3-a456-426614174000}", "123e4567-e89b-12d3-a456-42661417400",
                "123e4567-e89b-12d3-a456-4266141740000", "123e4567-e89b-12d3-a456_426614174000",
                "123e4567-e89b-12d3-a4567-42661417400", "g23e4567-e89b-12d3-a456-426614174000"}) {
            assertFalse(IdGrammar.UUID.accepts(id), id);
        }
    }

    @Test
    void slugWhenLettersDigitsUnderscoreDashThenAccepted() {
        assertTrue(IdGrammar.SLUG.accepts("Read-Me_2"));
        assertTrue(IdGrammar.SLUG.accepts("x".repeat(64)));
    }

    @Test
    void slugWhenOtherCharacterOrTooLongThenRefused() {
        for (String id : new String[] {"", "a.b", "a b", "a~b", "caf\u00e9", "x".repeat(65)}) {
            assertFalse(IdGrammar.SLUG.accepts(id), id);
        }
    }
}
