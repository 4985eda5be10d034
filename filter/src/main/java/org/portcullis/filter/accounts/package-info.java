/**
 * The rules of an account's life (CONTRACT §7): who moves an account between the five statuses, what
 * {@code locked} protects, who sets {@code api_access} and {@code bo_access}, deletion, restoring
 * within {@code account.deleted.retention}, and the background erasure of personal data after it.
 * {@link org.portcullis.filter.accounts.AccountLifecycle} holds the rules for every caller (the
 * management API, the {@code delete_account} action); {@link org.portcullis.filter.accounts.DeletedAccountErasure}
 * is the background job. Beneath the features that use it: it needs persistence, web's error type and
 * the model only.
 */
package org.portcullis.filter.accounts;
