package org.portcullis.filter.mail;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.URLName;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;
import java.util.logging.Logger;
import org.eclipse.angus.mail.smtp.SMTPSSLTransport;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.portcullis.filter.config.ConfigException;
import org.portcullis.filter.config.MailSettings;

/**
 * {@code mail.transport=smtp}: Jakarta Mail (Eclipse Angus) to {@code mail.smtp.host}, one connection per
 * mail. {@code mail.smtp.tls=starttls} requires the relay to offer STARTTLS (a relay that does not is a
 * failed send, never a mail in clear), {@code tls} speaks TLS from the first byte, and both check the
 * relay's certificate and host name. Connecting, reading and writing each give up after {@link #TIMEOUT}
 * (Jakarta Mail's own default is to wait for ever). It signs in when {@code mail.smtp.user} is set.
 *
 * <p>The SMTP classes are made directly rather than looked up by protocol name, and the body is handed
 * over as bytes with its type: so neither the provider list nor the MIME handler list of Jakarta Mail is
 * needed, which the relocated copy inside Portcullis' jar could not find under their original names.
 *
 * <pre>{@code
 * MailTransport smtp = SmtpTransport.from(config.mail());   // ConfigException naming mail.from if it is no address
 * smtp.send(new Message("ada@example.com", "add_email", "Your code", "Your code is 123456."));
 * }</pre>
 */
public final class SmtpTransport implements MailTransport {

    /** How long connecting, each read and each write may take. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = Logger.getLogger(SmtpTransport.class.getName());

    private final MailSettings settings;
    private final InternetAddress from;
    private final Session session;

    private SmtpTransport(MailSettings settings, InternetAddress from, Session session) {
        this.settings = settings;
        this.from = from;
        this.session = session;
    }

    /**
     * The transport {@code settings} describe.
     *
     * @throws ConfigException naming {@code mail.from} when it is not one address
     */
    public static SmtpTransport from(MailSettings settings) {
        InternetAddress from = address(settings.from().orElseThrow(() -> new ConfigException("mail.from",
                "mail.transport is smtp, so give the sender address of every mail")));
        if (settings.smtpTls() == MailSettings.Tls.NONE && settings.smtpUser().isPresent()) {
            LOG.warning("Portcullis signs in to " + settings.smtpHost().orElse("?") + " without TLS (mail.smtp.tls=none):"
                    + " the password crosses the network in clear; use starttls or tls unless the relay is on this host");
        }
        return new SmtpTransport(settings, from, Session.getInstance(properties(settings)));
    }

    private static InternetAddress address(String from) {
        try {
            InternetAddress[] parsed = InternetAddress.parse(from, true);
            if (parsed.length != 1) {
                throw new AddressException("not one address");
            }
            parsed[0].validate();
            return parsed[0];
        } catch (AddressException e) {
            throw new ConfigException("mail.from", "'" + from + "' is not one e-mail address; write it as"
                    + " no-reply@example.com or Notes <no-reply@example.com>");
        }
    }

    private static Properties properties(MailSettings settings) {
        boolean implicitTls = settings.smtpTls() == MailSettings.Tls.TLS;
        String p = implicitTls ? "mail.smtps." : "mail.smtp.";
        Properties props = new Properties();
        props.setProperty(p + "host", settings.smtpHost().orElseThrow());
        props.setProperty(p + "port", String.valueOf(settings.smtpPort()));
        String millis = String.valueOf(TIMEOUT.toMillis());
        props.setProperty(p + "connectiontimeout", millis);
        props.setProperty(p + "timeout", millis);
        props.setProperty(p + "writetimeout", millis);
        props.setProperty(p + "auth", String.valueOf(settings.smtpUser().isPresent()));
        if (settings.smtpTls() == MailSettings.Tls.STARTTLS) {
            props.setProperty(p + "starttls.enable", "true");
            props.setProperty(p + "starttls.required", "true");
        }
        if (settings.smtpTls() != MailSettings.Tls.NONE) {
            props.setProperty(p + "ssl.checkserveridentity", "true");
        }
        return props;
    }

    /** @throws MailDeliveryException when the relay cannot be reached or refuses the mail */
    @Override
    public void send(Message message) {
        try {
            MimeMessage mime = mime(message);
            try (Transport transport = open()) {
                transport.connect(settings.smtpHost().orElseThrow(), settings.smtpPort(), settings.smtpUser().orElse(null),
                        settings.smtpPassword().orElse(null));
                transport.sendMessage(mime, mime.getAllRecipients());
            }
        } catch (MessagingException | IOException e) {
            throw new MailDeliveryException(e);
        }
    }

    private Transport open() {
        URLName url = new URLName(settings.smtpTls() == MailSettings.Tls.TLS ? "smtps" : "smtp",
                settings.smtpHost().orElseThrow(), settings.smtpPort(), null, null, null);
        return settings.smtpTls() == MailSettings.Tls.TLS ? new SMTPSSLTransport(session, url) : new SMTPTransport(session, url);
    }

    private MimeMessage mime(Message message) throws MessagingException, IOException {
        MimeMessage mime = new MimeMessage(session);
        mime.setFrom(from);
        mime.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(message.to(), true));
        mime.setSubject(message.subject(), StandardCharsets.UTF_8.name());
        mime.setSentDate(new Date());
        if (message.html() == null) {
            mime.setDataHandler(part(message.text(), "text/plain"));
        } else {
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(bodyPart(message.text(), "text/plain"));
            alternative.addBodyPart(bodyPart(message.html(), "text/html"));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            alternative.writeTo(bytes);
            mime.setDataHandler(new DataHandler(new ByteArrayDataSource(bytes.toByteArray(), alternative.getContentType())));
        }
        mime.saveChanges();
        return mime;
    }

    private static MimeBodyPart bodyPart(String content, String type) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(part(content, type));
        part.setHeader("Content-Type", type + "; charset=UTF-8");
        part.setHeader("Content-Transfer-Encoding", "quoted-printable");
        return part;
    }

    private static DataHandler part(String content, String type) {
        return new DataHandler(new ByteArrayDataSource(content.getBytes(StandardCharsets.UTF_8), type + "; charset=UTF-8"));
    }

    @Override
    public String toString() {
        return "the SMTP transport to " + settings.smtpHost().orElse("?") + ":" + settings.smtpPort() + " ("
                + settings.smtpTls().name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
