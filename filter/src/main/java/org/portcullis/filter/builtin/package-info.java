/**
 * The features that come with Portcullis, each registering through {@link org.portcullis.filter.spi}
 * as a module would: the account and session actions, the management API, the sign-in pages. The
 * filter's wiring lists them, in order, before any module.
 *
 * <p><b>Internal.</b> The URLs are the contract; these classes are public only for the wiring.
 */
package org.portcullis.filter.builtin;
