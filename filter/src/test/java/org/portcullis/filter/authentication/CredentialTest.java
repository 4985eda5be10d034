package org.portcullis.filter.authentication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CredentialTest {

    @Test
    void passwordWhenPrintedThenItsTextIsHidden() {
        assertEquals("Password[hidden]", new Credential.Password("correct horse battery").toString());
    }

    @Test
    void passwordWhenNullThenRefused() {
        assertThrows(NullPointerException.class, () -> new Credential.Password(null));
    }

    @Test
    void anonymousSecretWhenPrintedThenItsTextIsHidden() {
        assertEquals("AnonymousSecret[hidden]", new Credential.AnonymousSecret("s3cr3t-s3cr3t").toString());
    }

    @Test
    void anonymousSecretWhenComparedThenOnlyItsOwnHashMatches() {
        String secret = "q9Vf0bM3Zk2wXh7yTn5cLr8sPa1dGe4jUo6iBv0aNmC";
        String stored = Credential.AnonymousSecret.hash(secret);

        assertEquals(64, stored.length(), "hex SHA-256");
        assertTrue(new Credential.AnonymousSecret(secret).matches(stored));
        assertFalse(new Credential.AnonymousSecret(secret + "x").matches(stored));
        assertFalse(new Credential.AnonymousSecret(stored).matches(stored), "the hash is no secret");
        assertFalse(new Credential.AnonymousSecret(secret).matches(null), "no stored hash matches nothing");
        assertFalse(new Credential.AnonymousSecret("-".repeat(64)).matches(null));
    }
}
