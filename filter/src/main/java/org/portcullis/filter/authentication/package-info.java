/**
 * Defences around checking a credential: the sign-in throttle (per account and per address, with
 * back-off) and the bounded pool that runs bcrypt off the request's thread.
 *
 * <p><b>Internal.</b>
 */
package org.portcullis.filter.authentication;
