/**
 * Refusals before any routing or permission check: raw URI spellings, guarded paths, method
 * overrides and cross-site requests (the CSRF policy decides here; the filter only acts on its verdict).
 *
 * <p><b>Internal.</b>
 */
package org.portcullis.filter.firewall;
