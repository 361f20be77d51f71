package dev.mailtrace.auth;

import dev.mailtrace.header.DateParser;
import dev.mailtrace.received.ReceivedParser;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * When a message arrived, the time its signatures' {@code x=} and {@code t=} are judged against:
 * the date of its newest Received field, else its Date field, else now. An archive is read years
 * after any signature expired; what matters is whether it had expired on arrival. Found on first
 * use only, since most signatures have no {@code x=}.
 */
final class ReceiptTime {
  private final WireMessage m;
  private final Instant now;
  private Instant at;
  private String how;

  ReceiptTime(WireMessage m, Instant now) {
    this.m = m;
    this.now = now;
  }

  Instant instant() {
    find();
    return at;
  }

  /** True when the time is a Received date. */
  boolean isReceived() {
    find();
    return how.startsWith("its newest Received");
  }

  /** How the time was found, for a person: "its newest Received date", ... */
  String how() {
    find();
    return how;
  }

  private void find() {
    if (at != null) {
      return;
    }
    for (int f = 0; f < m.fields; f++) {
      if (m.is(f, "received")) {
        // the date after the last ';' (RFC 5322 section 3.6.7); the whole field only when that fails
        String v = m.value(f);
        int semi = v.lastIndexOf(';');
        OffsetDateTime d = semi < 0 ? null : DateParser.parse(v.substring(semi + 1));
        if (d == null) {
          d = ReceivedParser.parse(v).date();
        }
        if (d != null) {
          at = d.toInstant();
          how = "its newest Received date";
          return;
        }
        break;
      }
    }
    for (int f = 0; f < m.fields; f++) {
      if (m.is(f, "date")) {
        OffsetDateTime d = DateParser.parse(m.value(f));
        if (d != null) {
          at = d.toInstant();
          how = "its Date";
          return;
        }
        break;
      }
    }
    at = now;
    how = "now (the message has no readable Received or Date)";
  }
}
