/**
 * The Daptin action protocol, {@code POST /action/<entity>/<name>}: the dispatcher, the request and
 * reply shapes, and the built-in actions (sign-in, sign-up, sign-out, sign-out everywhere, change
 * password, become administrator).
 *
 * <p><b>Internal.</b> Its wire format is the contract (see {@code docs/}), not these classes; the
 * built-in actions are public only so that their feature ({@code builtin.AccountActions}) can build
 * them. A module's feature ({@code org.portcullis.filter.spi}) writes its own actions on {@code Action},
 * {@code ActionRequest}, {@code Attributes} and {@code Reply}.
 */
package org.portcullis.filter.actions;
