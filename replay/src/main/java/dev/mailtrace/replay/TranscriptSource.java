package dev.mailtrace.replay;

import dev.mailtrace.message.RawMessage;
import dev.mailtrace.message.Sha256;
import dev.mailtrace.message.Source;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Messages and envelopes from captured SMTP sessions, in either of two layouts, told apart by the
 * first line:
 *
 * <ul>
 *   <li>Postfix smtp-sink dumps ({@code -d}/{@code -D}): per transaction {@code X-Client-Addr},
 *       {@code X-Mail-Args: <sender> ...}, one {@code X-Rcpt-Args: <rcpt> ...} per recipient, the
 *       Received field smtp-sink adds (left out), then the message up to the blank line before the
 *       next {@code X-Client-Addr};
 *   <li>plain transcripts: {@code C: } lines for what the client sent and {@code S: } lines for the
 *       server's replies; the message is the client's lines between DATA and the lone dot, with
 *       dot-stuffing undone.
 * </ul>
 *
 * <p>The obsolete transaction verbs of RFC 821 (SEND, SOML and SAML, which delivered to a user's
 * terminal) give a transaction that is reported as not replayable and never sent; TURN (role
 * reversal, RFC 821 section 3.8) is reported the same way. Each transaction's provenance is its
 * byte range in the transcript with that range's SHA-256.
 */
public final class TranscriptSource implements MessageSource {
  private static final int MAX_LINE = 1 << 20;

  private final Deque<Path> todo;
  private final Deque<Captured> ready = new ArrayDeque<>();
  private Capture current;

  private record Captured(RawMessage message, Capture capture) {}

  private TranscriptSource(List<Path> files) {
    this.todo = new ArrayDeque<>(files);
  }

  /** The transactions of these transcript files, in order. */
  public static TranscriptSource of(List<Path> files) {
    return new TranscriptSource(files);
  }

  @Override
  public RawMessage next() throws IOException {
    while (ready.isEmpty()) {
      Path p = todo.poll();
      if (p == null) {
        current = null;
        return null;
      }
      read(p);
    }
    Captured c = ready.poll();
    current = c.capture;
    return c.message;
  }

  @Override
  public Capture capture() {
    return current;
  }

  /** One line of the file with its position; {@code text} without its line end. */
  private record Line(long offset, long end, String text, byte[] bytes, byte[] raw) {}

