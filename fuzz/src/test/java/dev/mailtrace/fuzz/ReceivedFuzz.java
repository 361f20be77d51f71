package dev.mailtrace.fuzz;

import dev.mailtrace.received.Hop;
import dev.mailtrace.received.ReceivedParser;

/** The Received field grammar on any value. */
public final class ReceivedFuzz {
  private ReceivedFuzz() {}

  /** Jazzer's entry point. */
  public static void fuzzerTestOneInput(byte[] data) {
    Hop h = ReceivedParser.parse(Invariants.text(data));
    Invariants.check(h != null, "no hop");
    Invariants.oneLineEach(h.problems());
  }
}
