/**
 * The decision rule and its value types: {@link org.portcullis.filter.permission.Permission} (a
 * 21-bit mask, its {@code Tier}s and {@code Action}s), {@link org.portcullis.filter.permission.AccessRule},
 * and what the rule reads ({@link org.portcullis.filter.permission.Subject},
 * {@link org.portcullis.filter.permission.AccessRow}, {@link org.portcullis.filter.permission.EntityRow}).
 *
 * <p>It depends on nothing of Portcullis, so that persistence, authorization and the management API
 * can all share it without depending on one another (a test keeps it so).
 *
 * <p><b>Public API:</b> {@link org.portcullis.filter.permission.Permission} with its nested
 * {@code Action} and {@code Tier}, e.g. {@code Portcullis.may(request, "note", "42", Permission.Action.UPDATE)}
 * or {@code Permission.parse("group:pr")}. The others are internal.
 */
package org.portcullis.filter.permission;
