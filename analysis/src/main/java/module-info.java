/**
 * What a parsed message says about its journey: the Received trace path hop by hop and delivery
 * reports (RFC 3464 and the home-made bounces of real MTAs).
 */
module dev.mailtrace.analysis {
  requires transitive dev.mailtrace.mail;

  exports dev.mailtrace.bounce;
  exports dev.mailtrace.received;
}
