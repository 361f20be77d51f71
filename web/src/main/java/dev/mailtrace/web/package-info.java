/**
 * The workbench in the browser and the self-contained HTML report. {@link
 * dev.mailtrace.web.Workbench} serves an index on 127.0.0.1 behind a random token with the JDK's
 * HTTP server; {@link dev.mailtrace.web.Report} writes one offline HTML file for a query.
 *
 * <p>Pages are server-rendered from compiled jte templates (jte escapes by context); JavaScript
 * only draws charts (Chart.js, served from the jar) and adds comfort; every view is a plain
 * link or GET form with its own address. Every response carries a Content-Security-Policy that
 * forbids remote loads. This package does not read the index itself: views go through {@code
 * dev.mailtrace.web.backend}.
 */
package dev.mailtrace.web;
