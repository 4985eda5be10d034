package org.portcullis.filter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.portcullis.filter.tenancy.Tenant;

/** {@code tenants.mode}, {@code tenants.header} and {@code tenants}: read once, every mistake refused at start. */
class TenantSettingsTest {

    private static TenantSettings read(Map<String, String> parameters) {
        return PortcullisConfig.from(ParameterSource.of(parameters), "app").tenants();
    }

    private static ConfigException refused(Map<String, String> parameters) {
        return assertThrows(ConfigException.class, () -> read(parameters));
    }

    @Test
    void noneWhenNothingGivenThenTheDefaultTenantAlone() {
        TenantSettings settings = read(Map.of());

        assertFalse(settings.resolved());
        assertEquals(List.of(Tenant.DEFAULT), settings.tenants());
    }

    @Test
    void hostWhenGivenThenEachHostInLowerCaseNamesItsTenantInOrder() {
        TenantSettings settings = read(Map.of("tenants.mode", "host", "tenants",
                "# customers\n acme = Acme.Example.com, www.acme.example.com\n\nglobex = globex.example.com\n"));

        assertEquals(List.of(Tenant.of("acme"), Tenant.of("globex")), settings.tenants());
        assertEquals(Map.of("acme.example.com", Tenant.of("acme"), "www.acme.example.com", Tenant.of("acme"),
                "globex.example.com", Tenant.of("globex")), settings.hosts());
    }

    @Test
    void headerWhenGivenThenTheCodesAndTheHeader() {
        TenantSettings settings = read(Map.of("tenants.mode", "header", "tenants", "acme\nglobex",
                "tenants.header", "X-Customer"));

        assertTrue(settings.resolved());
        assertEquals("X-Customer", settings.header());
        assertEquals(List.of(Tenant.of("acme"), Tenant.of("globex")), settings.tenants());
    }

    @Test
    void tenantsWhenWrongThenRefusedNamingTheParameterAndTheLine() {
        assertTrue(refused(Map.of("tenants", "acme")).getMessage().contains("tenants.mode"), "tenants without a mode");
        assertTrue(refused(Map.of("tenants.mode", "host")).getMessage().contains("names no tenant"));
        assertTrue(refused(Map.of("tenants.mode", "header", "tenants", "acme\nacme")).getMessage()
                .contains("line 2"), "named twice");
        assertTrue(refused(Map.of("tenants.mode", "header", "tenants", "ac me")).getMessage().contains("not a tenant code"));
        assertTrue(refused(Map.of("tenants.mode", "header", "tenants", "acme = acme.example.com")).getMessage()
                .contains("code alone"));
        assertTrue(refused(Map.of("tenants.mode", "host", "tenants", "acme")).getMessage().contains("CODE = host"));
        assertTrue(refused(Map.of("tenants.mode", "host", "tenants", "acme = https://acme.example.com")).getMessage()
                .contains("not a host name"));
        assertTrue(refused(Map.of("tenants.mode", "host", "tenants", "acme = acme.example.com:8080")).getMessage()
                .contains("not a host name"));
        assertTrue(refused(Map.of("tenants.mode", "host", "tenants", "acme = a.example.com\nglobex = A.example.com"))
                .getMessage().contains("already tenant 'acme'"));
        assertEquals("tenants.header", refused(Map.of("tenants.mode", "header", "tenants", "acme",
                "tenants.header", "X Tenant")).parameter());
        assertEquals("tenants.mode", refused(Map.of("tenants.mode", "path")).parameter());
    }
}
