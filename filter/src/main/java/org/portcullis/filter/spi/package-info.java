/**
 * How a feature plugs into Portcullis: a {@link org.portcullis.filter.spi.Feature} registers its
 * actions, endpoints and background work in a {@link org.portcullis.filter.spi.Registry}, built on the
 * shared parts of the {@link org.portcullis.filter.spi.Kernel}. The built-in features register this
 * way, in an order the filter's wiring lists; a module registers the same way, found through
 * {@code java.util.ServiceLoader} in the web application's class loader, without the core naming it.
 *
 * <p><b>Public API</b> for modules: {@code Feature}, {@code Registry}, {@code Kernel}, {@code Endpoint},
 * {@code FeatureException}. The registry itself is the filter's.
 */
package org.portcullis.filter.spi;
