/**
 * Proving an e-mail and recovering an account (CONTRACT §8): the mails a sign-up with
 * {@code signup.verification}, a resend and a forgotten password send, with their codes and links from
 * the one code store ({@code codes}), through the outbox ({@code mail}). The actions that use them are in
 * {@code actions}.
 */
package org.portcullis.filter.onboarding;
