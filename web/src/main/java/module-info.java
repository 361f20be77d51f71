/**
 * The workbench in the browser and the self-contained report: an HTTP server on 127.0.0.1 behind a
 * token, pages rendered from compiled templates, HTML bodies sanitised, charts drawn by Chart.js
 * served from the jar. Reads the index only through the {@code backend} seam.
 */
module dev.mailtrace.web {
  requires transitive dev.mailtrace.index;
  requires jdk.httpserver;
  requires gg.jte.runtime;
  requires org.jsoup;
  // The compiled templates carry @javax.annotation.processing.Generated (source retention).
  requires static java.compiler;

  exports dev.mailtrace.web;
  exports dev.mailtrace.web.backend;
  exports dev.mailtrace.web.lucene;

  // jte calls the compiled templates reflectively.
  opens dev.mailtrace.web.template to gg.jte.runtime;
}
