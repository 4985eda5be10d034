package org.portcullis.filter.authentication;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
