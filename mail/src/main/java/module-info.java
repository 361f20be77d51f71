/**
 * Reading mail archives and parsing messages: archive readers with provenance, the message model,
 * the RFC 5322 / MIME parser and the header field grammars. What a message says about its journey
 * (trace paths, delivery reports) is the analysis module's.
 */
module dev.mailtrace.mail {
  exports dev.mailtrace.archive;
  exports dev.mailtrace.header;
  exports dev.mailtrace.json;
  exports dev.mailtrace.message;
  exports dev.mailtrace.mime;
}
