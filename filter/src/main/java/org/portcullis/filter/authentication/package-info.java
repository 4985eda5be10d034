/**
 * Checking a credential, in one place: {@link org.portcullis.filter.authentication.SignIn} proves a
 * {@link org.portcullis.filter.authentication.Claim} with a
 * {@link org.portcullis.filter.authentication.Credential} for every action that needs it, behind the
 * defences it applies: the sign-in throttle (per account and per address, with back-off) and the
 * bounded pool that runs bcrypt off the request's thread.
 *
 * <p><b>Internal.</b>
 */
package org.portcullis.filter.authentication;
