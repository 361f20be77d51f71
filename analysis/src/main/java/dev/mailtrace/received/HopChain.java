package dev.mailtrace.received;

import dev.mailtrace.message.Message;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The hops of a message in travel order (the oldest {@code Received} first, the reverse of header
 * order), with per-hop delays and anomalies.
 *
 * <p>Delays follow Microsoft's Message Header Analyzer: a hop's delay is its date minus the date of
 * the closest earlier hop that has one, at millisecond precision; its share is that delay as a
 * percentage of the sum of all positive delays (zero for the first hop, for undated hops and for
 * negative delays); the total is the last dated hop minus the first, negative if clocks say so.
 *
 * <p>Anomalies: a negative delay of at least {@link #CLOCK_SKEW_TOLERANCE} ({@link
 * Anomaly.Kind#CLOCK_SKEW}); a hop without a date; an address that cannot be on the public Internet
 * (RFC 1918, loopback, link-local, CGNAT 100.64/10, ULA fc00::/7, documentation ranges) on the
 * public path: any relay hop but the first (the sender's own submission) whose sending and
 * receiving hosts are in different organisational domains (a private hop inside one organisation,
 * such as Microsoft 365's front end to hub hand-off, is normal); documentation addresses are
 * flagged on every hop but the first, since they never appear on a real path; a {@code by} host that
 * is not the next hop's {@code from} host (names compared without DNS: equal names, or equal first
 * labels as in Microsoft's {@code BN3NAM04FT003.mail.protection.outlook.com} and {@code
 * BN3NAM04FT003.eop-NAM04.prod.protection.outlook.com}; an address literal matches only the same
 * address; skipped when either side has nothing comparable); a slow hop, one of at least {@link
 * #SLOW_HOP} or, when the total is at least {@link #SLOW_TOTAL}, more than {@link
 * #SLOW_SHARE_PERCENT} per cent of it.
 *
 * @param hops the hops in travel order
 * @param delays delay of each hop against the previous dated hop (null for the first dated hop and
 *     for undated hops), same size as {@code hops}
 * @param shares per hop, the delay as a percentage of the sum of positive delays (0 where none)
 * @param total end-to-end delay from the first dated hop to the last, or null with fewer than two
 * @param anomalies one line each ({@link Anomaly#toString()}): negative delays, missing dates,
 *     private IPs on the public path, by/from mismatches, unusually long hops
 * @param findings the same anomalies as values
 */
public record HopChain(
    List<Hop> hops,
    List<Duration> delays,
    List<Double> shares,
    Duration total,
    List<String> anomalies,
    List<Anomaly> findings) {

  /**
   * Negative delays shorter than this are not reported: Received dates are mostly whole seconds
   * and hosts' clocks differ by fractions of a second.
   */
  public static final Duration CLOCK_SKEW_TOLERANCE = Duration.ofSeconds(1);

  /** A hop this long is slow whatever the total. */
  public static final Duration SLOW_HOP = Duration.ofHours(1);

  /** Totals from this length on make a hop with most of the time slow. */
  public static final Duration SLOW_TOTAL = Duration.ofMinutes(10);

  /** Share of the total above which a hop is slow (when the total is at least {@link #SLOW_TOTAL}). */
  public static final double SLOW_SHARE_PERCENT = 80.0;

  public HopChain {
    hops = List.copyOf(hops);
    delays = Collections.unmodifiableList(new ArrayList<>(delays));
    shares = List.copyOf(shares);
    anomalies = List.copyOf(anomalies);
    findings = List.copyOf(findings);
  }

  /** Builds the chain from a message's Received fields. */
  public static HopChain of(Message message) {
    return ofFields(message.headers("Received"));
  }

  /** Builds the chain from Received field values in header order (newest first). */
  public static HopChain ofFields(List<String> valuesInHeaderOrder) {
    List<Hop> hops = new ArrayList<>(valuesInHeaderOrder.size());
    for (int i = valuesInHeaderOrder.size() - 1; i >= 0; i--) {
      hops.add(ReceivedParser.parse(valuesInHeaderOrder.get(i)));
    }
    return of(hops);
  }

  /** Builds the chain from hops already in travel order (oldest first). */
  public static HopChain of(List<Hop> hopsInTravelOrder) {
    int n = hopsInTravelOrder.size();
    List<Duration> delays = new ArrayList<>(n);
    long[] delayMs = new long[n];
    boolean[] hasDelay = new boolean[n];
    long last = Long.MIN_VALUE;
    long first = Long.MIN_VALUE;
    int lastIndex = -1;
    long positive = 0;
    List<Anomaly> findings = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      OffsetDateTime d = hopsInTravelOrder.get(i).date();
      if (d == null) {
        delays.add(null);
        findings.add(new Anomaly(Anomaly.Kind.MISSING_DATE, i + 1, "no readable date"));
        continue;
      }
      long ms = d.toInstant().toEpochMilli();
      if (last != Long.MIN_VALUE) {
        delayMs[i] = ms - last;
        hasDelay[i] = true;
        delays.add(Duration.ofMillis(delayMs[i]));
        if (delayMs[i] > 0) {
          positive += delayMs[i];
        } else if (delayMs[i] <= -CLOCK_SKEW_TOLERANCE.toMillis()) {
          findings.add(new Anomaly(Anomaly.Kind.CLOCK_SKEW, i + 1,
              describe(Duration.ofMillis(-delayMs[i])) + " earlier than hop " + (lastIndex + 1)));
        }
      } else {
        delays.add(null);
        first = ms;
      }
      last = ms;
      lastIndex = i;
    }
    Duration total = countDated(hopsInTravelOrder) >= 2 ? Duration.ofMillis(last - first) : null;
    List<Double> shares = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      shares.add(hasDelay[i] && delayMs[i] > 0 && positive > 0 ? 100.0 * delayMs[i] / positive : 0.0);
    }
    for (int i = 0; i < n; i++) {
      if (!hasDelay[i] || delayMs[i] <= 0) {
        continue;
      }
      Duration d = Duration.ofMillis(delayMs[i]);
      boolean slow = d.compareTo(SLOW_HOP) >= 0
          || total != null && total.compareTo(SLOW_TOTAL) >= 0 && delayMs[i] * 100.0 > SLOW_SHARE_PERCENT * total.toMillis();
      if (slow) {
        findings.add(new Anomaly(Anomaly.Kind.SLOW_HOP, i + 1, describe(d)
            + (total != null && total.toMillis() > 0 ? String.format(Locale.ROOT, " (%.0f%% of %s)",
                100.0 * delayMs[i] / total.toMillis(), describe(total)) : "")));
      }
    }
    addressFindings(hopsInTravelOrder, findings);
    hostFindings(hopsInTravelOrder, findings);
    findings.sort((a, b) -> a.hop() != b.hop() ? Integer.compare(a.hop(), b.hop()) : a.kind().compareTo(b.kind()));
    List<String> lines = new ArrayList<>(findings.size());
    for (Anomaly a : findings) {
      lines.add(a.toString());
    }
    return new HopChain(hopsInTravelOrder, delays, shares, total, lines, findings);
  }

  private static int countDated(List<Hop> hops) {
    int n = 0;
    for (Hop h : hops) {
      if (h.date() != null) {
        n++;
      }
    }
    return n;
  }

  private static void addressFindings(List<Hop> hops, List<Anomaly> findings) {
    // the first hop is the sender's own submission, often from a private network: never flagged
    for (int i = 1; i < hops.size(); i++) {
      Hop h = hops.get(i);
      if (!h.isRelay() || h.ip() == null) {
        continue;
      }
      IpAddress.Range r = IpAddress.range(h.ip());
      if (r.isPublic()) {
        continue;
      }
      String fromOrg = organisation(h.reverseDns() != null ? h.reverseDns() : h.from() != null ? h.from() : h.helo());
      String byOrg = organisation(h.by());
      boolean crossesOrganisations = fromOrg != null && byOrg != null && !fromOrg.equals(byOrg);
      if (r == IpAddress.Range.DOCUMENTATION || crossesOrganisations) {
        findings.add(new Anomaly(Anomaly.Kind.PRIVATE_ADDRESS, i + 1,
            h.ip() + " (" + r.name().toLowerCase(Locale.ROOT).replace('_', '-') + ") from " + orDash(h.from())
                + " to " + orDash(h.by())));
      }
    }
  }

  /**
   * The organisational domain of a host name, approximated without the public suffix list: the
   * last two labels, or three under a two-letter country code with a short second level
   * ({@code example.co.uk}); null for an address, a single-label name or no name.
   */
  static String organisation(String name) {
    String h = host(name);
    if (h == null || IpAddress.normalise(h) != null) {
      return null;
    }
    int last = h.lastIndexOf('.');
    if (last <= 0 || last == h.length() - 1) {
      return null;
    }
    int second = h.lastIndexOf('.', last - 1);
    if (second < 0) {
      return h;
    }
    boolean countryCode = h.length() - last - 1 == 2;
    if (countryCode && last - second - 1 <= 3) {
      int third = h.lastIndexOf('.', second - 1);
      return third < 0 ? h : h.substring(third + 1);
    }
    return h.substring(second + 1);
  }

  private static void hostFindings(List<Hop> hops, List<Anomaly> findings) {
    for (int i = 1; i < hops.size(); i++) {
      Hop prev = hops.get(i - 1);
      Hop next = hops.get(i);
      String by = host(prev.by());
      if (by == null) {
        continue;
      }
      String byIp = IpAddress.normalise(by);
      boolean comparable = false;
      boolean match = false;
      if (byIp != null) {
        if (next.ip() != null) {
          comparable = true;
          match = byIp.equals(next.ip());
        }
      } else {
        for (String candidate : new String[] {next.from(), next.helo(), next.reverseDns()}) {
          String c = host(candidate);
          if (c == null || IpAddress.normalise(c) != null || c.equals("unknown")) {
            continue;
          }
          comparable = true;
          if (sameHost(by, c)) {
            match = true;
          }
        }
        if (by.equals("localhost") && next.ip() != null && IpAddress.range(next.ip()) == IpAddress.Range.LOOPBACK) {
          comparable = true;
          match = true;
        }
      }
      if (comparable && !match) {
        findings.add(new Anomaly(Anomaly.Kind.HOST_MISMATCH, i + 1,
            "from " + orDash(next.from()) + " but hop " + i + " was received by " + prev.by()));
      }
    }
  }

  private static String host(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    String h = name.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    while (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return h.isEmpty() ? null : h;
  }

  private static boolean sameHost(String a, String b) {
    if (a.equals(b)) {
      return true;
    }
    int da = a.indexOf('.');
    int db = b.indexOf('.');
    String la = da < 0 ? a : a.substring(0, da);
    String lb = db < 0 ? b : b.substring(0, db);
    return la.equals(lb);
  }

  private static String orDash(String s) {
    return s == null ? "-" : s;
  }

  /**
   * A delay in words as Microsoft's Message Header Analyzer writes it: {@code 0 seconds} under a
   * second, otherwise whole minutes and seconds ({@code 310 minutes 13 seconds}, {@code 1 second}),
   * with a leading {@code -} when negative; empty for null.
   */
  public static String describe(Duration delay) {
    if (delay == null) {
      return "";
    }
    long diff = delay.toMillis();
    if (Math.abs(diff) < 1000) {
      return "0 seconds";
    }
    StringBuilder b = new StringBuilder();
    if (diff < 0) {
      b.append('-');
      diff = -diff;
    }
    boolean minutes = false;
    if (diff >= 60_000) {
      long m = diff / 60_000;
      b.append(m).append(m == 1 ? " minute" : " minutes");
      diff -= m * 60_000;
      minutes = true;
    }
    if (minutes && diff != 0) {
      b.append(' ');
    }
    if (!minutes || diff != 0) {
      long s = diff / 1000;
      b.append(s).append(s == 1 ? " second" : " seconds");
    }
    return b.toString();
  }
}
