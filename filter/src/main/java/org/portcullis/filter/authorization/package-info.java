/**
 * Deciding and enforcing what a request may do: the guard around the host servlet (before and after
 * checks, buffered replies, checked listings), and the permission engine hosts call.
 *
 * <p><b>Public API:</b> {@link org.portcullis.filter.authorization.PermissionEngine} (from
 * {@code Portcullis.permissions(request)}), the {@link org.portcullis.filter.authorization.ReadableFilter}
 * it returns, and {@link org.portcullis.filter.authorization.PermissionDeniedException}, e.g.
 * {@code permissions.share(me, "note", "43", "reviewers", Permission.parse("group:pr"))}. Everything
 * else here is internal. The rule itself and its value types live in
 * {@link org.portcullis.filter.permission}.
 */
package org.portcullis.filter.authorization;
