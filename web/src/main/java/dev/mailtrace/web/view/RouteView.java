package dev.mailtrace.web.view;

import dev.mailtrace.message.Message;
import dev.mailtrace.received.Anomaly;
import dev.mailtrace.received.Hop;
import dev.mailtrace.received.HopChain;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The route page: a message's Received hops in travel order, drawn as a path from the sender to the
 * last receiving host, with each hop's hosts, address, protocol, TLS, date, delay and share of the
 * whole, and the anomalies marked on the hops they concern.
 *
 * @param sha256 the message's SHA-256
 * @param subject its subject
 * @param messageHref its page
 * @param hops the hops, oldest first
 * @param total the end-to-end delay, or empty
 * @param anomalies every anomaly, one line each
 */
public record RouteView(String sha256, String subject, String messageHref, List<HopRow> hops, String total, List<String> anomalies) {

  /**
   * One hop.
   *
   * @param number its place in travel order, from 1
   * @param from the sending host as the receiver names it
   * @param helo the HELO/EHLO name, when it differs from {@code from}
   * @param reverseDns the reverse DNS name the receiver looked up
   * @param ip the sending address
   * @param by the receiving host
   * @param protocol the protocol (ESMTPS, LMTP, ...)
   * @param tls the TLS version and cipher, or empty
   * @param date the date the receiver wrote
   * @param delay the delay since the previous dated hop, or empty
   * @param share the delay's share of the whole as a percentage, 0 to 100
   * @param relay whether it is a relay between hosts (not a local hand-off)
   * @param anomalies what is odd about it, one line each
   * @param raw the field as written
   */
  public record HopRow(
      int number,
      String from,
      String helo,
      String reverseDns,
      String ip,
      String by,
      String protocol,
      String tls,
      String date,
      String delay,
      int share,
      boolean relay,
      List<String> anomalies,
      String raw) {

    /** Whether anything is odd about this hop. */
    public boolean isAnomalous() {
      return !anomalies.isEmpty();
    }
  }

  /** The route of an opened message. */
  public static RouteView of(OpenedMessage opened) {
    Message m = opened.message();
    String subject = m == null || m.subject() == null ? "(no subject)" : m.subject();
    if (m == null) {
      return new RouteView(opened.sha256(), subject, Urls.message(opened.sha256()), List.of(), "", List.of());
    }
    HopChain chain = HopChain.of(m);
    List<HopRow> rows = new ArrayList<>();
    for (int i = 0; i < chain.hops().size(); i++) {
      Hop h = chain.hops().get(i);
      List<String> odd = new ArrayList<>();
      for (Anomaly a : chain.findings()) {
        if (a.hop() == i + 1) {
          odd.add(a.kind().label() + ": " + a.detail());
        }
      }
      Duration delay = chain.delays().get(i);
      String tls = h.tlsVersion() == null ? (h.tlsCipher() == null ? "" : h.tlsCipher())
          : h.tlsVersion() + (h.tlsCipher() == null ? "" : " " + h.tlsCipher());
      String helo = h.helo() != null && !h.helo().equalsIgnoreCase(nz(h.from())) ? h.helo() : "";
      rows.add(new HopRow(i + 1, nz(h.from()), helo, nz(h.reverseDns()), nz(h.ip()), nz(h.by()),
          h.with() != null ? h.with() : nz(h.withText()), tls, Display.date(h.date()), Display.duration(delay),
          (int) Math.round(chain.shares().get(i)), h.isRelay(), odd, h.raw()));
    }
    return new RouteView(opened.sha256(), subject, Urls.message(opened.sha256()), rows, Display.duration(chain.total()),
        chain.anomalies());
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
