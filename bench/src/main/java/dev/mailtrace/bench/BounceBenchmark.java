package dev.mailtrace.bench;

import dev.mailtrace.archive.ArchiveReader;
import dev.mailtrace.bounce.BounceClassifier;
import dev.mailtrace.message.Message;
import dev.mailtrace.message.RawMessage;
import dev.mailtrace.message.Source;
import dev.mailtrace.mime.MessageParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Bounce analysis, one message per operation (scores are messages per second).
 *
 * <p>{@code classifyBounces}: {@link BounceClassifier#classify} over the Sisimai bounce corpus,
 * pre-parsed in setup, so only the analysis is timed (the project target is at least 10x Sisimai,
 * about 7000 msgs/s on 2 cores). {@code parseOrdinary} and {@code parseAndClassifyOrdinary}: the
 * generated corpus of ordinary mail parsed alone and parsed then classified; the second may be at
 * most 20 % slower. {@code rawLineScan} touches every byte once as a floor.
 *
 * <p>The bounce corpus is read from {@code -Dmailtrace.bounces=DIR} (default {@code
 * ../shared/corpora/bounces/sisimai/maildir/bsd}); run with {@code java -jar
 * bench/target/benchmarks.jar BounceBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class BounceBenchmark {
  /** Which bounce files to classify: all of them, or only those with RFC 3464 reports. */
  @Param({"all"})
  public String bounceSet;

  private Message[] bounces;
  private RawMessage[] ordinary;
  private List<byte[]> ordinaryBytes;
  private int nextBounce;
  private int nextOrdinary;
  private MessageParser parser;
  private BounceClassifier classifier;

  /** Parses the bounce corpus once, before the measurements. */
  @Setup
  public void setUp() throws IOException {
    parser = new MessageParser();
    classifier = new BounceClassifier();
    Path dir =
        Path.of(
            System.getProperty(
                "mailtrace.bounces", "../shared/corpora/bounces/sisimai/maildir/bsd"));
    List<Message> parsed = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.sorted().toList()) {
          try (ArchiveReader reader = ArchiveReader.open(f)) {
            RawMessage raw;
            while ((raw = reader.next()) != null) {
              Message m = parser.parse(raw);
              if ("all".equals(bounceSet) || m.root().contentType().equals("multipart/report")) {
                parsed.add(m);
              }
            }
          }
        }
      }
    }
    if (parsed.isEmpty()) {
      throw new UncheckedIOException(
          new IOException(
              "no bounce corpus at " + dir.toAbsolutePath() + "; set -Dmailtrace.bounces=DIR"));
    }
    bounces = parsed.toArray(Message[]::new);
    BenchCorpus corpus = BenchCorpus.generate(BenchCorpus.SEED, BenchCorpus.COUNT);
    ordinaryBytes = corpus.messages();
    ordinary = new RawMessage[ordinaryBytes.size()];
    long offset = 0;
    for (int i = 0; i < ordinary.length; i++) {
      byte[] m = ordinaryBytes.get(i);
      ordinary[i] = new RawMessage(new Source("bench.mbox", offset, m.length, ""), i, null, m);
      offset += m.length;
    }
  }

  private int bounceIndex() {
    int i = nextBounce;
    nextBounce = i + 1 == bounces.length ? 0 : i + 1;
    return i;
  }

  private int ordinaryIndex() {
    int i = nextOrdinary;
    nextOrdinary = i + 1 == ordinary.length ? 0 : i + 1;
    return i;
  }

  /** Analysis alone over real bounces, DSNs, feedback reports and auto-replies. */
  @Benchmark
  public Object classifyBounces() {
    return classifier.classify(bounces[bounceIndex()]);
  }

  /** Parsing alone over ordinary mail: the reference for the next benchmark. */
  @Benchmark
  public Object parseOrdinary() {
    return parser.parse(ordinary[ordinaryIndex()]);
  }

  /** Parsing then classifying ordinary mail: the classifier should let it go almost for free. */
  @Benchmark
  public Object parseAndClassifyOrdinary() {
    return classifier.classify(parser.parse(ordinary[ordinaryIndex()]));
  }

  /** Baseline: touch every byte of an ordinary message once (count line ends). */
  @Benchmark
  public int rawLineScan() {
    byte[] m = ordinaryBytes.get(ordinaryIndex());
    int lines = 0;
    for (byte b : m) {
      if (b == '\n') {
        lines++;
      }
    }
    return lines;
  }
}
