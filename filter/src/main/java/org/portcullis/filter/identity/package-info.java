/**
 * Who a request is: the presented token, its verification and caches, the request wrapper that
 * answers {@code getUserPrincipal()} and {@code isUserInRole}, issuing tokens, and passwords.
 *
 * <p><b>Public API:</b> {@link org.portcullis.filter.identity.PortcullisPrincipal} (from
 * {@code request.getUserPrincipal()} or {@code Portcullis.currentUser(request)}),
 * {@link org.portcullis.filter.identity.Identity} (from {@code Portcullis.identity(request)}) and its
 * {@link org.portcullis.filter.identity.AuthType}. Everything else here is internal.
 */
package org.portcullis.filter.identity;
