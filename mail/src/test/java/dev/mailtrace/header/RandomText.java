package dev.mailtrace.header;

import java.util.Random;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Reproducible random field values for property tests: the seed comes from system property {@code
 * tests.seed} when set, else from the clock, and is printed so a failure can be replayed.
 */
final class RandomText {
  final long seed;
  final Random random;

  RandomText(String testName) {
    String fixed = System.getProperty("tests.seed");
    seed = fixed != null ? Long.parseLong(fixed) : System.nanoTime();
    random = new Random(seed);
    System.out.println(testName + ": seed " + seed + " (rerun with -Dtests.seed=" + seed + ")");
  }

  /** A string of up to {@code maxLength} characters mixing {@code alphabet} with random ones. */
  String next(String alphabet, int maxLength) {
    int len = random.nextInt(maxLength + 1);
    StringBuilder b = new StringBuilder(len);
    for (int i = 0; i < len; i++) {
      int r = random.nextInt(20);
      if (r == 0) {
        b.append((char) random.nextInt(0x3000));
      } else if (r == 1) {
        b.append(" \r\n\t".charAt(random.nextInt(4)));
      } else {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
    }
    return b.toString();
  }

  /**
   * Pieces of {@code fragments} glued together with random characters, for grammar-shaped noise.
   */
  String fragments(String[] fragments, String alphabet, int count) {
    StringBuilder b = new StringBuilder();
    int n = random.nextInt(count + 1);
    for (int i = 0; i < n; i++) {
      if (random.nextBoolean()) {
        b.append(fragments[random.nextInt(fragments.length)]);
      } else {
        b.append(next(alphabet, 4));
      }
    }
    return b.toString();
  }

  /**
   * Runs {@code check} on {@code count} inputs made by {@code input} (given the round number); a
   * RuntimeException from the code under test fails with the seed and the input to replay it.
   */
  void check(int count, IntFunction<String> input, Consumer<String> check) {
    for (int i = 0; i < count; i++) {
      String s = input.apply(i);
      try {
        check.accept(s);
      } catch (RuntimeException e) {
        throw new AssertionError("seed " + seed + " input " + s, e);
      }
    }
  }
}
