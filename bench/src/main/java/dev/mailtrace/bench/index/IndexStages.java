package dev.mailtrace.bench.index;

import dev.mailtrace.archive.ArchiveReader;
import dev.mailtrace.bounce.BounceClassifier;
import dev.mailtrace.bounce.DeliveryReport;
import dev.mailtrace.index.MailAnalyzer;
import dev.mailtrace.index.MessageDocument;
import dev.mailtrace.message.Message;
import dev.mailtrace.message.RawMessage;
import dev.mailtrace.mime.MessageParser;
import dev.mailtrace.received.HopChain;
import java.io.IOException;
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
 * Where indexing time goes, one thread, after a warm-up pass: reading, parsing, hop chains,
 * bounce classification, building documents and adding them to Lucene (flush and commit included).
 *
 * <p>Usage: {@code IndexStages ARCHIVE [PASSES]}; prints a Markdown table.
 */
public final class IndexStages {
  private IndexStages() {}

  /** Times the stages over {@code ARCHIVE} and prints the table. */
  public static void main(String[] args) throws IOException {
    Path archive = Path.of(args[0]);
    int passes = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    List<RawMessage> raws = new ArrayList<>();
    long bytes = 0;
    long t0 = System.nanoTime();
    try (ArchiveReader r = ArchiveReader.open(archive)) {
      RawMessage m;
      while ((m = r.next()) != null) {
        raws.add(m);
        bytes += m.source().length();
      }
    }
    long read = System.nanoTime() - t0;
    MessageParser parser = new MessageParser();
    BounceClassifier classifier = new BounceClassifier();
    long parse = 0, hops = 0, bounce = 0, build = 0, add = 0;
    for (int pass = 0; pass < passes; pass++) {
      parse = hops = bounce = build = add = 0;
      Path dir = Files.createTempDirectory("mailtrace-stages");
      try (IndexWriter w = new IndexWriter(FSDirectory.open(dir), new IndexWriterConfig(new MailAnalyzer()).setRAMBufferSizeMB(64))) {
        for (RawMessage raw : raws) {
          long a = System.nanoTime();
          Message m = parser.parse(raw);
          long b = System.nanoTime();
          HopChain chain = HopChain.of(m);
          long c = System.nanoTime();
          DeliveryReport report = classifier.classify(m);
          long d = System.nanoTime();
          Document doc = MessageDocument.of(m, chain, report);
          long e = System.nanoTime();
          w.addDocument(doc);
          long f = System.nanoTime();
          parse += b - a;
          hops += c - b;
          bounce += d - c;
          build += e - d;
          add += f - e;
        }
        long g = System.nanoTime();
        w.commit();
        add += System.nanoTime() - g;
      }
    }
    int n = raws.size();
    System.out.printf(Locale.ROOT, "%d messages, %.1f MB, one thread, pass %d of %d:%n%n", n, bytes / 1e6, passes, passes);
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
