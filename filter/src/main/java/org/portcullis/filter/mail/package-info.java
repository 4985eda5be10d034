/**
 * Mail to users, through an outbox: a feature {@linkplain org.portcullis.filter.mail.Mail#enqueue queues} a
 * {@link org.portcullis.filter.mail.Message} in its own transaction ({@link org.portcullis.filter.mail.Outbox},
 * table {@code mail_outbox}), and the {@link org.portcullis.filter.mail.OutboxSender} hands it, after the
 * commit, to the {@link org.portcullis.filter.mail.MailTransport} {@code mail.transport} chose
 * ({@link org.portcullis.filter.mail.LogTransport}, {@link org.portcullis.filter.mail.SmtpTransport}) or a
 * module registered; retried with back-off, given up after a few hours, never sent twice by two nodes,
 * deleted once sent.
 *
 * <p><b>Public API</b> for modules: {@code MailTransport} and {@code Message}; {@code Mail} through
 * {@code Kernel.mail()}.
 */
package org.portcullis.filter.mail;
