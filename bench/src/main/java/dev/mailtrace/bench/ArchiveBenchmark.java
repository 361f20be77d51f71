package dev.mailtrace.bench;

import dev.mailtrace.archive.ArchiveReader;
import dev.mailtrace.message.RawMessage;
import dev.mailtrace.mime.MessageParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A whole mbox per invocation, reported per message ({@code @OperationsPerInvocation}), so the
 * scores are messages per second like {@link ParserBenchmark}'s. The file sits in a temporary folder
 * and stays in the page cache, so this measures CPU, not the disk.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class ArchiveBenchmark {
  private byte[] mbox;
  private Path file;
  private MessageParser parser;
  private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);

  /** Generates the benchmark corpus once and checks the raw scan finds every message. */
  @Setup
  public void setUp() throws IOException {
    BenchCorpus corpus = BenchCorpus.generate(BenchCorpus.SEED, BenchCorpus.COUNT);
    mbox = corpus.mbox();
    file = Files.createTempFile("mailtrace-bench", ".mbox");
    Files.write(file, mbox);
    parser = new MessageParser();
    int found = BenchCorpus.countMboxMessages(mbox, 0, mbox.length, true);
    if (found != BenchCorpus.COUNT) {
      throw new IllegalStateException("raw scan found " + found + " messages, expected " + BenchCorpus.COUNT);
    }
  }

  /** Deletes the temporary mbox. */
  @TearDown
  public void tearDown() throws IOException {
    Files.deleteIfExists(file);
  }

  /** Baseline: find message boundaries ({@code \nFrom }) in the mbox held in memory. */
  @Benchmark
  @OperationsPerInvocation(BenchCorpus.COUNT)
  public int rawBoundaryScan() {
    return BenchCorpus.countMboxMessages(mbox, 0, mbox.length, true);
  }

  /** Baseline: read the file in 64 KB blocks and find message boundaries. */
  @Benchmark
  @OperationsPerInvocation(BenchCorpus.COUNT)
  public int rawBoundaryScanFile() throws IOException {
    int n = 0;
    boolean atStart = true;
    byte[] b = buffer.array();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      int keep = 0;
      buffer.clear();
      while (ch.read(buffer) > 0) {
        int end = buffer.position();
        n += BenchCorpus.countMboxMessages(b, 0, end, atStart);
        atStart = false;
        // Keep the last 5 bytes so a boundary split across blocks is still seen.
        keep = Math.min(5, end);
        System.arraycopy(b, end - keep, b, 0, keep);
        buffer.clear();
        buffer.position(keep);
      }
    }
    return n;
  }

  /** mailtrace: framing plus SHA-256 of each message's stored bytes, no parsing. */
  @Benchmark
  @OperationsPerInvocation(BenchCorpus.COUNT)
  public int archiveRead(Blackhole bh) throws IOException {
    int n = 0;
    try (ArchiveReader reader = ArchiveReader.open(file)) {
      for (RawMessage m; (m = reader.next()) != null; ) {
        bh.consume(m);
        n++;
      }
    }
    return n;
  }

  /** mailtrace: framing, SHA-256 and the full parse, the work of {@code mailtrace show --summary}. */
  @Benchmark
  @OperationsPerInvocation(BenchCorpus.COUNT)
  public int archiveReadAndParse(Blackhole bh) throws IOException {
    int n = 0;
    try (ArchiveReader reader = ArchiveReader.open(file)) {
      for (RawMessage m; (m = reader.next()) != null; ) {
        bh.consume(parser.parse(m));
        n++;
      }
    }
    return n;
  }
}
