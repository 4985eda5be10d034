/**
 * From a request path to a route: the canonical path, the route table and its patterns, id grammars,
 * and the memo of recent paths. It imports no other package of the filter.
 *
 * <p><b>Internal.</b> The {@code resources} grammar is the contract (see {@code docs/}).
 */
package org.portcullis.filter.routing;
