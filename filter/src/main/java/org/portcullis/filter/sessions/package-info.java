/**
 * Refresh tokens (CONTRACT §8): opaque, in families, rotated on every use, with a grace window for racing
 * tabs and reuse detection that ends the family and the access tokens it issued.
 */
package org.portcullis.filter.sessions;
