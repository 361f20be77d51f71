/**
 * Reading mail archives and understanding messages: archive readers, the message model, the RFC 5322
 * / MIME parser, header field grammars, Received trace paths and delivery reports.
 */
module dev.mailtrace.parser {
  exports dev.mailtrace.archive;
  exports dev.mailtrace.bounce;
  exports dev.mailtrace.header;
  exports dev.mailtrace.json;
  exports dev.mailtrace.message;
  exports dev.mailtrace.mime;
  exports dev.mailtrace.received;
}
