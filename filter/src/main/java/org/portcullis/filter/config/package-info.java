/**
 * The filter's configuration: its parameters, read once at {@code init} into immutable settings, with
 * start-up errors that name the parameter and the fix.
 *
 * <p><b>Internal.</b> The parameters are the contract (see {@code docs/}), not these classes.
 */
package org.portcullis.filter.config;
