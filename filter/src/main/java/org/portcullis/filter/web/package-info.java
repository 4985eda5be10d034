/**
 * HTTP plumbing every feature shares: the error a client is told about
 * ({@link org.portcullis.filter.web.ApiError}) and the one writer of it in its three wire shapes
 * ({@link org.portcullis.filter.web.ErrorReplies}), JSON, bounded request bodies, responses, the token
 * cookie, safe redirects and the sign-in and sign-up pages. It imports no other package of the filter.
 *
 * <p><b>Internal</b>, but for what a module's feature ({@code org.portcullis.filter.spi}) uses to answer:
 * {@code ApiError}, {@code ErrorReplies.Shape}, {@code Responses}, {@code Json}, {@code RequestBody}.
 */
package org.portcullis.filter.web;
