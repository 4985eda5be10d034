/**
 * The JSON:API management resources under Portcullis' own URLs: accounts, groups, {@code world}
 * rows and instance permissions.
 *
 * <p><b>Internal.</b> The HTTP resources are the contract; these classes are public only for their
 * feature ({@code builtin.ManagementApi}). Host Java code uses {@code Portcullis} instead.
 */
package org.portcullis.filter.management;
