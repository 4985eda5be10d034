package org.portcullis.filter.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which tenant a request names, and that whatever else it sends names none. */
class TenantResolverTest {

    private static final Tenant ACME = Tenant.of("acme");
    private static final TenantResolver BY_HOST = TenantResolver.byHost(Map.of("acme.example.com", ACME));
    private static final TenantResolver BY_HEADER = TenantResolver.byHeader("X-Tenant", List.of(ACME));

    private static HttpServletRequest host(String name) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getServerName()).thenReturn(name);
        return request;
    }

    private static HttpServletRequest header(String... values) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getHeaders("X-Tenant")).thenReturn(Collections.enumeration(List.of(values)));
        return request;
    }

    @Test
    void singleWhenAnyRequestThenTheDefaultTenantWithoutLookingAtIt() {
        assertSame(Tenant.DEFAULT, TenantResolver.single().resolve(null));
        assertTrue(TenantResolver.single().alwaysDefault());
        assertNull(TenantResolver.single().varies());
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme.example.com", "ACME.Example.Com", "acme.example.com."})
    void hostWhenConfiguredInAnySpellingThenItsTenant(String name) {
        assertEquals(ACME, BY_HOST.resolve(host(name)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "example.com", "evil.acme.example.com", "acme.example.com.evil", "acme.example.com.."})
    void hostWhenNotConfiguredThenNoTenant(String name) {
        assertNull(BY_HOST.resolve(host(name)));
        assertNull(BY_HOST.varies(), "every cache keys on Host already");
    }

    @Test
    void headerWhenItNamesAConfiguredCodeThenItsTenantAndRepliesVaryOnIt() {
        assertEquals(ACME, BY_HEADER.resolve(header("acme")));
        assertEquals("X-Tenant", BY_HEADER.varies());
    }

    @Test
    void headerWhenMissingUnknownMalformedOtherCaseOrTwiceThenNoTenant() {
        assertNull(BY_HEADER.resolve(header()));
        assertNull(BY_HEADER.resolve(header("globex")));
        assertNull(BY_HEADER.resolve(header("ACME")), "codes are exact");
        assertNull(BY_HEADER.resolve(header(" acme")));
        assertNull(BY_HEADER.resolve(header("acme\u0000")));
        assertNull(BY_HEADER.resolve(header("acme", "acme")), "two values: the gateway's is unknowable");
        assertNull(BY_HEADER.resolve(header("globex", "acme")));
    }
}
