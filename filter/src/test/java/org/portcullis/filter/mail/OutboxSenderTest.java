package org.portcullis.filter.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.portcullis.filter.config.MailSettings;
import org.portcullis.filter.config.ParameterSource;
import org.portcullis.filter.config.PortcullisConfig;
import org.portcullis.filter.persistence.Change;
import org.portcullis.filter.persistence.Database;
import org.portcullis.filter.persistence.TestCaches;
import org.portcullis.filter.testing.LogCapture;
import org.portcullis.filter.testing.SmtpServer;
import org.portcullis.filter.testing.TestClock;
import org.portcullis.model.OutboxMail;
import org.portcullis.model.TestDatabase;

/**
 * The outbox and its sender on a real database and a real SMTP server (GreenMail on loopback), on a clock
 * the test moves: mail goes out after the commit and its row goes with it; SMTP down means retries with
 * back-off, then one delivery; two nodes racing over one outbox deliver each mail once; a rollback queues
 * nothing; the log names no code.
 */
@Tag("database")
class OutboxSenderTest {

    private static final Instant START = Instant.parse("2026-12-04T12:00:00Z");
    private static final OutboxSender.Policy FAST = new OutboxSender.Policy(10, Duration.ofMinutes(2),
            Duration.ofSeconds(30), Duration.ofHours(1), 3);

    private final TestDatabase db = TestDatabase.fresh();
    private final TestClock clock = new TestClock(START);
    private final SmtpServer smtp = SmtpServer.onFreePort();
    private TestCaches.TwoNodes nodes;

    @BeforeEach
    void start() {
        nodes = TestCaches.TwoNodes.on(db, Set.of());
    }

    @AfterEach
    void stop() throws Exception {
        smtp.stop();
        nodes.close();
    }

    private MailSettings smtpSettings() {
        return PortcullisConfig.from(ParameterSource.of(smtp.parameters()), "app").mail();
    }

    private Mail mailOn(Database database) {
        return Mail.configured(smtpSettings(), new Outbox(database, clock));
    }

    private static void enqueue(Database database, Mail mail, Message message) {
        database.inTransaction(Change.nothing(), em -> {
            mail.enqueue(em, message);
            return null;
        });
    }

    private static Message code(String to, String code) {
        return new Message(to, "add_email", "Your verification code", "Your code is " + code + ".");
    }

