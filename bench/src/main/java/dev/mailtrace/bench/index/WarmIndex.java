package dev.mailtrace.bench.index;

import dev.mailtrace.index.IndexConfig;
import dev.mailtrace.index.IndexRun;
import dev.mailtrace.index.IndexStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What an index run costs once the JVM is warm: in one JVM, indexes {@code ARCHIVE} from scratch
 * {@code WARM} times untimed (the JIT compiles the whole path), then {@code RUNS} times timed, each
 * into a new folder, with all cores as {@code mailtrace index} uses them.
 *
 * <p>The whole-run figures of {@code bench/index.sh} include the JVM's start and its compiling,
 * which dominate a run of a few seconds on two cores. This separates the two: the difference
 * between a cold run and a warm one is what the platform costs, the warm one what the indexing
 * itself costs. Every run's document count is checked against the messages read.
 *
 * <p>Usage: {@code WarmIndex ARCHIVE [WARM] [RUNS]}; run it with the launcher's flags for index
 * runs (C2, the parallel collector, the heap it sets).
 */
public final class WarmIndex {
  private WarmIndex() {}

  /** Runs the warm-up and the timed runs and prints one line per timed run and the median. */
  public static void main(String[] args) throws IOException {
    Path archive = Path.of(args[0]);
    int warm = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    for (int i = 0; i < warm; i++) {
      IndexStatus s = index(archive);
      System.out.printf(Locale.ROOT, "warm-up %d: %.2f s%n", i + 1, s.elapsed().toNanos() / 1e9);
    }
    double[] seconds = new double[runs];
    long messages = 0;
    for (int i = 0; i < runs; i++) {
      IndexStatus s = index(archive);
      seconds[i] = s.elapsed().toNanos() / 1e9;
      messages = s.messages();
      System.out.printf(Locale.ROOT, "run %d: %.2f s, %d messages, %.0f messages/s%n", i + 1, seconds[i], messages, messages / seconds[i]);
    }
    Arrays.sort(seconds);
    double median = seconds[runs / 2];
    System.out.printf(Locale.ROOT, "median of %d warm runs: %.2f s, %.0f messages/s%n", runs, median, messages / median);
  }

  /** One run from scratch into a new folder, which is removed after; fails unless every message is a document. */
  private static IndexStatus index(Path archive) throws IOException {
    Path dir = Files.createTempDirectory("mailtrace-warm");
    try {
      IndexStatus s = new IndexRun(dir, List.of(archive), IndexConfig.DEFAULT.withMeasureInputs(false)).run();
      if (s.documents() != s.added() || s.added() == 0) {
        throw new IllegalStateException("the index holds " + s.documents() + " documents for " + s.added() + " messages added");
      }
      return s;
    } finally {
      try (Stream<Path> all = Files.walk(dir)) {
        all.sorted(Comparator.reverseOrder()).forEach(p -> {
          try {
            Files.delete(p);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      }
    }
  }
}
