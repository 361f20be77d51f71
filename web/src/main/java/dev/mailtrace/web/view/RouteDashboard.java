package dev.mailtrace.web.view;

import dev.mailtrace.received.Anomaly;
import dev.mailtrace.web.backend.Dimension;
import dev.mailtrace.web.backend.QueryText;
import dev.mailtrace.web.backend.SearchBackend;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The route dashboard of a query: how many hops its messages took, how long they travelled end to
 * end, the relays they passed, how many crossed a hop without TLS, and the anomalies by kind. Every
 * figure is a count in the index, each linked to its messages.
 *
 * @param query the query
 * @param messages how many messages match
 * @param hops messages by number of hops
 * @param delays messages by end-to-end delay
 * @param relays messages by relay host
 * @param tls messages by whether every hop used TLS
 * @param anomalies messages by anomaly kind
 * @param hopChart the hop-count chart
 * @param delayChart the delay chart
 * @param relayChart the relays chart
 * @param tlsChart the TLS chart
 */
public record RouteDashboard(
    String query,
    String messages,
    Tally hops,
    Tally delays,
    Tally relays,
    Tally tls,
    Tally anomalies,
    Chart hopChart,
    Chart delayChart,
    Chart relayChart,
    Chart tlsChart) {

  /** Hop counts listed one by one; more are summed. */
  static final int MAX_HOPS = 8;
  /** End-to-end delay classes: label and the {@code delay:} value selecting it. */
  static final List<String[]> DELAYS = List.of(
      new String[] {"under 1 minute", "0..59s"},
      new String[] {"1 to 10 minutes", "60s..599s"},
      new String[] {"10 minutes to 1 hour", "600s..3599s"},
      new String[] {"1 hour to 1 day", "1h..86399s"},
      new String[] {"over 1 day", ">=1d"});

  /** The dashboard of a query's routes. */
  public static RouteDashboard of(SearchBackend backend, String query) throws IOException {
    String q = query == null ? "" : query.strip();
    long total = backend.count(q);
    List<Tally.Line> hops = new ArrayList<>();
    for (int n = 0; n <= MAX_HOPS; n++) {
      String clause = n < MAX_HOPS ? "hops:" + n : "hops:>=" + n;
      hops.add(line(backend, q, clause, n < MAX_HOPS ? Integer.toString(n) : n + " or more", total));
    }
    List<Tally.Line> delays = new ArrayList<>();
    for (String[] d : DELAYS) {
      delays.add(line(backend, q, "delay:" + d[1], d[0], total));
    }
    List<Tally.Line> tls = List.of(
        line(backend, q, "has:hops -hop.tls:no", "TLS on every hop", total),
        line(backend, q, "hop.tls:no", "a hop without TLS", total),
        line(backend, q, "-has:hops", "no Received hops", total));
    List<Tally.Line> anomalies = new ArrayList<>();
    for (Anomaly.Kind k : Anomaly.Kind.values()) {
      anomalies.add(line(backend, q, "anomaly:\"" + k.label() + "\"", k.label(), total));
    }
    Tally relays = Tally.of("Relay hosts", q, Dimension.HOP_HOST, backend.counts(q, Dimension.HOP_HOST, BounceDashboard.TOP), total);
    Tally hopTally = new Tally("Hops per message", hops);
    Tally delayTally = new Tally("End-to-end delay", delays);
    Tally tlsTally = new Tally("TLS", tls);
    return new RouteDashboard(
        q,
        Display.count(total),
        hopTally,
        delayTally,
        relays,
        tlsTally,
        new Tally("Anomalies", anomalies),
        Chart.bars("Messages by hops", hopTally.labels(), hopTally.counts(), false),
        Chart.bars("Messages by end-to-end delay", delayTally.labels(), delayTally.counts(), false),
        Chart.bars("Relay hosts", relays.labels(), relays.counts(), true),
        Chart.doughnut("TLS", tlsTally.labels(), tlsTally.counts(), List.of("#1e7b34", "#e0a030", "#9aa4b8")));
  }

  private static Tally.Line line(SearchBackend backend, String q, String clause, String label, long total) throws IOException {
    String refined = QueryText.and(q, clause);
    long n = backend.count(refined);
    return new Tally.Line(label, Display.count(n), n, Display.percent(n, total), Urls.search(refined));
  }
}
