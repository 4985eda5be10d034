/**
 * The filter's configuration: its parameters, read once at {@code init} into immutable settings, with
 * start-up errors that name the parameter and the fix.
 *
 * <p>Each concern has one settings record that declares its parameters as {@link
 * org.portcullis.filter.config.ParameterSpec}s; {@link org.portcullis.filter.config.PortcullisConfig}
 * aggregates the records, and a name given that none of them declares stops the start.
 *
 * <p><b>Internal.</b> The parameters are the contract (see {@code docs/}), not these classes.
 */
package org.portcullis.filter.config;
