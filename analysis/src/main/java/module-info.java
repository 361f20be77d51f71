/**
 * What a parsed message says about its journey: the Received trace path hop by hop, delivery
 * reports (RFC 3464 and the home-made bounces of real MTAs) and its authenticity (DKIM and ARC
 * signatures, Authentication-Results).
 */
module dev.mailtrace.analysis {
  requires transitive dev.mailtrace.mail;
  requires java.naming; // DnsKeys: DKIM keys from DNS, only when asked

  exports dev.mailtrace.auth;
  exports dev.mailtrace.bounce;
  exports dev.mailtrace.received;
}
