package org.portcullis.filter.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real SMTP server in the test JVM (GreenMail), on a loopback port chosen once, which it keeps across
 * {@link #stop} and {@link #start}: so a test can take the server down and bring it back where the filter
 * expects it.
 *
 * <pre>{@code
 * try (SmtpServer smtp = SmtpServer.started()) {
 *     Map<String, String> parameters = smtp.parameters();     // mail.transport=smtp to this server
 *     ...
 *     String code = smtp.lastCode("ada@example.com");
 * }
 * }</pre>
 */
public final class SmtpServer implements AutoCloseable {

    private static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");
    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"<>]+/auth/link/[A-Za-z0-9_-]{43}");

    private final int port;
    private GreenMail server;

    private SmtpServer(int port) {
        this.port = port;
    }

    /** A server on a free loopback port, not yet started. */
    public static SmtpServer onFreePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new SmtpServer(probe.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server on a free loopback port, started. */
    public static SmtpServer started() {
        SmtpServer smtp = onFreePort();
        smtp.start();
        return smtp;
    }

    public synchronized void start() {
        if (server == null) {
            server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
        }
    }

    /** An account at the server: a client that signs in must give this login and password. */
    public synchronized void account(String login, String password) {
        server.setUser(login + "@example.com", login, password);
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    public int port() {
        return port;
    }

    /** The filter parameters that send to this server, plain SMTP on loopback. */
    public Map<String, String> parameters() {
        return Map.of("mail.transport", "smtp", "mail.smtp.host", "127.0.0.1", "mail.smtp.port", String.valueOf(port),
                "mail.smtp.tls", "none", "mail.from", "Portcullis tests <no-reply@example.com>");
    }

    /** Every mail received since the last {@link #start}. */
    public synchronized List<MimeMessage> received() {
        return server == null ? List.of() : Arrays.asList(server.getReceivedMessages());
    }

    /** The mails to {@code address}, waiting up to 10 s for at least {@code count}. */
    public List<MimeMessage> awaitTo(String address, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<MimeMessage> to = to(address);
        while (to.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
            to = to(address);
        }
        return to;
    }

    public List<MimeMessage> to(String address) {
        return received().stream().filter(m -> recipient(m).equalsIgnoreCase(address)).toList();
    }

    /** The six digits in the last mail to {@code address}, waiting up to 10 s for one. */
    public String lastCode(String address) throws InterruptedException {
        List<MimeMessage> to = awaitTo(address, 1);
        if (to.isEmpty()) {
            throw new AssertionError("no mail to " + address + " within 10 s");
        }
        Matcher m = CODE.matcher(body(to.get(to.size() - 1)));
        if (!m.find()) {
            throw new AssertionError("no code in the mail to " + address);
        }
        return m.group(1);
    }

    public static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The link to {@code /auth/link/<token>} in the last mail to {@code address}, waiting up to 10 s for one. */
    public String lastLink(String address) throws InterruptedException {
        List<MimeMessage> to = awaitTo(address, 1);
        if (to.isEmpty()) {
            throw new AssertionError("no mail to " + address + " within 10 s");
        }
        Matcher m = LINK.matcher(body(to.get(to.size() - 1)));
        if (!m.find()) {
            throw new AssertionError("no link in the mail to " + address);
        }
        return m.group();
    }

    /**
     * The token of a mailed link ({@link #lastLink}): its 43 characters after {@code /auth/link/}.
     */
    public static String linkToken(String link) {
        int at = link.indexOf("/auth/link/");
        if (at < 0 || link.length() - at - "/auth/link/".length() != 43) {
            throw new AssertionError("no link token in " + link);
        }
        return link.substring(at + "/auth/link/".length());
    }

    /** The body as decoded text: a text-only mail's, or the text/plain part of a multipart one. */
    public static String body(MimeMessage message) {
        try {
            String text = textOf(message.getContent());
            return text != null ? text : GreenMailUtil.getBody(message);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The HTML part of a multipart mail, decoded, or null when it has none. */
    public static String html(MimeMessage message) {
        try {
            return partOf(message.getContent(), "text/html");
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String textOf(Object content) throws MessagingException, IOException {
        return content instanceof String text ? text : partOf(content, "text/plain");
    }

    private static String partOf(Object content, String type) throws MessagingException, IOException {
        if (content instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                jakarta.mail.BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType(type)) {
                    return (String) part.getContent();
                }
                String inner = partOf(part.getContent(), type);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    @Override
    public void close() {
        stop();
    }
}
