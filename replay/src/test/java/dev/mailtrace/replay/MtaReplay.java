package dev.mailtrace.replay;

import dev.mailtrace.archive.ArchiveReader;
import dev.mailtrace.message.RawMessage;
import dev.mailtrace.samples.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the real-MTA tests replay: a generated archive (always there) and, when present, the real
 * mail of ../shared/corpora; and the content each accepted message should arrive with.
 */
final class MtaReplay {
  private MtaReplay() {}

  /** Generated mbox of {@code count} messages (every kind and malformation the generator makes) plus the corpora's mail folders. */
  static List<Path> sources(Path dir, int count) throws IOException {
    List<Path> paths = new ArrayList<>();
    Path generated = dir.resolve("generated.mbox");
    Corpus.write(Corpus.Format.MBOX, generated, 20, count, Long.MAX_VALUE, 64 * 1024);
    paths.add(generated);
    Path corpora = MtaInstance.root().resolve("../shared/corpora").normalize();
    for (String sub : new String[] {"mime/stalwart/eml", "mime/mime4j/testmsgs", "bounces/sisimai", "search/notmuch-dev"}) {
      Path p = corpora.resolve(sub);
      if (Files.isDirectory(p)) {
        paths.add(p);
      }
    }
    return paths;
  }

  /** The stored form of every accepted message's content, planned again from its archive. */
  static Map<MessageResult, byte[]> sentContent(
      List<Path> sources, ReplayConfig config, List<MessageResult> results, java.util.Set<String> dropped, boolean endsHeaderAtNonField)
      throws IOException {
    Map<String, RawMessage> bySource = new java.util.HashMap<>();
    try (MessageSource s = MessageSource.archives(sources, config.inMemoryLimit())) {
      RawMessage m;
      while ((m = s.next()) != null) {
        bySource.put(m.source().file() + "@" + m.source().offset(), m);
      }
    }
    ReplayPlanner planner = new ReplayPlanner(config);
    Map<MessageResult, byte[]> sent = new IdentityHashMap<>();
    for (MessageResult r : results) {
      if (r.outcome() == Outcome.ACCEPTED) {
        sent.put(r, DeliveryCheck.asStored(planner.plan(bySource.get(r.source().file() + "@" + r.source().offset())), dropped, endsHeaderAtNonField));
      }
    }
    return sent;
  }

  /**
   * The sources (file name and offset) the problems name as not delivered as sent, sorted; other
   * problems (a wrong envelope, an added field) as they are.
   */
  static List<String> disagreeing(List<String> problems) {
    java.util.TreeSet<String> out = new java.util.TreeSet<>();
    for (String p : problems) {
      int colon = p.indexOf(": not delivered to ");
      if (colon > 0) {
        int at = p.lastIndexOf('@', colon);
        out.add(Path.of(p.substring(0, at)).getFileName() + p.substring(at, colon));
      } else if (!p.contains("content differs from every message sent")) {
        out.add(p);
      }
    }
    return List.copyOf(out);
  }

  /** The known disagreements whose source was replayed (the corpora are absent in CI). */
  static List<String> known(List<String> known, List<Path> sources) {
    boolean corpora = sources.size() > 1;
    return known.stream().filter(k -> corpora || k.startsWith("generated.mbox")).sorted().toList();
  }

  /** How many deliveries the accepted messages make: one per accepted recipient. */
  static int deliveries(List<MessageResult> results) {
    int n = 0;
    for (MessageResult r : results) {
      if (r.outcome() == Outcome.ACCEPTED) {
        n += r.last().acceptedRecipients();
      }
    }
    return n;
  }

  /** An mbox of {@code count} messages of about {@code size} bytes each, to one recipient. */
  static Path large(Path dir, int count, int size) throws IOException {
    Path file = dir.resolve("large-" + size + ".mbox");
    StringBuilder line = new StringBuilder();
    while (line.length() < 76) {
      line.append("large replay message ");
    }
    String body = line.substring(0, 76) + "\n";
    try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(file))) {
      for (int i = 0; i < count; i++) {
        out.write(("From big@origin.test Tue Mar  3 10:00:00 2026\nFrom: big@origin.test\nTo: big" + i
            + "@example.org\nSubject: large " + i + "\n\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        for (int n = 0; n < size; n += body.length()) {
          out.write(body.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        out.write('\n');
      }
    }
    return file;
  }
}
