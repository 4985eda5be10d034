package org.portcullis.filter.config;

import java.util.List;

/**
 * What the request firewall lets through beyond its strict defaults, and which further origins the CSRF
 * check trusts.
 *
 * <pre>{@code
 * <init-param><param-name>csrf.trusted.origins</param-name><param-value>https://notes.example.com</param-value></init-param>
 * }</pre>
 *
 * @param allowNonAscii     {@code firewall.allow.non.ascii}: non-ASCII characters allowed in the decoded paths of
 *                          guarded routes
 * @param allowEncodedSlash {@code firewall.allow.encoded.slash}: {@code %2F} allowed in the raw request URI
 * @param trustedOrigins    {@code csrf.trusted.origins}: origins ({@code scheme://host[:port]}, lower case) besides
 *                          the request's own whose cookie-authenticated state-changing requests are accepted, e.g.
 *                          the public origin behind a proxy
 */
public record FirewallSettings(boolean allowNonAscii, boolean allowEncodedSlash, List<String> trustedOrigins) {

    static final ParameterSpec<Boolean> ALLOW_NON_ASCII = ParameterSpec.bool("firewall.allow.non.ascii", false,
            "let non-ASCII characters through in the decoded paths of guarded routes");
    static final ParameterSpec<Boolean> ALLOW_ENCODED_SLASH = ParameterSpec.bool("firewall.allow.encoded.slash",
            false, "let %2F through in the raw request URI");
    static final ParameterSpec<List<String>> TRUSTED_ORIGINS = ParameterSpec.origins("csrf.trusted.origins",
            "further origins, comma separated, whose cookie-authenticated state-changing requests are accepted",
            "https://notes.example.com");

    /** This record's parameters, in the order of the reference table. */
    public static final List<ParameterSpec<?>> PARAMETERS = List.of(ALLOW_NON_ASCII, ALLOW_ENCODED_SLASH,
            TRUSTED_ORIGINS);

    public FirewallSettings {
        trustedOrigins = List.copyOf(trustedOrigins);
    }

    public static FirewallSettings from(Parameters p) {
        return new FirewallSettings(p.get(ALLOW_NON_ASCII), p.get(ALLOW_ENCODED_SLASH), p.get(TRUSTED_ORIGINS));
    }
}
