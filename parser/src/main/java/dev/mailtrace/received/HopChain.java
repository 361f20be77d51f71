package dev.mailtrace.received;

import dev.mailtrace.message.Message;
import java.time.Duration;
import java.util.List;

/**
 * The hops of a message in travel order (the oldest {@code Received} first, the reverse of header
 * order), with per-hop delays and anomalies.
 *
 * @param hops the hops in travel order
 * @param delays delay of each hop against the previous one (null for the first and where a date is
 *     missing), same size as {@code hops}
 * @param total end-to-end delay from the first dated hop to the last, or null
 * @param anomalies one line each: negative delays, missing dates, private IPs on the public path,
 *     by/from mismatches, unusually long hops
 */
public record HopChain(List<Hop> hops, List<Duration> delays, Duration total, List<String> anomalies) {

  public HopChain {
    hops = List.copyOf(hops);
    delays = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(delays));
    anomalies = List.copyOf(anomalies);
  }

  /** Builds the chain from a message's Received fields. */
  public static HopChain of(Message message) {
    throw new UnsupportedOperationException("not yet");
  }
}
