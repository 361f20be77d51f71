package dev.mailtrace.replay;

import dev.mailtrace.message.Sha256;
import dev.mailtrace.smtp.Envelope;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Compares what an MTA delivered to a Maildir with what a replay sent, message by message: the
 * delivered file must be the MTA's trace fields followed by exactly the bytes sent (from the replay
 * stamp on, line ends as the Maildir stores them), once per accepted recipient, with the envelope
 * sender and recipient in the trace fields.
 */
final class DeliveryCheck {
  private static final byte[] STAMP = "X-Mailtrace-Replay: ".getBytes(StandardCharsets.US_ASCII);

  /** One delivered file, split at the replay stamp. */
  record Delivered(Path file, Map<String, List<String>> trace, byte[] sent) {}

  private DeliveryCheck() {}

  /**
   * The content a replay sends for a planned message, with LF line ends as a Maildir holds it and
   * without the header fields the MTA is documented to drop ({@code dropped}, lower case).
   */
  static byte[] asStored(PlannedMessage p, Set<String> dropped, boolean endsHeaderAtNonField) throws IOException {
    byte[] lf = asStored(p);
    if (dropped.isEmpty() && !endsHeaderAtNonField) {
      return lf;
    }
    // Header fields only: up to the first empty line, folded lines with their field.
    ByteArrayOutputStream out = new ByteArrayOutputStream(lf.length);
    int i = 0;
    boolean skipping = false;
    while (i < lf.length) {
      int end = i;
      while (end < lf.length && lf[end] != '\n') {
        end++;
      }
      end = Math.min(lf.length, end + 1);
      if (end - i == 1) {
        out.write(lf, i, lf.length - i);
        return out.toByteArray();
      }
      boolean continuation = lf[i] == ' ' || lf[i] == '\t';
      if (!continuation) {
        String line = new String(lf, i, end - i, StandardCharsets.ISO_8859_1);
        if (endsHeaderAtNonField && !line.matches("(?s)[!-9;-~]+[ \\t]*:.*")) {
          // The MTA ends the header section at a line that is no field, with an empty line.
          out.write('\n');
          out.write(lf, i, lf.length - i);
          return out.toByteArray();
        }
        int colon = line.indexOf(':');
        skipping = colon > 0 && dropped.contains(line.substring(0, colon).strip().toLowerCase(Locale.ROOT));
      }
      if (!skipping) {
        out.write(lf, i, end - i);
      }
      i = end;
    }
    return out.toByteArray();
  }

