package org.portcullis.filter.builtin;

import org.portcullis.filter.mail.OutboxSender;
import org.portcullis.filter.spi.Feature;
import org.portcullis.filter.spi.Kernel;
import org.portcullis.filter.spi.Registry;

/**
 * The background sender of the mail outbox ({@link OutboxSender}): started with the filter, stopped at its
 * destroy, looking every {@code mail.outbox.interval} and at once after a commit that queued mail. It runs
 * whatever the transport, so mail queued while a module's transport was away still goes out.
 */
public final class MailDelivery implements Feature {

    @Override
    public void register(Registry registry, Kernel kernel) {
        OutboxSender sender = new OutboxSender(kernel.mail(), kernel.mail().outbox(), kernel.clock(),
                kernel.config().mail().outboxInterval(), OutboxSender.Policy.DEFAULT);
        registry.onStart(sender::start);
        registry.onStop(sender);
    }
}
