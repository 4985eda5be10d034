/**
 * The Daptin action protocol, {@code POST /action/<entity>/<name>}: the dispatcher, the request and
 * reply shapes, and the built-in actions (sign-in, sign-up, sign-out, sign-out everywhere, change
 * password, become administrator).
 *
 * <p><b>Internal.</b> Its wire format is the contract (see {@code docs/}), not these classes; they are
 * public only so that the filter's wiring can build them.
 */
package org.portcullis.filter.actions;