  /** The content a replay sends for a planned message, with LF line ends as a Maildir holds it. */
  static byte[] asStored(PlannedMessage p) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) p.size() + 16);
    p.data().writeTo(out, false, true);
    byte[] crlf = out.toByteArray();
    ByteArrayOutputStream lf = new ByteArrayOutputStream(crlf.length);
    for (int i = 0; i < crlf.length; i++) {
      if (crlf[i] == '\r' && i + 1 < crlf.length && crlf[i + 1] == '\n') {
        continue;
      }
      lf.write(crlf[i]);
    }
    return lf.toByteArray();
  }

  /** Every message file in the Maildir's new/ and cur/. */
  static List<Delivered> read(Path maildir) throws IOException {
    List<Delivered> out = new ArrayList<>();
    for (String sub : new String[] {"new", "cur"}) {
      Path d = maildir.resolve(sub);
      if (!Files.isDirectory(d)) {
        continue;
      }
      try (Stream<Path> files = Files.list(d)) {
        for (Path f : files.sorted().toList()) {
          out.add(split(f, Files.readAllBytes(f)));
        }
      }
    }
    return out;
  }

  /** Waits until the Maildir holds {@code count} files (or the time is up); the count it holds. */
  static int await(Path maildir, int count, long millis) throws IOException, InterruptedException {
    long end = System.nanoTime() + millis * 1_000_000;
    int n = 0;
    while (System.nanoTime() < end) {
      n = 0;
      for (String sub : new String[] {"new", "cur"}) {
        Path d = maildir.resolve(sub);
        if (Files.isDirectory(d)) {
          try (Stream<Path> files = Files.list(d)) {
            n += (int) files.count();
          }
        }
      }
      if (n >= count) {
        return n;
      }
      Thread.sleep(100);
    }
    return n;
  }

  private static Delivered split(Path f, byte[] b) {
    int at = -1;
    for (int i = 0; i + STAMP.length <= b.length; i = next(b, i)) {
      if (i < b.length && b[i] == '\n') {
        break; // end of the header section
      }
      if (java.util.Arrays.equals(b, i, i + STAMP.length, STAMP, 0, STAMP.length)) {
        at = i;
        break;
      }
    }
    Map<String, List<String>> trace = new HashMap<>();
    if (at < 0) {
      return new Delivered(f, trace, b);
    }
    String head = new String(b, 0, at, StandardCharsets.UTF_8).replace("\n\t", " ").replace("\n ", " ");
    for (String line : head.split("\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        trace.computeIfAbsent(line.substring(0, colon).toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(line.substring(colon + 1).strip());
      }
    }
    return new Delivered(f, trace, java.util.Arrays.copyOfRange(b, at, b.length));
  }

  private static int next(byte[] b, int i) {
    while (i < b.length && b[i] != '\n') {
      i++;
    }
    return i + 1;
  }

  /**
   * The disagreements between what was sent and what was delivered, one line each: a delivered
   * file matching no sent message, a trace field the MTA should not add, a wrong envelope, a sent
   * message missing for an accepted recipient.
   *
   * @param sent the content of each accepted message as it should be stored, by its result
   * @param traceFields the field names (lower case) the MTA may add before the message
   * @param recipientField the trace field naming the envelope recipient
   */
  static List<String> compare(Map<MessageResult, byte[]> sent, List<Delivered> delivered, Set<String> traceFields, String recipientField) {
    Map<String, List<MessageResult>> byHash = new HashMap<>();
    Map<MessageResult, List<String>> missing = new java.util.IdentityHashMap<>();
    for (Map.Entry<MessageResult, byte[]> e : sent.entrySet()) {
      byHash.computeIfAbsent(Sha256.hex(Sha256.newDigest().digest(e.getValue())), k -> new ArrayList<>()).add(e.getKey());
      List<String> rcpts = new ArrayList<>();
      var t = e.getKey().last();
      for (int i = 0; i < t.recipients().size(); i++) {
        if (t.recipients().get(i).isPositive()) {
          rcpts.add(e.getKey().envelope().recipients().get(i).address().toLowerCase(Locale.ROOT));
        }
      }
      missing.put(e.getKey(), rcpts);
    }
    List<String> problems = new ArrayList<>();
    for (Delivered d : delivered) {
      for (String name : d.trace().keySet()) {
        if (!traceFields.contains(name)) {
          problems.add(d.file().getFileName() + ": the MTA added a field that is not a trace field: " + name);
        }
      }
      List<MessageResult> candidates = byHash.get(Sha256.hex(Sha256.newDigest().digest(d.sent())));
      if (candidates == null) {
        problems.add(d.file().getFileName() + ": content differs from every message sent" + closest(sent, d.sent()));
        continue;
      }
      String rcpt = first(d.trace().get(recipientField));
      String returnPath = first(d.trace().get("return-path"));
      MessageResult match = null;
      for (MessageResult r : candidates) {
        Envelope env = r.envelope();
        if (missing.get(r).contains(rcpt) && ("<" + env.sender() + ">").equalsIgnoreCase(returnPath)) {
          match = r;
          break;
        }
      }
      if (match == null) {
        problems.add(d.file().getFileName() + ": envelope " + returnPath + " -> " + rcpt + " matches no accepted recipient of "
            + candidates.get(0).source().file() + "@" + candidates.get(0).source().offset());
        continue;
      }
      missing.get(match).remove(rcpt);
    }
    missing.forEach((r, left) -> {
      for (String rcpt : left) {
        problems.add(r.source().file() + "@" + r.source().offset() + ": not delivered to " + rcpt);
      }
    });
    return problems;
  }

  private static String first(List<String> values) {
    return values == null || values.isEmpty() ? null : values.get(0).toLowerCase(Locale.ROOT);
  }

  /** Where the delivered bytes first differ from the sent message with the same Message-ID. */
  private static String closest(Map<MessageResult, byte[]> sent, byte[] got) {
    String id = field(got, "Message-ID:");
    String subject = field(got, "Subject:");
    for (Map.Entry<MessageResult, byte[]> e : sent.entrySet()) {
      byte[] want = e.getValue();
      if (id != null ? id.equals(field(want, "Message-ID:")) : subject != null && subject.equals(field(want, "Subject:"))) {
        int at = java.util.Arrays.mismatch(want, got);
        return "; " + e.getKey().source().file() + "@" + e.getKey().source().offset() + " (same Message-ID) differs at byte " + at
            + " of " + want.length + ": sent " + excerpt(want, at) + ", delivered " + excerpt(got, at);
      }
    }
    // The message sharing the longest start and end with what was delivered.
    MessageResult best = null;
    long bestScore = -1;
    for (Map.Entry<MessageResult, byte[]> e : sent.entrySet()) {
      byte[] w = e.getValue();
      int pre = java.util.Arrays.mismatch(w, got);
      int suf = 0;
      while (suf < w.length && suf < got.length && w[w.length - 1 - suf] == got[got.length - 1 - suf]) {
        suf++;
      }
      if (pre + suf > bestScore) {
        bestScore = pre + suf;
        best = e.getKey();
      }
    }
    byte[] want = sent.get(best);
    int at = java.util.Arrays.mismatch(want, got);
    return "; likeliest " + best.source().file() + "@" + best.source().offset() + " differs at byte " + at + " of " + want.length
        + " (delivered " + got.length + "): sent " + excerpt(want, at) + ", delivered " + excerpt(got, at);
  }

  private static String field(byte[] b, String name) {
    String head = new String(b, 0, Math.min(b.length, 65536), StandardCharsets.ISO_8859_1);
    int end = head.indexOf("\n\n");
    head = end < 0 ? head : head.substring(0, end);
    for (String line : head.split("\n")) {
      if (line.regionMatches(true, 0, name, 0, name.length())) {
        return line.substring(name.length()).strip();
      }
    }
    return null;
  }

  private static String excerpt(byte[] b, int at) {
    int from = Math.max(0, at - 20);
    int to = Math.min(b.length, at + 40);
    return "\"" + new String(b, from, to - from, StandardCharsets.ISO_8859_1).replace("\n", "\\n").replace("\r", "\\r") + "\"";
  }
}
