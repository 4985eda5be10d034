/**
 * Mail to users: the {@link org.portcullis.filter.mail.Mail} every feature sends through, the
 * {@link org.portcullis.filter.mail.MailTransport} a module registers on it, and the
 * {@link org.portcullis.filter.mail.Message}. No transport ships yet (the onboarding issue brings SMTP,
 * the log transport and the outbox behind the same interface).
 *
 * <p><b>Public API</b> for modules: {@code MailTransport} and {@code Message}; {@code Mail} through
 * {@code Kernel.mail()}.
 */
package org.portcullis.filter.mail;
