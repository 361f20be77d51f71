package dev.mailtrace.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Checks shared by the targets; a broken one throws {@link AssertionError}, which Jazzer reports. */
final class Invariants {
  private Invariants() {}

  /** Input bytes as the text a header field value would be: 8-bit bytes as Latin-1, never failing. */
  static String text(byte[] data) {
    return new String(data, StandardCharsets.ISO_8859_1);
  }

  /** Every problem is one line of text. */
  static void oneLineEach(List<String> problems) {
    for (String p : problems) {
      check(p != null && !p.isEmpty() && p.indexOf('\n') < 0 && p.indexOf('\r') < 0, "problem not one line: " + p);
    }
  }

  static void check(boolean holds, String what) {
    if (!holds) {
      throw new AssertionError(what);
    }
  }
}
