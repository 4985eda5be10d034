package org.portcullis.filter.persistence;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.portcullis.filter.tenancy.Tenant;
import org.portcullis.model.TenantOwned;

/**
 * The tenant whose rows this thread's work reads and writes (contract §10). The filter binds the
 * request's tenant around everything it and the host do for that request ({@link #enter}); every entity
 * manager {@link Database} makes on that thread then carries the tenant, and EclipseLink confines each
 * query of a {@link TenantOwned} entity to that tenant's rows.
 *
 * <pre>{@code
 * try (TenantScope.Bound bound = database.tenants().enter(Tenant.of("acme"))) {
 *     database.read(em -> AccountRows.userByEmail(em, "ada@example.org")); // acme's Ada, nobody else's
 * }
 * }</pre>
 *
 * <p>With one tenant ({@code tenants.mode=none}) nothing needs binding: an unbound thread works for
 * {@link Tenant#DEFAULT}, the single path of rule 8 in the reference. With several, an unbound thread works for
 * no tenant: its entity managers carry none, and EclipseLink refuses every query of a tenant's rows, so
 * a job that forgot to say whose rows it means fails instead of reading or writing another tenant's.
 * The binding is this instance's, not the JVM's: two web applications never share it.
 */
public final class TenantScope {

    private static final Map<String, Object> DEFAULT_PROPERTIES = Map.of(TenantOwned.TENANT_PROPERTY,
            Tenant.DEFAULT.code());

    private final boolean several;
    private final List<Tenant> all;
    private final ThreadLocal<Tenant> bound = new ThreadLocal<>();
    private final Map<Tenant, Map<String, Object>> properties = new ConcurrentHashMap<>();

    /**
     * @param several whether tenants are configured ({@code tenants.mode} host or header)
     * @param all     the configured tenants ({@link Tenant#DEFAULT} alone with one)
     */
    public TenantScope(boolean several, List<Tenant> all) {
        this.several = several;
        this.all = List.copyOf(all);
    }

    /** Every configured tenant: what a background job works through, one tenant bound at a time. */
    public List<Tenant> all() {
        return all;
    }

    /** Whether tenants are configured: an unbound thread then works for none. */
    public boolean several() {
        return several;
    }

    /** Binds {@code tenant} to this thread until the returned binding is closed, which restores the one before. */
    public Bound enter(Tenant tenant) {
        Objects.requireNonNull(tenant, "tenant");
        Tenant before = bound.get();
        bound.set(tenant);
        return new Bound(this, before);
    }

    /** Runs {@code work} with {@code tenant} bound. */
    public <T> T as(Tenant tenant, Supplier<T> work) {
        try (Bound ignored = enter(tenant)) {
            return work.get();
        }
    }

    /**
     * The tenant this thread works for: the one bound, else {@link Tenant#DEFAULT} with one tenant.
     *
     * @throws IllegalStateException with several tenants and none bound
     */
    public Tenant current() {
        Tenant tenant = bound.get();
        if (tenant != null) {
            return tenant;
        }
        if (several) {
            throw new IllegalStateException("no tenant is bound to this thread; bind one with TenantScope.enter");
        }
        return Tenant.DEFAULT;
    }

    /** As {@link #current()}, but null instead of throwing: the work is no one tenant's. */
    Tenant currentOrNull() {
        Tenant tenant = bound.get();
        return tenant != null ? tenant : several ? null : Tenant.DEFAULT;
    }

    /** The entity-manager properties for this thread's tenant; none for no tenant. */
    Map<String, Object> properties() {
        Tenant tenant = currentOrNull();
        if (tenant == null) {
            return Map.of();
        }
        if (tenant.equals(Tenant.DEFAULT)) {
            return DEFAULT_PROPERTIES;
        }
        return properties.computeIfAbsent(tenant, t -> Map.of(TenantOwned.TENANT_PROPERTY, t.code()));
    }

    /** A binding of {@link #enter}: closing it restores the tenant bound before. */
    public static final class Bound implements AutoCloseable {
        private final TenantScope scope;
        private final Tenant before;

        private Bound(TenantScope scope, Tenant before) {
            this.scope = scope;
            this.before = before;
        }

        @Override
        public void close() {
            if (before == null) {
                scope.bound.remove();
            } else {
                scope.bound.set(before);
            }
        }
    }
}
