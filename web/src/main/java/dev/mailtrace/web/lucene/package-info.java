/**
 * The workbench's back end over a Lucene index folder: {@link dev.mailtrace.web.lucene.LuceneBackend}
 * answers the {@link dev.mailtrace.web.backend.SearchBackend} seam with the index module's searcher
 * and exporter, reopening on each new commit. It adds no query semantics of its own.
 */
package dev.mailtrace.web.lucene;
