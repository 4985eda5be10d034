/**
 * Refusals before any routing or permission check: raw URI spellings, guarded paths, method
 * overrides and cross-site requests.
 *
 * <p><b>Internal.</b>
 */
package org.portcullis.filter.firewall;
