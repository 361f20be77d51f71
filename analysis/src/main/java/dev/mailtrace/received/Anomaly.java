package dev.mailtrace.received;

import java.util.Objects;

/**
 * Something odd about one hop of a {@link HopChain}.
 *
 * @param kind what is odd
 * @param hop the hop, counted from 1 in travel order (the oldest Received field is hop 1)
 * @param detail one line for a person: what, with the values involved
 */
public record Anomaly(Kind kind, int hop, String detail) {

  /** The kinds of anomaly a chain reports. */
  public enum Kind {
    /** The hop is dated before the previous dated hop: a clock is wrong somewhere. */
    CLOCK_SKEW("clock-skew"),
    /** The hop has no readable date. */
    MISSING_DATE("missing-date"),
    /** A private, loopback, link-local, shared or documentation address on the public path. */
    PRIVATE_ADDRESS("private-address"),
    /** The previous hop's {@code by} host is not this hop's {@code from} host. */
    HOST_MISMATCH("host-mismatch"),
    /** The hop took unusually long (see {@link HopChain}). */
    SLOW_HOP("slow-hop");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** The lower-case label used in text output, e.g. {@code clock-skew}. */
    public String label() {
      return label;
    }
  }

  public Anomaly {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }

  /** {@code kind: hop N: detail}. */
  @Override
  public String toString() {
    return kind.label + ": hop " + hop + ": " + detail;
  }
}
