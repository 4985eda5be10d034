package org.portcullis.filter.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.portcullis.filter.tenancy.Tenant;

/**
 * Which tenants one Portcullis serves and how a request names its own (contract §10). In {@code none}
 * mode there is one tenant, {@code default}, and nothing is resolved. In {@code host} mode the request's
 * host name picks the tenant; in {@code header} mode a header does (for an application behind a gateway
 * that sets it; a client must not be able to choose it).
 *
 * <pre>{@code
 * <init-param><param-name>tenants.mode</param-name><param-value>host</param-value></init-param>
 * <init-param><param-name>tenants</param-name><param-value>
 *     acme   = acme.example.com, www.acme.example.com
 *     globex = globex.example.com
 * </param-value></init-param>
 * }</pre>
 *
 * @param mode    {@code tenants.mode}
 * @param header  {@code tenants.header}: the header that names the tenant in {@code header} mode
 * @param tenants {@code tenants}: the tenants in the order given; in {@code none} mode {@code default} alone
 * @param hosts   in {@code host} mode each host name (lower case, no port) and its tenant; else empty
 */
public record TenantSettings(Mode mode, String header, List<Tenant> tenants, Map<String, Tenant> hosts) {

    /** What {@code tenants.mode} names. */
    public enum Mode {
        /** One implicit tenant, {@code default}: no resolution, no extra cost. */
        NONE,
        /** The request's host name (the {@code Host} header, without its port) names the tenant. */
        HOST,
        /** A header ({@code tenants.header}) names the tenant by its code. */
        HEADER
    }

    private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,62})(\\.[a-z0-9]([a-z0-9-]{0,62}))*");

    static final ParameterSpec<Mode> MODE = ParameterSpec.choice("tenants.mode", Mode.NONE, Mode.class,
            "how a request names its tenant: none (one tenant, 'default'), host (its host name) or header",
            "host");
    static final ParameterSpec<String> HEADER = ParameterSpec.matching("tenants.header", "X-Tenant",
            "[A-Za-z0-9-]{1,64}", "give a header name of letters, digits and '-'",
            "the header that names the tenant in header mode; set it at the gateway, never let a client choose it",
            "X-Customer");
    static final ParameterSpec<String> TENANTS = ParameterSpec.lines("tenants",
            "the tenants, one a line: CODE = host[, host...] in host mode, CODE in header mode",
            "acme = acme.example.com, www.acme.example.com");

    /** This record's parameters, in the order of the reference table. */
    public static final List<ParameterSpec<?>> PARAMETERS = List.of(MODE, HEADER, TENANTS);

    public TenantSettings {
        tenants = List.copyOf(tenants);
        hosts = Map.copyOf(hosts);
    }

    /** One tenant, {@code default}, as in {@code none} mode. */
    public static TenantSettings single() {
        return new TenantSettings(Mode.NONE, "X-Tenant", List.of(Tenant.DEFAULT), Map.of());
    }

    /** Whether there is more to a request's tenant than the default one. */
    public boolean resolved() {
        return mode != Mode.NONE;
    }

    public static TenantSettings from(Parameters p) {
        Mode mode = p.get(MODE);
        String text = p.get(TENANTS);
        if (mode == Mode.NONE) {
            if (!text.isBlank()) {
                throw new ConfigException(TENANTS.name(), "is given but tenants.mode is none; set tenants.mode to host "
                        + "or header, or remove the tenants");
            }
            return single();
        }
        List<Tenant> tenants = new ArrayList<>();
        Map<String, Tenant> hosts = new LinkedHashMap<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                readLine(mode, line, tenants, hosts);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(TENANTS.name(), "line " + (i + 1) + " '" + line + "': " + e.getMessage());
            }
        }
        if (tenants.isEmpty()) {
            throw new ConfigException(TENANTS.name(), "names no tenant, but tenants.mode is " + lower(mode)
                    + "; give one tenant a line, e.g. '" + (mode == Mode.HOST ? "acme = acme.example.com" : "acme") + "'");
        }
        return new TenantSettings(mode, p.get(HEADER), tenants, hosts);
    }

    private static void readLine(Mode mode, String line, List<Tenant> tenants, Map<String, Tenant> hosts) {
        int eq = line.indexOf('=');
        String code = (eq < 0 ? line : line.substring(0, eq)).strip();
        if (!Tenant.isCode(code)) {
            throw new IllegalArgumentException("'" + code + "' is not a tenant code: 1 to 64 letters, digits, '_' "
                    + "or '-', starting with a letter or digit");
        }
        Tenant tenant = Tenant.of(code);
        if (tenants.contains(tenant)) {
            throw new IllegalArgumentException("tenant '" + code + "' is named twice");
        }
        if (mode == Mode.HEADER) {
            if (eq >= 0) {
                throw new IllegalArgumentException("header mode takes the code alone, without '= hosts'");
            }
        } else {
            if (eq < 0 || line.substring(eq + 1).isBlank()) {
                throw new IllegalArgumentException("host mode needs 'CODE = host[, host...]'");
            }
            for (String part : line.substring(eq + 1).split(",")) {
                String host = part.strip().toLowerCase(Locale.ROOT);
                if (!HOST_NAME.matcher(host).matches()) {
                    throw new IllegalArgumentException("'" + part.strip() + "' is not a host name (no port, no scheme)");
                }
                Tenant earlier = hosts.putIfAbsent(host, tenant);
                if (earlier != null) {
                    throw new IllegalArgumentException("host '" + host + "' is already tenant '" + earlier.code() + "''s");
                }
            }
        }
        tenants.add(tenant);
    }

    private static String lower(Mode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }
}
