package org.portcullis.filter.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How mail leaves: the transport ({@code log} for development, {@code smtp}, or {@code none}), the SMTP
 * relay and its sender address, and how often the outbox is looked at. Mail is written to the outbox in
 * the transaction of the change and sent after the commit by a background sender.
 *
 * <pre>{@code
 * <init-param><param-name>mail.transport</param-name><param-value>smtp</param-value></init-param>
 * <init-param><param-name>mail.smtp.host</param-name><param-value>smtp.example.com</param-value></init-param>
 * <init-param><param-name>mail.smtp.user</param-name><param-value>notes</param-value></init-param>
 * <init-param><param-name>mail.smtp.password</param-name><param-value>${env:SMTP_PASSWORD}</param-value></init-param>
 * <init-param><param-name>mail.from</param-name><param-value>Notes &lt;no-reply@example.com&gt;</param-value></init-param>
 * }</pre>
 *
 * @param transport      {@code mail.transport}: what carries mail out
 * @param smtpHost       {@code mail.smtp.host}: the relay; required with {@code smtp}
 * @param smtpPort       {@code mail.smtp.port}
 * @param smtpUser       {@code mail.smtp.user}: signs in to the relay when given
 * @param smtpPassword   {@code mail.smtp.password}; never printed
 * @param smtpTls        {@code mail.smtp.tls}: STARTTLS required, implicit TLS, or none
 * @param from           {@code mail.from}: the sender address; required with {@code smtp}
 * @param outboxInterval {@code mail.outbox.interval}: how often each node looks for mail due, besides the
 *                       prompt look after a commit that queued one
 */
public record MailSettings(Transport transport, Optional<String> smtpHost, int smtpPort, Optional<String> smtpUser,
                           Optional<String> smtpPassword, Tls smtpTls, Optional<String> from, Duration outboxInterval) {

    /** What {@code mail.transport} names. */
    public enum Transport {
        /** The server log shows the recipient and the template, never the text. */
        LOG,
        /** Jakarta Mail over SMTP to {@code mail.smtp.host}. */
        SMTP,
        /** No transport of Portcullis' own: features that mail answer 503 {@code mail_unavailable}. */
        NONE
    }

    /** What {@code mail.smtp.tls} names. */
    public enum Tls {
        /** Plain connection upgraded by STARTTLS, which the relay must offer (port 587). */
        STARTTLS,
        /** TLS from the first byte (port 465). */
        TLS,
        /** No encryption: only for a relay on the same host or a test server. */
        NONE
    }

    static final ParameterSpec<Transport> TRANSPORT = ParameterSpec.choice("mail.transport", Transport.LOG,
            Transport.class, "what carries mail out: the server log (development), an SMTP relay, or nothing", "none");
    static final ParameterSpec<String> SMTP_HOST = ParameterSpec.text("mail.smtp.host",
            "the SMTP relay's host name; required when mail.transport is smtp", "smtp.example.com");
    static final ParameterSpec<Integer> SMTP_PORT = ParameterSpec.integer("mail.smtp.port", 587, 1, 65535,
            "the SMTP relay's port", "465");
    static final ParameterSpec<String> SMTP_USER = ParameterSpec.text("mail.smtp.user",
            "user name Portcullis signs in to the relay with; none: no sign-in", "notes");
    static final ParameterSpec<String> SMTP_PASSWORD = ParameterSpec.text("mail.smtp.password",
            "password for mail.smtp.user", "${env:SMTP_PASSWORD}");
    static final ParameterSpec<Tls> SMTP_TLS = ParameterSpec.choice("mail.smtp.tls", Tls.STARTTLS, Tls.class,
            "STARTTLS required, implicit TLS, or none (a relay on the same host only)", "tls");
    static final ParameterSpec<String> FROM = ParameterSpec.text("mail.from",
            "the sender address of every mail; required when mail.transport is smtp", "Notes <no-reply@example.com>");
    static final ParameterSpec<Duration> OUTBOX_INTERVAL = ParameterSpec.duration("mail.outbox.interval",
            Duration.ofSeconds(5), Duration.ofMillis(1), Duration.ofHours(1),
            "how often each node looks for mail due in the outbox (it also looks at once after a commit that queued one)",
            "PT30S");

    /** This record's parameters, in the order of the reference table. */
    public static final List<ParameterSpec<?>> PARAMETERS = List.of(TRANSPORT, SMTP_HOST, SMTP_PORT, SMTP_USER,
            SMTP_PASSWORD, SMTP_TLS, FROM, OUTBOX_INTERVAL);

    /** Reads the mail parameters; {@code smtp} needs a host and a sender, a password needs a user. */
    public static MailSettings from(Parameters p) {
        Transport transport = p.get(TRANSPORT);
        Optional<String> host = Optional.ofNullable(p.get(SMTP_HOST));
        Optional<String> from = Optional.ofNullable(p.get(FROM));
        Optional<String> user = Optional.ofNullable(p.get(SMTP_USER));
        Optional<String> password = Optional.ofNullable(p.get(SMTP_PASSWORD));
        if (transport == Transport.SMTP && host.isEmpty()) {
            throw new ConfigException(SMTP_HOST.name(), "mail.transport is smtp, so name the relay, e.g. smtp.example.com"
                    + " (or set mail.transport to log or none)");
        }
        if (transport == Transport.SMTP && from.isEmpty()) {
            throw new ConfigException(FROM.name(), "mail.transport is smtp, so give the sender address of every mail,"
                    + " e.g. no-reply@example.com or Notes <no-reply@example.com>");
        }
        if (password.isPresent() && user.isEmpty()) {
            throw new ConfigException(SMTP_PASSWORD.name(), "is given without mail.smtp.user; give the user too,"
                    + " or leave the password out for a relay that needs no sign-in");
        }
        return new MailSettings(transport, host, p.get(SMTP_PORT), user, password, p.get(SMTP_TLS), from,
                p.get(OUTBOX_INTERVAL));
    }

    /** The settings without the password, for a log line. */
    @Override
    public String toString() {
        return "MailSettings[transport=" + transport + ", host=" + smtpHost.orElse("-") + ", port=" + smtpPort
                + ", user=" + smtpUser.orElse("-") + ", tls=" + smtpTls + ", from=" + from.orElse("-") + "]";
    }
}
