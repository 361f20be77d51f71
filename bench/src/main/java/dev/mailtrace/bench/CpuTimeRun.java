package dev.mailtrace.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A second opinion next to JMH for a shared machine: the same benchmark methods, run in one JVM in
 * interleaved rounds, scored in operations per second of process CPU time (GC and JIT threads
 * included) instead of wall time. Other processes competing for the cores then slow the run down
 * but hardly change the scores, so ratios between benchmarks stay meaningful under load.
 *
 * <p>Weaker than JMH in one way: all benchmarks share one JVM, so the JIT sees every call site
 * used by all of them (JMH forks a JVM per benchmark).
 */
final class CpuTimeRun {
  private CpuTimeRun() {}

  /** One benchmark step: runs an operation batch and returns how many messages it covered. */
  @FunctionalInterface
  interface Step {
    int run() throws Exception;
  }

  /**
   * Scores per benchmark name: {messages per CPU second, messages measured, CPU seconds}.
   *
   * @param warmupSeconds CPU seconds of warm-up per benchmark
   * @param measureSeconds CPU seconds measured per benchmark, spread over {@code rounds} rounds
   */
  static Map<String, double[]> run(List<String> names, double warmupSeconds, double measureSeconds, int rounds)
      throws Exception {
    Blackhole bh = new Blackhole(
        "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
    ParserBenchmark p = new ParserBenchmark();
    p.setUp();
    ArchiveBenchmark a = new ArchiveBenchmark();
    a.setUp();
    Map<String, Step> all = new LinkedHashMap<>();
    all.put("rawLineScan", () -> { bh.consume(p.rawLineScan()); return 1; });
    all.put("mailtraceParse", () -> { bh.consume(p.mailtraceParse()); return 1; });
    all.put("mime4jTokenWalk", () -> { bh.consume(p.mime4jTokenWalk(bh)); return 1; });
    all.put("mime4jDomDecoded", () -> { bh.consume(p.mime4jDomDecoded(bh)); return 1; });
    all.put("jakartaMailDecoded", () -> { bh.consume(p.jakartaMailDecoded(bh)); return 1; });
    all.put("rawBoundaryScan", () -> { bh.consume(a.rawBoundaryScan()); return BenchCorpus.COUNT; });
    all.put("rawBoundaryScanFile", () -> { bh.consume(a.rawBoundaryScanFile()); return BenchCorpus.COUNT; });
    all.put("archiveRead", () -> { bh.consume(a.archiveRead(bh)); return BenchCorpus.COUNT; });
    all.put("archiveReadAndParse", () -> { bh.consume(a.archiveReadAndParse(bh)); return BenchCorpus.COUNT; });
    List<String> chosen = new ArrayList<>();
    for (String n : all.keySet()) {
      if (names.isEmpty() || names.contains(n)) {
        chosen.add(n);
      }
    }
    for (String n : chosen) {
      System.err.printf("cpu-time: warming up %s%n", n);
      measure(all.get(n), warmupSeconds);
    }
    Map<String, double[]> totals = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      for (String n : chosen) {
        double[] m = measure(all.get(n), measureSeconds / rounds);
        totals.merge(n, new double[] {0, m[0], m[1]}, (x, y) -> new double[] {0, x[1] + y[1], x[2] + y[2]});
      }
    }
    totals.values().forEach(t -> t[0] = t[1] / t[2]);
    a.tearDown();
    return totals;
  }

  /** Runs the step until {@code seconds} of process CPU time have passed: {messages, CPU seconds}. */
  private static double[] measure(Step step, double seconds) throws Exception {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long start = os.getProcessCpuTime();
    long limit = start + (long) (seconds * 1e9);
    long messages = 0;
    long now;
    int batch = 16;
    do {
      for (int i = 0; i < batch; i++) {
        int n = step.run();
        messages += n;
        if (n > 1) {
          // A whole archive per step: check the clock after each one.
          batch = 1;
        }
      }
      now = os.getProcessCpuTime();
    } while (now < limit);
    return new double[] {messages, (now - start) / 1e9};
  }
}
