package dev.mailtrace.cli;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps Lucene's start-up notices (the vector module hint) off stderr, where they would read like
 * problems; the commands' own output is unaffected.
 */
final class LuceneLogging {
  // Held strongly: java.util.logging forgets the level of a logger nobody references.
  private static final Logger VECTORIZATION = Logger.getLogger("org.apache.lucene.internal.vectorization");

  private LuceneLogging() {}

  static void quiet() {
    VECTORIZATION.setLevel(Level.SEVERE);
  }
}
