/**
 * HTTP plumbing every feature shares: the error a client is told about
 * ({@link org.portcullis.filter.web.ApiError}), JSON, bounded request bodies, responses, the token
 * cookie, safe redirects and the sign-in and sign-up pages. It imports no other package of the filter.
 *
 * <p><b>Internal.</b>
 */
package org.portcullis.filter.web;
