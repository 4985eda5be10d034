/**
 * Accounts' identities: the {@link org.portcullis.filter.accounts.Username} grammar and the rules of
 * {@link org.portcullis.filter.accounts.Identities} that keep e-mails and usernames unique and an
 * account's identity rows in step with it.
 *
 * <p><b>Internal.</b>
 */
package org.portcullis.filter.accounts;
