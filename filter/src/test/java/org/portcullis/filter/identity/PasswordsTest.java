package org.portcullis.filter.identity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mindrot.jbcrypt.BCrypt;

class PasswordsTest {

    private final Passwords passwords = new Passwords(10);

    @Test
    void matchesWhenRightPasswordThenTrueAndWrongThenFalse() {
        String hash = passwords.hash("correct horse");
        assertTrue(passwords.matches("correct horse", hash));
        assertFalse(passwords.matches("correct horsf", hash));
    }

    @Test
    void hashWhenCostConfiguredThenHashUsesIt() {
        assertTrue(passwords.hash("correct horse").startsWith("$2a$10$"));
    }

    @Test
    void passwordWhenLongerThan72BytesThenRefusedInsteadOfTruncated() {
        String seventyTwo = "a".repeat(72);
        String hash = passwords.hash(seventyTwo);
        // jBCrypt alone would say true: it reads only the first 72 bytes.
        assertFalse(passwords.matches(seventyTwo + "XYZ", hash));
        assertThrows(IllegalArgumentException.class, () -> passwords.hash(seventyTwo + "X"));
        assertFalse(Passwords.fitsBcrypt("é".repeat(37)), "74 bytes in UTF-8 though 37 characters");
        assertTrue(Passwords.fitsBcrypt("é".repeat(36)));
    }

    @Test
    void matchesWhenHashIsMalformedOrForeignThenFalseNotException() {
        for (String bad : new String[] {"", "plaintext", "$1$abc$def", "$2a$04$", "$2a$03$abcdefghijklmnopqrstuv",
                "$2a$xx$abcdefghijklmnopqrstuvwxyz0123456789012345678901234"}) {
            assertFalse(passwords.matches("correct horse", bad), bad);
        }
    }

    @Test
    void matchesWhenStoredHashIsTruncatedPaddedOrOfAnotherSchemeThenNoMatchAndNoException() {
        String good = passwords.hash("correct horse");
        for (String bad : new String[] {good.substring(0, good.length() - 1), good + "x", good.replace("$2a$", "$2x$"),
                good.replace("$2a$", "$2$"), good.substring(0, 29) + "!" + good.substring(30), good.toUpperCase(),
                "$2a$10$" + "\u0000".repeat(53), "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG"}) {
            assertFalse(passwords.matches("correct horse", bad), bad);
        }
        assertTrue(passwords.matches("correct horse", good), "control: the untouched hash matches");
    }

    @Test
    void matchesWhenStoredHashAsksForAHugeCostThenNoMatchInsteadOfMinutesOfWork() {
        // Cost 31 makes jBCrypt throw; cost 17 to 30 would run (2^30 rounds: days) if Portcullis let it.
        String salt = BCrypt.gensalt(4).substring(7);
        for (int cost : new int[] {17, 20, 30, 31, 99}) {
            String hash = String.format("$2a$%02d$%s", cost, salt) + "abcdefghijklmnopqrstuvwxyz01234";
            assertFalse(passwords.matches("correct horse", hash), hash);
        }
    }

    @Test
    void matchesWhenHashIsNullThenFalseAfterDummyCheck() {
        assertFalse(passwords.matches("correct horse", null));
        assertFalse(passwords.matches(null, passwords.hash("null")), "jBCrypt alone hashes null as \"null\"");
    }

    @Test
    void matchesWhenHashIs2bOr2yFromAnotherSystemThenAccepted() {
        String hash2a = BCrypt.hashpw("correct horse", BCrypt.gensalt(4));
        assertTrue(passwords.matches("correct horse", "$2b$" + hash2a.substring(4)));
        assertTrue(passwords.matches("correct horse", "$2y$" + hash2a.substring(4)));
        assertFalse(passwords.matches("wrong horse", "$2y$" + hash2a.substring(4)));
    }
}
