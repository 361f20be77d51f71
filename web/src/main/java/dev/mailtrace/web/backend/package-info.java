/**
 * The seam between the workbench and an index: {@link dev.mailtrace.web.backend.SearchBackend} and
 * the values it returns, free of any engine's types.
 *
 * <p>Views ask it for result pages, counts by {@link dev.mailtrace.web.backend.Dimension}, the stored
 * copies of a message, threads and exports, with queries written in the query language ({@link
 * dev.mailtrace.web.backend.QueryText} composes them). The Lucene index answers through {@code
 * dev.mailtrace.web.lucene}; a SolrCloud back end implements the same interface. Reading and
 * verifying message bytes is not a back end's job: the views read them from their sources.
 */
package dev.mailtrace.web.backend;
