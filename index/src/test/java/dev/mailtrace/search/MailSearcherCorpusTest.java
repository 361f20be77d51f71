package dev.mailtrace.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailtrace.archive.ArchiveReader;
import dev.mailtrace.bounce.BounceClassifier;
import dev.mailtrace.bounce.BouncedRecipient;
import dev.mailtrace.index.IndexConfig;
import dev.mailtrace.index.IndexRun;
import dev.mailtrace.index.IndexStatus;
import dev.mailtrace.message.RawMessage;
import dev.mailtrace.mime.MessageParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: index real archives, then ask questions whose answers are known from the files. */
class MailSearcherCorpusTest {
  private static final Path ROOT = Path.of(System.getProperty("mailtrace.root", "."));
  @TempDir Path dir;

  private static Path required(Path p) {
    Assumptions.assumeTrue(Files.exists(p), p + " is not here");
    return p;
  }

  @Test
  void samplesAnswerByHashAndByHopIp() throws IOException {
    Path mbox = dir.resolve("archive.mbox");
    Files.copy(required(ROOT.resolve("samples/archive.mbox")), mbox);
    Path index = dir.resolve("idx");
    IndexStatus s = new IndexRun(index, List.of(mbox), IndexConfig.DEFAULT.withThreads(2)).run();
    assertEquals(180, s.documents());

    // Hop IPs counted from the bracketed addresses of each message's own Received fields.
    Map<String, Integer> byIp = new HashMap<>();
    Pattern literal = Pattern.compile("\\[(\\d{1,3}(?:\\.\\d{1,3}){3})\\]");
    try (ArchiveReader reader = ArchiveReader.open(mbox); MailSearcher searcher = MailSearcher.open(index)) {
      RawMessage raw;
      int checked = 0;
      while ((raw = reader.next()) != null) {
        String text = new String(raw.content(), StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\n\n");
        int endCrlf = text.indexOf("\r\n\r\n");
        int headerEnd = endCrlf >= 0 && (end < 0 || endCrlf < end) ? endCrlf : end;
        String header = (headerEnd < 0 ? text : text.substring(0, headerEnd)).replaceAll("\r?\n[ \t]+", " ");
        Set<String> ips = new HashSet<>();
        for (String line : header.split("\r?\n")) {
          if (line.regionMatches(true, 0, "Received:", 0, 9)) {
            String from = line.contains(" by ") ? line.substring(0, line.indexOf(" by ")) : line;
            Matcher m = literal.matcher(from);
            while (m.find()) {
              ips.add(m.group(1));
            }
          }
        }
        ips.forEach(ip -> byIp.merge(ip, 1, Integer::sum));
        // A message by its hash: the hit is the message at this offset.
        if (checked++ < 40) {
          long offset = raw.source().offset();
          List<Hit> hits = searcher.find(raw.source().sha256());
          assertTrue(hits.stream().anyMatch(h -> h.offset() == offset), "message at " + offset);
        }
      }
      int agree = 0;
      List<Map.Entry<String, Integer>> top =
          byIp.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(10).toList();
      System.out.println("hop.ip   expected  indexed");
      for (Map.Entry<String, Integer> e : top) {
        long n = searcher.count(searcher.parse("hop.ip:" + e.getKey()));
        System.out.printf("%-15s %5d %8d%n", e.getKey(), e.getValue(), n);
        if (n == e.getValue()) {
          agree++;
        }
      }
      assertTrue(agree >= top.size() - 1, "hop.ip counts agree for " + agree + " of " + top.size());
    }
  }

  @Test
  void sisimaiBouncesAreSearchableByReason() throws IOException {
    Path bsd = required(ROOT.resolve("../shared/corpora/bounces/sisimai/maildir/bsd"));
    Path index = dir.resolve("idx");
    new IndexRun(index, List.of(bsd), IndexConfig.DEFAULT.withThreads(2)).run();

    // What the classifier says, file by file, is what the index must answer.
    MessageParser parser = new MessageParser();
    BounceClassifier classifier = new BounceClassifier();
    Map<String, Integer> classified = new TreeMap<>();
    int files = 0;
    try (ArchiveReader reader = ArchiveReader.open(bsd)) {
      RawMessage raw;
      while ((raw = reader.next()) != null) {
        files++;
        Set<String> reasons = new HashSet<>();
        for (BouncedRecipient r : classifier.classify(parser.parse(raw)).recipients()) {
          if (r.reason() != null) {
            reasons.add(r.reason().label());
          }
        }
        reasons.forEach(reason -> classified.merge(reason, 1, Integer::sum));
      }
    }
    // What Sisimai's tables say, for the record.
    Map<String, Set<String>> expectedFiles = new TreeMap<>();
    Path tsv = ROOT.resolve("../shared/corpora/bounces/sisimai/expected/expected-go-sisimai-v0.0.6.tsv");
    if (Files.exists(tsv)) {
      for (String line : Files.readAllLines(tsv).subList(1, Files.readAllLines(tsv).size())) {
        String[] c = line.split("\t", -1);
        if (c.length > 5 && c[0].startsWith("maildir/bsd/")) {
          expectedFiles.computeIfAbsent(c[5], k -> new HashSet<>()).add(c[0]);
        }
      }
    }
    try (MailSearcher searcher = MailSearcher.open(index)) {
      assertEquals(files, searcher.documents());
      System.out.println("bounce.reason     classifier  index  sisimai");
      for (Map.Entry<String, Integer> e : classified.entrySet()) {
        long n = searcher.count(searcher.parse("bounce.reason:" + e.getKey()));
        Set<String> exp = expectedFiles.get(e.getKey());
        System.out.printf("%-16s %10d %6d %8s%n", e.getKey(), e.getValue(), n, exp == null ? "-" : exp.size());
        assertEquals(e.getValue().longValue(), n, "bounce.reason:" + e.getKey());
      }
    }
  }
}
