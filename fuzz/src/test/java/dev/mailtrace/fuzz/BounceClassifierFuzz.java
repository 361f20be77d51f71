package dev.mailtrace.fuzz;

import dev.mailtrace.bounce.BounceClassifier;
import dev.mailtrace.bounce.DeliveryReport;

/** The bounce classifier's public entry point on any parsed message. */
public final class BounceClassifierFuzz {
  private static final BounceClassifier CLASSIFIER = new BounceClassifier();

  private BounceClassifierFuzz() {}

  /** Jazzer's entry point. */
  public static void fuzzerTestOneInput(byte[] data) {
    DeliveryReport r = CLASSIFIER.classify(MessageParserFuzz.parse(data));
    Invariants.check(r != null, "no report");
  }
}
