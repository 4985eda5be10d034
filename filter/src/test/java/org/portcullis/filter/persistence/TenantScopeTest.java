package org.portcullis.filter.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.portcullis.filter.tenancy.Tenant;
import org.portcullis.model.TenantOwned;

/** Whose rows a thread works on: the one bound, else the default tenant with one, and no one's with several. */
class TenantScopeTest {

    private static final Tenant ACME = Tenant.of("acme");
    private static final Tenant GLOBEX = Tenant.of("globex");

    @Test
    void unboundWhenOneTenantThenTheDefaultOnesRows() {
        TenantScope scope = new TenantScope(false, List.of(Tenant.DEFAULT));

        assertSame(Tenant.DEFAULT, scope.current());
        assertEquals(Map.of(TenantOwned.TENANT_PROPERTY, "default"), scope.properties());
    }

    @Test
    void unboundWhenSeveralTenantsThenNoOnesRowsAndCurrentRefuses() {
        TenantScope scope = new TenantScope(true, List.of(ACME, GLOBEX));

        assertThrows(IllegalStateException.class, scope::current);
        assertNull(scope.currentOrNull());
        assertEquals(Map.of(), scope.properties(), "an entity manager with no tenant reads no tenant's rows");
    }

    @Test
    void enterWhenNestedThenEachCloseRestoresTheTenantBefore() {
        TenantScope scope = new TenantScope(true, List.of(ACME, GLOBEX));

        try (TenantScope.Bound outer = scope.enter(ACME)) {
            assertEquals(Map.of(TenantOwned.TENANT_PROPERTY, "acme"), scope.properties());
            assertEquals(GLOBEX, scope.as(GLOBEX, scope::current));
            assertEquals(ACME, scope.current());
        }
        assertNull(scope.currentOrNull());
    }

    @Test
    void bindingWhenOnAnotherThreadThenNotSeenThere() throws Exception {
        TenantScope scope = new TenantScope(true, List.of(ACME));
        Tenant[] seen = new Tenant[1];
        try (TenantScope.Bound bound = scope.enter(ACME)) {
            Thread other = new Thread(() -> seen[0] = scope.currentOrNull());
            other.start();
            other.join();
        }
        assertNull(seen[0]);
    }
}
