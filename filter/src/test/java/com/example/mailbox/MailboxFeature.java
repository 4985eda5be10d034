package com.example.mailbox;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.portcullis.filter.mail.Message;
import org.portcullis.filter.spi.Feature;
import org.portcullis.filter.spi.Kernel;
import org.portcullis.filter.spi.Registry;

/**
 * A mail module for tests, registered as any module is (named in {@code modules/mailbox/META-INF/services}
 * of the test resources, which only {@code Modules.webApplicationWith("mailbox")} puts on a class path): its
 * transport keeps every message, by recipient, for a test to read the code from "the mail". It takes the
 * place of the default {@code mail.transport=log}; the outbox's sender calls it after the commit.
 */
public final class MailboxFeature implements Feature {

    private static final Map<String, List<Message>> INBOXES = new ConcurrentHashMap<>();
    private static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");

    @Override
    public void register(Registry registry, Kernel kernel) {
        kernel.mail().use(message -> INBOXES.computeIfAbsent(message.to(), to -> new CopyOnWriteArrayList<>()).add(message));
    }

    /** Every message sent to {@code address}, oldest first. */
    public static List<Message> inbox(String address) {
        return List.copyOf(INBOXES.getOrDefault(address, List.of()));
    }

    /**
     * The six digits of the last message to {@code address}, waiting up to 10 s for the first: mail leaves
     * through the outbox, after the commit, on the sender's thread.
     */
    public static String lastCode(String address) {
        List<Message> messages = inbox(address);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (messages.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            messages = inbox(address);
        }
        if (messages.isEmpty()) {
            throw new AssertionError("no mail to " + address + " within 10 s");
        }
        Matcher m = CODE.matcher(messages.get(messages.size() - 1).text());
        if (!m.find()) {
            throw new AssertionError("no code in the mail to " + address);
        }
        return m.group(1);
    }
}
