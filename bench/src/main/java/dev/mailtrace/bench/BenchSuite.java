package dev.mailtrace.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the parser and archive benchmarks and writes one Markdown table: messages per second, MB/s
 * (10^6 bytes of message or mbox bytes per second) and the ratios the project tracks.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.mailtrace.bench.BenchSuite \
 *     --forks 1 --warmup 3 --iterations 3 --time 3 --out bench/results/jmh.md [--include REGEX]
 *     [--cpu-seconds 10] [--cpu-only]
 * </pre>
 *
 * <p>With {@code --cpu-seconds N} a second table follows, from {@link CpuTimeRun}: the same methods
 * scored per second of process CPU time, N CPU seconds each in interleaved rounds, which keeps ratios
 * meaningful on a machine shared with other work. {@code --cpu-only} skips JMH.
 */
public final class BenchSuite {
  private BenchSuite() {}

  /** Runs the suite with the options above and writes the table. */
  public static void main(String[] args) throws Exception {
    int forks = 1;
    int warmup = 3;
    int iterations = 3;
    int seconds = 3;
    String include = "dev\\.mailtrace\\.bench\\.(Parser|Archive)Benchmark\\..*";
    Path out = null;
    double cpuSeconds = 0;
    boolean cpuOnly = false;
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 == args.length && !args[i].equals("--cpu-only")) {
        throw new IllegalArgumentException("missing value after " + args[i]);
      }
      switch (args[i]) {
        case "--forks" -> forks = Integer.parseInt(args[i + 1]);
        case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
        case "--iterations" -> iterations = Integer.parseInt(args[i + 1]);
        case "--time" -> seconds = Integer.parseInt(args[i + 1]);
        case "--include" -> include = args[i + 1];
        case "--out" -> out = Path.of(args[i + 1]);
        case "--cpu-seconds" -> cpuSeconds = Double.parseDouble(args[i + 1]);
        case "--cpu-only" -> {
          cpuOnly = true;
          i--;
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    ChainedOptionsBuilder opts =
        new OptionsBuilder()
            .include(include)
            .forks(forks)
            .warmupIterations(warmup)
            .warmupTime(TimeValue.seconds(seconds))
            .measurementIterations(iterations)
            .measurementTime(TimeValue.seconds(seconds))
            .threads(1)
            .shouldFailOnError(false);
    BenchCorpus corpus = BenchCorpus.generate(BenchCorpus.SEED, BenchCorpus.COUNT);
    StringBuilder report = new StringBuilder();
    if (!cpuOnly) {
      Collection<RunResult> results = new Runner(opts.build()).run();
      Map<String, double[]> scores = new LinkedHashMap<>();
      for (RunResult rr : results) {
        Result<?> r = rr.getPrimaryResult();
        String name = rr.getParams().getBenchmark();
        name = name.substring(name.lastIndexOf('.') + 1);
        scores.put(name, new double[] {r.getScore(), r.getScoreError()});
      }
      report.append("### JMH (wall-clock throughput)\n\n");
      report.append(String.format(Locale.ROOT,
          "JMH: %d fork(s), %d warm-up and %d measured iterations of %d s, one thread.%n", forks, warmup, iterations, seconds));
      report.append(table(scores, corpus, "± (99.9 %)"));
    }
    if (cpuSeconds > 0) {
      java.util.regex.Pattern p = java.util.regex.Pattern.compile(include);
      java.util.List<String> names = new java.util.ArrayList<>();
      for (String n : WHAT.keySet()) {
        String cls = n.startsWith("archive") || n.startsWith("rawBoundary") ? "ArchiveBenchmark" : "ParserBenchmark";
        if (p.matcher("dev.mailtrace.bench." + cls + "." + n).matches()) {
          names.add(n);
        }
      }
      Map<String, double[]> cpu = CpuTimeRun.run(names, Math.max(2, cpuSeconds / 2), cpuSeconds, 5);
      Map<String, double[]> scores = new LinkedHashMap<>();
      cpu.forEach((k, v) -> scores.put(k, new double[] {v[0], v[2]}));
      report.append("\n### Per CPU second (interleaved rounds in one JVM)\n\n");
      report.append(String.format(Locale.ROOT,
          "Each benchmark: %.0f CPU s warm-up, then %.0f CPU s measured in 5 interleaved rounds; process CPU time (GC, JIT included).%n",
          Math.max(2, cpuSeconds / 2), cpuSeconds));
      report.append(table(scores, corpus, "CPU s measured"));
    }
    String table = report.toString();
    System.out.println(table);
    if (out != null) {
      if (out.toAbsolutePath().getParent() != null) {
        Files.createDirectories(out.toAbsolutePath().getParent());
      }
      Files.writeString(out, table);
    }
  }

  private static final Map<String, String> WHAT = new LinkedHashMap<>();

  static {
    WHAT.put("rawLineScan", "baseline: touch every byte of a message");
    WHAT.put("mailtraceParse", "mailtrace MessageParser.parse, full model, bodies decoded");
    WHAT.put("mime4jTokenWalk", "mime4j MimeTokenStream token walk (bodies skipped)");
    WHAT.put("mime4jDomDecoded", "mime4j DefaultMessageBuilder + every body read decoded");
    WHAT.put("jakartaMailDecoded", "Jakarta Mail (Angus) MimeMessage + every part read decoded");
    WHAT.put("rawBoundaryScan", "baseline: find `\\nFrom ` in the mbox in memory");
    WHAT.put("rawBoundaryScanFile", "baseline: read the mbox file, find `\\nFrom `");
    WHAT.put("archiveRead", "mailtrace ArchiveReader: framing + SHA-256");
    WHAT.put("archiveReadAndParse", "mailtrace ArchiveReader + MessageParser (the whole pipeline)");
  }

  static String table(Map<String, double[]> scores, BenchCorpus corpus, String secondColumn) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT,
        "Corpus: %d generated messages (seed %d), %.1f MB of messages (average %.0f bytes), mbox %.1f MB.%n%n",
        corpus.messages().size(), BenchCorpus.SEED, corpus.contentBytes() / 1e6, corpus.averageMessageBytes(),
        corpus.mbox().length / 1e6));
    sb.append("| Benchmark | What | msgs/s | ").append(secondColumn).append(" | MB/s |\n");
    sb.append("|---|---|---:|---:|---:|\n");
    for (Map.Entry<String, String> e : WHAT.entrySet()) {
      double[] s = scores.get(e.getKey());
      if (s == null) {
        continue;
      }
      boolean archive = e.getKey().startsWith("raw") && e.getKey().contains("Boundary") || e.getKey().startsWith("archive");
      double perMessage = archive ? corpus.averageMboxBytesPerMessage() : corpus.averageMessageBytes();
      sb.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %,.1f | %,.1f |%n",
          e.getKey(), e.getValue(), s[0], Double.isNaN(s[1]) ? 0 : s[1], s[0] * perMessage / 1e6));
    }
    sb.append('\n');
    ratio(sb, scores, "mailtraceParse", "mime4jDomDecoded", "mailtrace parse vs mime4j DOM+decoding (target >= 2.0)");
    ratio(sb, scores, "mailtraceParse", "jakartaMailDecoded", "mailtrace parse vs Jakarta Mail");
    ratio(sb, scores, "archiveReadAndParse", "rawBoundaryScanFile", "read+parse vs raw boundary scan of the file (target >= 0.5)");
    ratio(sb, scores, "archiveReadAndParse", "rawBoundaryScan", "read+parse vs raw boundary scan in memory");
    ratio(sb, scores, "archiveRead", "rawBoundaryScanFile", "framing+SHA-256 vs raw boundary scan of the file");
    ratio(sb, scores, "mailtraceParse", "rawLineScan", "parse vs touching every byte");
    return sb.toString();
  }

  private static void ratio(StringBuilder sb, Map<String, double[]> scores, String a, String b, String label) {
    double[] x = scores.get(a);
    double[] y = scores.get(b);
    if (x != null && y != null && y[0] > 0) {
      sb.append(String.format(Locale.ROOT, "- %s: %.2f%n", label, x[0] / y[0]));
    }
  }
}
