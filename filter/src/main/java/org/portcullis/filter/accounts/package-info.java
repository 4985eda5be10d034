/**
 * Accounts: the rules of an account's life (CONTRACT §7) and of its identities.
 * {@link org.portcullis.filter.accounts.AccountLifecycle} says who moves an account between the five
 * statuses, what {@code locked} protects, who sets {@code api_access} and {@code bo_access}, deletion and
 * restoring within {@code account.deleted.retention}; {@link org.portcullis.filter.accounts.DeletedAccountErasure}
 * erases personal data after it, in the background. The {@link org.portcullis.filter.accounts.Username}
 * grammar and {@link org.portcullis.filter.accounts.Identities} keep e-mails and usernames unique and an
 * account's identity rows in step with it. Beneath the features that use it: it needs persistence,
 * web's error type and the model only.
 *
 * <p><b>Internal.</b>
 */
package org.portcullis.filter.accounts;