    private List<Map<String, Object>> rows() throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select * from " + db.prefix() + "mail_outbox")) {
            while (r.next()) {
                Map<String, Object> row = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                    row.put(r.getMetaData().getColumnLabel(i), r.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void senderWhenSmtpIsUpThenTheMailArrivesWithRecipientSubjectAndTextAndNoRowKeepsTheCode() throws Exception {
        smtp.start();
        Database database = nodes.here();
        Mail mail = mailOn(database);
        enqueue(database, mail, code("ada@example.org", "424242"));
        assertEquals(1, rows().size(), "queued, not sent inside the transaction");
        assertEquals(0, smtp.received().size());

        OutboxSender.Run run = new OutboxSender(mail, mail.outbox(), clock, Duration.ofHours(1), FAST).runOnce();

        assertEquals(new OutboxSender.Run(1, 0, 0), run);
        List<MimeMessage> received = smtp.received();
        assertEquals(1, received.size());
        assertEquals("ada@example.org", SmtpServer.recipient(received.get(0)));
        assertEquals("Your verification code", received.get(0).getSubject());
        assertEquals("Your code is 424242.", SmtpServer.body(received.get(0)).strip());
        assertEquals("no-reply@example.com", ((jakarta.mail.internet.InternetAddress) received.get(0).getFrom()[0])
                .getAddress());
        assertEquals(List.of(), rows(), "the row, and the code with it, is gone once sent");
    }

    @Test
    void senderWhenTheMailHasAnHtmlPartThenBothPartsArrive() throws Exception {
        smtp.start();
        Database database = nodes.here();
        Mail mail = mailOn(database);
        enqueue(database, mail, new Message("ada@example.org", "add_email", "Código", "Code 111222 — ok",
                "<p>Code <b>111222</b> — ok</p>"));

        new OutboxSender(mail, mail.outbox(), clock, Duration.ofHours(1), FAST).runOnce();

        MimeMessage received = smtp.received().get(0);
        assertEquals("Código", received.getSubject());
        assertTrue(received.getContentType().startsWith("multipart/alternative"), received.getContentType());
        jakarta.mail.Multipart parts = (jakarta.mail.Multipart) received.getContent();
        assertEquals(2, parts.getCount());
        assertEquals("Code 111222 — ok", String.valueOf(parts.getBodyPart(0).getContent()).strip());
        assertEquals("<p>Code <b>111222</b> — ok</p>", String.valueOf(parts.getBodyPart(1).getContent()).strip());
    }

    @Test
    void senderWhenSmtpIsDownThenRetriesWithBackOffAndDeliversOnceWhenItIsBack() throws Exception {
        Database database = nodes.here();
        Mail mail = mailOn(database);
        OutboxSender sender = new OutboxSender(mail, mail.outbox(), clock, Duration.ofHours(1), FAST);
        enqueue(database, mail, code("ada@example.org", "135790"));

        assertEquals(new OutboxSender.Run(0, 1, 0), sender.runOnce(), "connection refused");
        Map<String, Object> row = rows().get(0);
        assertEquals(1, ((Number) row.get("attempts")).intValue());
        assertEquals(START.plusSeconds(30).toEpochMilli(), ((Number) row.get("next_attempt_at")).longValue());
        assertTrue(String.valueOf(row.get("last_error")).startsWith("java.net."), String.valueOf(row.get("last_error")));
        assertEquals(null, row.get("claimed_by"), "the lease is given back");
        assertEquals(new OutboxSender.Run(0, 0, 0), sender.runOnce(), "not due before the back-off");

        smtp.start();
        clock.advance(Duration.ofSeconds(29));
        assertEquals(new OutboxSender.Run(0, 0, 0), sender.runOnce(), "still backing off");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(new OutboxSender.Run(1, 0, 0), sender.runOnce());
        clock.advance(Duration.ofHours(2));
        assertEquals(new OutboxSender.Run(0, 0, 0), sender.runOnce());

        assertEquals(1, smtp.received().size(), "sent once");
        assertTrue(SmtpServer.body(smtp.received().get(0)).contains("135790"));
        assertEquals(List.of(), rows());
    }

    @Test
    void senderWhenAttemptsRunOutThenGivesUpDeletesTheRowAndLogsTheDomainButNotTheAddressOrCode() throws Exception {
        Database database = nodes.here();
        Mail mail = mailOn(database);
        OutboxSender sender = new OutboxSender(mail, mail.outbox(), clock, Duration.ofHours(1), FAST);
        enqueue(database, mail, code("grace@example.net", "864209"));

        try (LogCapture log = LogCapture.under("org.portcullis")) {
            assertEquals(new OutboxSender.Run(0, 1, 0), sender.runOnce());
            clock.advance(Duration.ofSeconds(30));
            assertEquals(new OutboxSender.Run(0, 1, 0), sender.runOnce());
            clock.advance(Duration.ofSeconds(59));
            assertEquals(new OutboxSender.Run(0, 0, 0), sender.runOnce(), "the second wait is twice the first");
            clock.advance(Duration.ofSeconds(1));
            assertEquals(new OutboxSender.Run(0, 0, 1), sender.runOnce(), "the third failure is the last");

            assertEquals(List.of(), rows());
            String gaveUp = log.messages().stream().filter(m -> m.contains("gave up")).findFirst().orElseThrow();
            assertTrue(gaveUp.contains("add_email") && gaveUp.contains("example.net"), gaveUp);
            for (String line : log.messages()) {
                assertFalse(line.contains("grace@") || line.contains("864209") || line.contains("Your code"), line);
            }
        }
    }

    @Test
    void sendersWhenTwoNodesRaceOverFiftyQueuedMailsThenEachArrivesExactlyOnce() throws Exception {
        smtp.start();
        Mail here = mailOn(nodes.here());
        Mail elsewhere = mailOn(nodes.elsewhere());
        for (int i = 0; i < 50; i++) {
            enqueue(nodes.here(), here, code("user" + i + "@example.org", String.format("%06d", i)));
        }
        List<OutboxSender> senders = List.of(
                new OutboxSender(here, here.outbox(), clock, Duration.ofHours(1), FAST),
                new OutboxSender(here, here.outbox(), clock, Duration.ofHours(1), FAST),
                new OutboxSender(elsewhere, elsewhere.outbox(), clock, Duration.ofHours(1), FAST),
                new OutboxSender(elsewhere, elsewhere.outbox(), clock, Duration.ofHours(1), FAST));
        ExecutorService pool = Executors.newFixedThreadPool(senders.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<OutboxSender.Run>> runs = new ArrayList<>();
        try {
            for (OutboxSender sender : senders) {
                runs.add(pool.submit(() -> {
                    go.await();
                    return sender.runOnce();
                }));
            }
            go.countDown();
            int sent = 0;
            for (Future<OutboxSender.Run> run : runs) {
                OutboxSender.Run done = run.get(60, TimeUnit.SECONDS);
                assertEquals(0, done.failed() + done.abandoned(), done.toString());
                sent += done.sent();
            }
            assertEquals(50, sent, "each mail counted by exactly one sender");
        } finally {
            pool.shutdownNow();
        }

        assertEquals(50, smtp.received().size());
        for (int i = 0; i < 50; i++) {
            List<MimeMessage> to = smtp.to("user" + i + "@example.org");
            assertEquals(1, to.size(), "user" + i);
            assertTrue(SmtpServer.body(to.get(0)).contains(String.format("%06d", i)));
        }
        assertEquals(List.of(), rows());
    }

    @Test
    void enqueueWhenTheTransactionRollsBackThenNothingIsQueuedOrSent() throws Exception {
        smtp.start();
        Database database = nodes.here();
        Mail mail = mailOn(database);

        assertThrows(IllegalStateException.class, () -> database.inTransaction(Change.nothing(), em -> {
            mail.enqueue(em, code("ada@example.org", "999000"));
            throw new IllegalStateException("the change fails after the mail was queued");
        }));
        new OutboxSender(mail, mail.outbox(), clock, Duration.ofHours(1), FAST).runOnce();

        assertEquals(List.of(), rows());
        assertEquals(List.of(), smtp.received());
    }

    @Test
    void senderWhenStartedThenACommitThatQueuedMailWakesItBeforeTheInterval() throws Exception {
        smtp.start();
        Database database = nodes.here();
        Mail mail = mailOn(database);
        try (OutboxSender sender = new OutboxSender(mail, mail.outbox(), clock, Duration.ofHours(1), FAST)) {
            sender.start();
            enqueue(database, mail, code("ada@example.org", "246802"));

            assertEquals(1, smtp.awaitTo("ada@example.org", 1).size(), "sent long before the hour's interval");
        }
    }

    @Test
    void enqueueWhenTheTextIsLongerThanTheOutboxTakesThenRefusedAndNothingQueued() throws Exception {
        Database database = nodes.here();
        Mail mail = mailOn(database);
        Message tooLong = new Message("ada@example.org", "add_email", "s", "x".repeat(OutboxMail.MAX_TEXT + 1));

        assertThrows(IllegalArgumentException.class, () -> enqueue(database, mail, tooLong));
        assertEquals(List.of(), rows());
    }

    @Test
    void smtpWhenStarttlsIsRequiredAndTheRelayOffersNoneThenTheMailIsNotSentInClear() throws Exception {
        smtp.start();
        Map<String, String> parameters = new java.util.HashMap<>(smtp.parameters());
        parameters.put("mail.smtp.tls", "starttls");
        MailSettings settings = PortcullisConfig.from(ParameterSource.of(parameters), "app").mail();
        Mail mail = Mail.configured(settings, new Outbox(nodes.here(), clock));
        enqueue(nodes.here(), mail, code("ada@example.org", "112233"));

        assertEquals(new OutboxSender.Run(0, 1, 0),
                new OutboxSender(mail, mail.outbox(), clock, Duration.ofHours(1), FAST).runOnce());
        assertEquals(List.of(), smtp.received());
    }

    @Test
    void smtpWhenAUserIsGivenThenItSignsInAndAWrongPasswordIsAFailedSendThatLogsNoPassword() throws Exception {
        smtp.start();
        smtp.account("notes", "right-password-1");
        Map<String, String> parameters = new java.util.HashMap<>(smtp.parameters());
        parameters.put("mail.smtp.user", "notes");
        parameters.put("mail.smtp.password", "wrong-password-2");
        try (LogCapture log = LogCapture.under("org.portcullis")) {
            Mail wrong = Mail.configured(PortcullisConfig.from(ParameterSource.of(parameters), "app").mail(),
                    new Outbox(nodes.here(), clock));
            enqueue(nodes.here(), wrong, code("ada@example.org", "121212"));
            assertEquals(new OutboxSender.Run(0, 1, 0),
                    new OutboxSender(wrong, wrong.outbox(), clock, Duration.ofHours(1), FAST).runOnce());
            assertEquals(List.of(), smtp.received());

            parameters.put("mail.smtp.password", "right-password-1");
            Mail right = Mail.configured(PortcullisConfig.from(ParameterSource.of(parameters), "app").mail(),
                    new Outbox(nodes.here(), clock));
            clock.advance(Duration.ofSeconds(30));
            assertEquals(new OutboxSender.Run(1, 0, 0),
                    new OutboxSender(right, right.outbox(), clock, Duration.ofHours(1), FAST).runOnce());
            assertEquals(1, smtp.received().size());
            for (String line : log.messages()) {
                assertFalse(line.contains("password-") || line.contains("121212"), line);
            }
        }
    }

    @Test
    void logTransportWhenSendingThenLogsRecipientAndTemplateButNoCodeOrText() throws Exception {
        Database database = nodes.here();
        MailSettings settings = PortcullisConfig.from(ParameterSource.of(Map.of()), "app").mail();
        Mail mail = Mail.configured(settings, new Outbox(database, clock));
        enqueue(database, mail, code("ada@example.org", "357913"));

        try (LogCapture log = LogCapture.under("org.portcullis")) {
            assertEquals(new OutboxSender.Run(1, 0, 0),
                    new OutboxSender(mail, mail.outbox(), clock, Duration.ofHours(1), FAST).runOnce());

            assertTrue(log.messages().stream().anyMatch(m -> m.contains("add_email") && m.contains("ada@example.org")),
                    log.messages().toString());
            for (String line : log.messages()) {
                assertFalse(line.contains("357913") || line.contains("Your code"), line);
            }
        }
        assertEquals(List.of(), rows());
    }
}
