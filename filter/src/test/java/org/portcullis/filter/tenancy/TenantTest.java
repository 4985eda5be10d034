package org.portcullis.filter.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A tenant is a validated code compared by value; the default one is a single constant. */
class TenantTest {

    @Test
    void ofWhenGivenTheDefaultCodeThenTheConstantItself() {
        assertSame(Tenant.DEFAULT, Tenant.of(new String("default")));
        assertEquals("default", Tenant.DEFAULT.code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ACME", "acme-eu", "t_1", "7", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void tenantWhenTheCodeIsWellFormedThenMadeAndEqualByValue(String code) {
        assertTrue(Tenant.isCode(code));
        assertEquals(new Tenant(code), Tenant.of(code));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "-acme", "_acme", "ac me", "acme.eu", "t\u00e9", "a/b",
            "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"})
    void tenantWhenTheCodeIsMalformedThenRefused(String code) {
        assertFalse(Tenant.isCode(code));
        assertThrows(IllegalArgumentException.class, () -> new Tenant(code));
    }

    @Test
    void tenantWhenNullThenRefused() {
        assertFalse(Tenant.isCode(null));
        assertThrows(IllegalArgumentException.class, () -> new Tenant(null));
    }

    @Test
    void tenantsWhenTheirCodesDifferInCaseThenDifferent() {
        assertNotEquals(new Tenant("ACME"), new Tenant("acme"));
    }
}
