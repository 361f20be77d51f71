package dev.mailtrace.header;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The tally of a conformance test over a field table: how many cases agree with the expectation,
 * printed as one line of the agreement table with the disagreements below it.
 */
final class Agreement {
  private final String name;
  private final List<String> differs = new ArrayList<>();
  private int agree;
  private int total;

  Agreement(String name) {
    this.name = name;
  }

  /** Counts one case; the description of a disagreement is built only when it is one. */
  void add(boolean agrees, Supplier<String> difference) {
    total++;
    if (agrees) {
      agree++;
    } else {
      differs.add(difference.get());
    }
  }

  /** Prints the agreement line and the disagreements, then asserts the agreement target. */
  void assertAtLeast(double target) {
    double ratio = (double) agree / total;
    System.out.printf("%-28s %3d / %3d agree (%.1f %%)%n", name, agree, total, 100.0 * ratio);
    for (String d : differs) {
      System.out.println("  differs: " + d);
    }
    assertTrue(ratio >= target, "agreement " + ratio);
  }
}
