package dev.mailtrace.bench.index;

import dev.mailtrace.archive.ArchiveReader;
import dev.mailtrace.bounce.BounceClassifier;
import dev.mailtrace.bounce.DeliveryReport;
import dev.mailtrace.index.MailAnalyzer;
import dev.mailtrace.index.MessageDocument;
import dev.mailtrace.message.Message;
import dev.mailtrace.message.RawMessage;
import dev.mailtrace.mime.MessageParser;
import dev.mailtrace.mime.ParserConfig;
import dev.mailtrace.received.HopChain;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;

/**
 * Where indexing time goes, one thread: reading, parsing, hop chains, bounce classification,
 * building documents and adding them to Lucene (flush and commit included), each the fastest of
 * {@code PASSES} passes in CPU time of the thread, so other processes on a shared machine change
 * the figures little. The parser is configured as the index run configures it.
 *
 * <p>Usage: {@code IndexStages ARCHIVE [PASSES]}; prints a Markdown table. Run it with the JIT the
 * launcher would pick ({@code -XX:TieredStopAtLevel=1} below 400 MB) to see what a run sees.
 */
public final class IndexStages {
  private IndexStages() {}

  /** Times the stages over {@code ARCHIVE} and prints the table. */
  public static void main(String[] args) throws IOException {
    Path archive = Path.of(args[0]);
    int passes = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    List<RawMessage> raws = new ArrayList<>();
    long bytes = 0;
    long t0 = cpu.getCurrentThreadCpuTime();
    try (ArchiveReader r = ArchiveReader.open(archive)) {
      RawMessage m;
      while ((m = r.next()) != null) {
        raws.add(m);
        bytes += m.source().length();
      }
    }
    long read = cpu.getCurrentThreadCpuTime() - t0;
    MessageParser parser = new MessageParser(ParserConfig.DEFAULT);
    BounceClassifier classifier = new BounceClassifier();
    long parse = Long.MAX_VALUE, hops = Long.MAX_VALUE, bounce = Long.MAX_VALUE;
    long build = Long.MAX_VALUE, add = Long.MAX_VALUE;
    for (int pass = 0; pass < passes; pass++) {
      long[] t = new long[5];
      Path dir = Files.createTempDirectory("mailtrace-stages");
      try (IndexWriter w = new IndexWriter(FSDirectory.open(dir), new IndexWriterConfig(new MailAnalyzer()).setRAMBufferSizeMB(64))) {
        for (RawMessage raw : raws) {
          long a = cpu.getCurrentThreadCpuTime();
          Message m = parser.parse(raw);
          long b = cpu.getCurrentThreadCpuTime();
          HopChain chain = HopChain.of(m);
          long c = cpu.getCurrentThreadCpuTime();
          DeliveryReport report = classifier.classify(m);
          long d = cpu.getCurrentThreadCpuTime();
          Document doc = MessageDocument.of(m, chain, report);
          long e = cpu.getCurrentThreadCpuTime();
          w.addDocument(doc);
          long f = cpu.getCurrentThreadCpuTime();
          t[0] += b - a;
          t[1] += c - b;
          t[2] += d - c;
          t[3] += e - d;
          t[4] += f - e;
        }
        long g = cpu.getCurrentThreadCpuTime();
        w.commit();
        t[4] += cpu.getCurrentThreadCpuTime() - g;
      }
      parse = Math.min(parse, t[0]);
      hops = Math.min(hops, t[1]);
      bounce = Math.min(bounce, t[2]);
      build = Math.min(build, t[3]);
      add = Math.min(add, t[4]);
    }
    int n = raws.size();
    System.out.printf(Locale.ROOT, "%d messages, %.1f MB, one thread, CPU time, fastest of %d passes per stage:%n%n", n, bytes / 1e6, passes);
    System.out.println("| stage | ms | µs/message | share |");
    System.out.println("|---|---:|---:|---:|");
    long total = read + parse + hops + bounce + build + add;
    for (Object[] row : new Object[][] {
        {"read (first pass, cold)", read}, {"parse (MIME)", parse}, {"hop chain", hops}, {"bounce classification", bounce},
        {"build document", build}, {"Lucene add + commit", add}}) {
      long ns = (Long) row[1];
      System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.0f%% |%n", row[0], ns / 1e6, ns / 1e3 / n, 100.0 * ns / total);
    }
    System.out.printf(Locale.ROOT, "%nsteady state: %.0f messages/s per core%n", n / ((total - read) / 1e9));
  }
}
