/**
 * The filter and the host's Java API, on top of every other package: a request goes identify →
 * firewall → route → check before → host servlet → check after → respond, each step one call into
 * the package that does that job.
 *
 * <p><b>Public API:</b> {@link org.portcullis.filter.PortcullisFilter} (named in {@code web.xml}) and
 * {@link org.portcullis.filter.Portcullis}, e.g.
 * {@code Portcullis.may(request, "note", "42", Permission.Action.UPDATE)}. The wiring
 * ({@code Assembly}), the registry the features register in ({@code FeatureRegistry}) and the dispatch
 * of Portcullis' own URLs ({@code Endpoints}) are internal. No other package of the filter imports this
 * one.
 */
package org.portcullis.filter;
