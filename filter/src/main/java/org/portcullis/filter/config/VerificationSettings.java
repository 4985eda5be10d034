package org.portcullis.filter.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a new account proves its e-mail, and the address every mailed link starts with (CONTRACT §8).
 *
 * <pre>{@code
 * <init-param><param-name>signup.verification</param-name><param-value>link</param-value></init-param>
 * <init-param><param-name>public.url</param-name><param-value>https://notes.example.com/app</param-value></init-param>
 * }</pre>
 *
 * @param mode      {@code signup.verification}: none (an account is active at once), a 6-digit code, or a
 *                  code and a link; with code or link an account is {@code pending_verification} until its
 *                  e-mail is proved
 * @param publicUrl {@code public.url}: the web application's absolute base URL, without a trailing
 *                  {@code /}; links are built from it alone, never from {@code Host} or {@code X-Forwarded-*}.
 *                  Required with {@code link}; without it no mail carries a link (codes only)
 */
public record VerificationSettings(Mode mode, Optional<String> publicUrl) {

    /** What {@code signup.verification} names. */
    public enum Mode {
        /** No proof: the account is active at once, and a taken e-mail is 409 {@code email_taken}. */
        NONE,
        /** A 6-digit code is mailed. */
        CODE,
        /** A 6-digit code and a link are mailed; either proves the address. */
        LINK;

        /** Whether a sign-up must prove its e-mail. */
        public boolean verifies() {
            return this != NONE;
        }
    }

    static final ParameterSpec<Mode> MODE = ParameterSpec.choice("signup.verification", Mode.NONE, Mode.class,
            "how a new account proves its e-mail: not at all, a mailed 6-digit code, or a code and a link", "code");
    static final ParameterSpec<String> PUBLIC_URL = ParameterSpec.text("public.url",
            "the web application's absolute base URL; every mailed link starts with it (required with"
                    + " signup.verification=link)", "https://notes.example.com/app");

    /** This record's parameters, in the order of the reference table. */
    public static final List<ParameterSpec<?>> PARAMETERS = List.of(MODE, PUBLIC_URL);

    public static VerificationSettings from(Parameters p) {
        Mode mode = p.get(MODE);
        Optional<String> url = Optional.ofNullable(p.get(PUBLIC_URL)).map(VerificationSettings::baseUrl);
        if (mode == Mode.LINK && url.isEmpty()) {
            throw new ConfigException(PUBLIC_URL.name(), "signup.verification is link, so give the address mailed"
                    + " links start with, e.g. https://notes.example.com/app (links are never built from the request)");
        }
        if (mode.verifies() && p.get(MailSettings.TRANSPORT) == MailSettings.Transport.NONE) {
            throw new ConfigException(MODE.name(), "is " + mode.name().toLowerCase(Locale.ROOT)
                    + " but mail.transport is none: nobody could receive the code; set mail.transport to smtp (or log"
                    + " while developing), or a mail module's transport with signup.verification=none");
        }
        return new VerificationSettings(mode, url);
    }

    private static String baseUrl(String value) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new ConfigException(PUBLIC_URL.name(), "'" + value + "' is no URL; write e.g. https://notes.example.com/app");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new ConfigException(PUBLIC_URL.name(), "'" + value + "' must be an absolute http or https URL without"
                    + " user, query or fragment, e.g. https://notes.example.com/app");
        }
        String text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }
}
