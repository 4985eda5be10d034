package org.portcullis.filter.tenancy;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Which tenant a request belongs to, before anything else of Portcullis looks at it (contract §10):
 * always {@link Tenant#DEFAULT} ({@link #single()}), or the tenant its host name names
 * ({@link #byHost}), or the one a header names ({@link #byHeader}). A request that names no configured
 * tenant has none ({@code null}): the filter answers 404 {@code unknown_tenant} on its endpoints and
 * guarded routes.
 *
 * <pre>{@code
 * TenantResolver tenants = TenantResolver.byHost(Map.of("acme.example.com", Tenant.of("acme")));
 * Tenant tenant = tenants.resolve(request); // null for globex.example.com
 * }</pre>
 */
public sealed interface TenantResolver {

    /**
     * The request's tenant, or null when it names none that is configured. It never throws for what a
     * client sent.
     */
    Tenant resolve(HttpServletRequest request);

    /** Whether every request is {@link Tenant#DEFAULT}'s, so that nothing needs resolving or binding. */
    default boolean alwaysDefault() {
        return false;
    }

    /**
     * The request header the tenant depends on, for the replies' {@code Vary} header, so that a shared cache
     * never hands one tenant's page to another; null when the tenant depends on no header but {@code Host}
     * (which every cache keys on already).
     */
    default String varies() {
        return null;
    }

    /** One tenant, the default one, for every request. */
    static TenantResolver single() {
        return Single.INSTANCE;
    }

    /** The tenant of the request's host name: lower case, without port or a trailing dot. */
    static TenantResolver byHost(Map<String, Tenant> hosts) {
        return new ByHost(Map.copyOf(hosts));
    }

    /** The tenant whose code is the value of {@code header}; two values of it name none. */
    static TenantResolver byHeader(String header, List<Tenant> tenants) {
        Map<String, Tenant> byCode = new HashMap<>();
        for (Tenant tenant : tenants) {
            byCode.put(tenant.code(), tenant);
        }
        return new ByHeader(Objects.requireNonNull(header, "header"), Map.copyOf(byCode));
    }

    /** {@link #single()}. */
    enum Single implements TenantResolver {
        INSTANCE;

        @Override
        public Tenant resolve(HttpServletRequest request) {
            return Tenant.DEFAULT;
        }

        @Override
        public boolean alwaysDefault() {
            return true;
        }
    }

    /** {@link #byHost}. */
    record ByHost(Map<String, Tenant> hosts) implements TenantResolver {
        @Override
        public Tenant resolve(HttpServletRequest request) {
            String name = request.getServerName(); // the Host header as the container parsed it, without the port
            if (name == null || name.isEmpty()) {
                return null;
            }
            if (name.endsWith(".")) {
                name = name.substring(0, name.length() - 1);
            }
            return hosts.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** {@link #byHeader}. */
    record ByHeader(String header, Map<String, Tenant> byCode) implements TenantResolver {
        @Override
        public String varies() {
            return header;
        }

        @Override
        public Tenant resolve(HttpServletRequest request) {
            Enumeration<String> values = request.getHeaders(header);
            if (values == null || !values.hasMoreElements()) {
                return null;
            }
            String code = values.nextElement();
            if (values.hasMoreElements() || code == null) {
                return null; // two values: which one the gateway set is unknowable
            }
            return byCode.get(code); // a configured code only: no pattern to match, no tenant to make, per request
        }
    }
}