  private void read(Path file) throws IOException {
    List<Line> lines = new ArrayList<>();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      ByteArrayOutputStream line = new ByteArrayOutputStream(256);
      long offset = 0;
      long start = 0;
      int b;
      while ((b = in.read()) >= 0) {
        offset++;
        if (b == '\n') {
          lines.add(line(start, offset, line.toByteArray()));
          line.reset();
          start = offset;
        } else if (line.size() < MAX_LINE) {
          line.write(b);
        }
      }
      if (line.size() > 0) {
        lines.add(line(start, offset, line.toByteArray()));
      }
    }
    String first = lines.stream().map(Line::text).filter(t -> !t.isBlank()).findFirst().orElse("");
    if (first.startsWith("X-Client-Addr:") || first.startsWith("X-Mail-Args:") || first.startsWith("X-Client-Proto:")) {
      readSinkDump(file, lines);
    } else {
      readClientServer(file, lines);
    }
  }

  private static Line line(long start, long end, byte[] raw) {
    int n = raw.length;
    if (n > 0 && raw[n - 1] == '\r') {
      n--;
    }
    byte[] bytes = java.util.Arrays.copyOf(raw, n);
    return new Line(start, end, new String(bytes, StandardCharsets.UTF_8), bytes, raw);
  }

  private void readSinkDump(Path file, List<Line> lines) throws IOException {
    int i = 0;
    while (i < lines.size()) {
      if (!lines.get(i).text().startsWith("X-Client-Addr:") && !lines.get(i).text().startsWith("X-Mail-Args:")) {
        i++;
        continue;
      }
      int start = i;
      String sender = null;
      List<String> rcpts = new ArrayList<>();
      while (i < lines.size() && lines.get(i).text().startsWith("X-")) {
        String t = lines.get(i).text();
        if (t.startsWith("X-Mail-Args:")) {
          sender = angle(t.substring("X-Mail-Args:".length()));
        } else if (t.startsWith("X-Rcpt-Args:")) {
          rcpts.add(angle(t.substring("X-Rcpt-Args:".length())));
        }
        i++;
      }
      // The Received field smtp-sink adds is the capture's, not the message's.
      if (i < lines.size() && lines.get(i).text().startsWith("Received:") && isSinkReceived(lines, i)) {
        i++;
        while (i < lines.size() && (lines.get(i).text().startsWith(" ") || lines.get(i).text().startsWith("\t"))) {
          i++;
        }
      }
      int bodyFrom = i;
      int end = i;
      while (end < lines.size() && !(lines.get(end).text().isEmpty() && end + 1 < lines.size()
          && lines.get(end + 1).text().startsWith("X-Client-Addr:"))) {
        end++;
      }
      int bodyTo = end;
      if (bodyTo == lines.size() && bodyTo > bodyFrom && lines.get(bodyTo - 1).text().isEmpty()) {
        bodyTo--; // the blank line smtp-sink writes after each message
      }
      ByteArrayOutputStream content = new ByteArrayOutputStream();
      for (int k = bodyFrom; k < bodyTo; k++) {
        content.writeBytes(lines.get(k).bytes());
        content.write('\n');
      }
      add(file, lines, start, end, content.toByteArray(),
          new Capture(sender == null ? "" : sender, rcpts, sender == null ? "no X-Mail-Args line: no sender captured" : null));
      i = end + 1;
    }
  }

  private static boolean isSinkReceived(List<Line> lines, int i) {
    for (int k = i; k < lines.size() && k < i + 4; k++) {
      if (lines.get(k).text().contains("by smtp-sink")) {
        return true;
      }
    }
    return false;
  }

  private void readClientServer(Path file, List<Line> lines) throws IOException {
    String sender = null;
    String obsolete = null;
    List<String> rcpts = new ArrayList<>();
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      String t = lines.get(i).text();
      String c = client(t);
      if (c == null) {
        continue;
      }
      String upper = c.toUpperCase(Locale.ROOT);
      String verb = upper.split("[ :]", 2)[0];
      switch (verb) {
        case "MAIL", "SEND", "SOML", "SAML" -> {
          start = i;
          sender = angle(c.substring(c.indexOf(':') + 1));
          rcpts = new ArrayList<>();
          obsolete = verb.equals("MAIL") ? null
              : verb + " (RFC 821: deliver to a user's terminal" + (verb.equals("SEND") ? "" : verb.equals("SOML") ? " or mailbox" : " and mailbox")
                  + ") is obsolete and not replayable: not sent";
        }
        case "RCPT" -> rcpts.add(angle(c.substring(c.indexOf(':') + 1)));
        case "RSET" -> {
          sender = null;
          start = -1;
        }
        case "TURN" -> add(file, lines, i, i, new byte[0],
            new Capture("", List.of(), "TURN (RFC 821 section 3.8: the client and server swap roles) is obsolete and not replayable: not sent"));
        case "DATA" -> {
          ByteArrayOutputStream content = new ByteArrayOutputStream();
          int k = i + 1;
          for (; k < lines.size(); k++) {
            String d = client(lines.get(k).text());
            if (d == null) {
              continue; // the 354 and any other server line
            }
            if (d.equals(".")) {
              break;
            }
            byte[] raw = lines.get(k).bytes();
            int skip = raw.length - d.getBytes(StandardCharsets.UTF_8).length;
            // RFC 5321 section 4.5.2: a leading dot was doubled by the client.
            if (d.startsWith(".")) {
              skip++;
            }
            content.write(raw, skip, raw.length - skip);
            content.write('\n');
          }
          if (sender != null) {
            add(file, lines, start < 0 ? i : start, Math.min(k, lines.size() - 1), content.toByteArray(), new Capture(sender, rcpts, obsolete));
          }
          sender = null;
          start = -1;
          i = k;
        }
        default -> {
          // EHLO, HELO, STARTTLS, AUTH, NOOP, QUIT...: session commands, nothing to replay
        }
      }
    }
  }

  /** The client's text of a {@code C:} line, or null for any other line. */
  private static String client(String line) {
    if (line.startsWith("C: ")) {
      return line.substring(3);
    }
    if (line.startsWith("C:")) {
      return line.substring(2);
    }
    return null;
  }

  /** The address in angle brackets at the start of SMTP arguments ("" for {@code <>}). */
  private static String angle(String args) {
    String a = args.strip();
    if (a.startsWith("<")) {
      int close = a.indexOf('>');
      return close < 0 ? a.substring(1) : a.substring(1, close);
    }
    int space = a.indexOf(' ');
    return space < 0 ? a : a.substring(0, space);
  }

  private void add(Path file, List<Line> lines, int from, int to, byte[] content, Capture capture) {
    long offset = lines.get(from).offset();
    long end = lines.get(Math.min(to, lines.size() - 1)).end();
    MessageDigest sha = Sha256.newDigest();
    for (int k = from; k <= to && k < lines.size(); k++) {
      sha.update(lines.get(k).raw());
      if (lines.get(k).end() - lines.get(k).offset() > lines.get(k).raw().length) {
        sha.update((byte) '\n');
      }
    }
    Source source = new Source(file.toString(), offset, end - offset, Sha256.hex(sha.digest()));
    ready.add(new Captured(new RawMessage(source, index++, null, content), capture));
  }

  private int index;
}
