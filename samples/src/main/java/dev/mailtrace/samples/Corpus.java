package dev.mailtrace.samples;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Command-line entry point: writes a generated corpus as an mbox, a Maildir or both.
 *
 * <pre>
 * java -cp samples/target/classes dev.mailtrace.samples.Corpus \
 *     --format mbox --count 1000 --seed 42 --out /tmp/corpus.mbox
 * </pre>
 *
 * <p>Options: {@code --format mbox|maildir|both}, {@code --count N}, {@code --size-bytes N[K|M|G]}
 * (stop once that many bytes are written; with both limits, whichever comes first), {@code --seed S}
 * (default 1), {@code --out PATH} (a file for mbox, a folder for maildir, a folder holding {@code
 * archive.mbox} and {@code maildir/} for both), {@code --max-attachment-bytes N}, {@code --labels
 * FILE} (one JSON object per message with what the generator put in: kind, defect, bounce reason,
 * status, hop count...; see {@link Sample#facts()}). Prints one summary line per fact to standard
 * output, starting with {@code messages=N}.
 */
public final class Corpus {
  private Corpus() {}

  /** What to write. */
  public enum Format {
    MBOX,
    MAILDIR,
    BOTH
  }

  /**
   * What was written.
   *
   * @param messages messages written (duplicates counted each time they were written)
   * @param bytes bytes of the mbox (mbox, both) or of the message files (maildir)
   * @param kinds messages per kind
   */
  public record Summary(int messages, long bytes, Map<Kind, Integer> kinds) {}

  /** Runs the command line; exits with 2 on bad usage. */
  public static void main(String[] args) throws IOException {
    try {
      run(args, System.out);
    } catch (IllegalArgumentException e) {
      System.err.println("corpus: " + e.getMessage());
      System.err.println(
          "usage: Corpus --format mbox|maildir|both (--count N | --size-bytes N[K|M|G]) [--seed S]"
              + " --out PATH [--max-attachment-bytes N]");
      System.exit(2);
    }
  }

  /** Parses the arguments, writes the corpus and prints its summary to {@code out}. */
  public static Summary run(String[] args, PrintStream out) throws IOException {
    Format format = null;
    long count = -1;
    long size = -1;
    long seed = 1;
    Path path = null;
    int maxAttachment = SampleGenerator.DEFAULT_MAX_ATTACHMENT_BYTES;
    Path labels = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value after " + a);
      }
      String v = args[++i];
      switch (a) {
        case "--format" -> format = Format.valueOf(v.toUpperCase(Locale.ROOT));
        case "--count" -> count = number(v);
        case "--size-bytes" -> size = number(v);
        case "--seed" -> seed = Long.parseLong(v);
        case "--out" -> path = Path.of(v);
        case "--max-attachment-bytes" -> maxAttachment = (int) number(v);
        case "--labels" -> labels = Path.of(v);
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    if (format == null || path == null || (count < 0 && size < 0)) {
      throw new IllegalArgumentException("--format, --out and --count or --size-bytes are required");
    }
    Summary s = write(format, path, seed, count < 0 ? Long.MAX_VALUE : count, size < 0 ? Long.MAX_VALUE : size, maxAttachment, labels);
    out.println("messages=" + s.messages());
    out.println("bytes=" + s.bytes());
    out.println("seed=" + seed);
    out.println("format=" + format.name().toLowerCase(Locale.ROOT));
    out.println("out=" + path);
    StringBuilder kinds = new StringBuilder("kinds=");
    s.kinds().forEach((k, n) -> kinds.append(k.name().toLowerCase(Locale.ROOT)).append(':').append(n).append(' '));
    out.println(kinds.toString().trim());
    return s;
  }

  /**
   * Writes messages until {@code count} are written or at least {@code maxBytes} bytes are.
   * Streams: memory holds one message at a time.
   */
  public static Summary write(Format format, Path path, long seed, long count, long maxBytes, int maxAttachment)
      throws IOException {
    return write(format, path, seed, count, maxBytes, maxAttachment, null);
  }

  /**
   * As {@link #write(Format, Path, long, long, long, int)}, and with {@code labels} not null also
   * writes one JSON line per message there (UTF-8): {@code index}, {@code kind}, {@code
   * malformation}, {@code reply}, {@code crlf}, {@code bytes} and the sample's facts.
   */
  public static Summary write(
      Format format, Path path, long seed, long count, long maxBytes, int maxAttachment, Path labels)
      throws IOException {
    SampleGenerator gen = new SampleGenerator(seed, maxAttachment);
    Path mboxPath = format == Format.BOTH ? path.resolve("archive.mbox") : path;
    Path maildirPath = format == Format.BOTH ? path.resolve("maildir") : path;
    MboxWriter mbox = null;
    MaildirWriter maildir = null;
    if (format != Format.MAILDIR) {
      Path parent = mboxPath.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      OutputStream os = Files.newOutputStream(mboxPath);
      mbox = new MboxWriter(os);
    }
    if (format != Format.MBOX) {
      maildir = new MaildirWriter(maildirPath);
    }
    Map<Kind, Integer> kinds = new EnumMap<>(Kind.class);
    int n = 0;
    long bytes = 0;
    java.io.Writer labelOut = labels == null ? null
        : Files.newBufferedWriter(labels, java.nio.charset.StandardCharsets.UTF_8);
    try {
      while (n < count && bytes < maxBytes) {
        Sample s = gen.next();
        if (mbox != null) {
          mbox.write(s);
        }
        if (maildir != null) {
          maildir.write(s);
        }
        if (labelOut != null) {
          labelOut.write(label(s));
          labelOut.write('\n');
        }
        bytes = mbox != null ? mbox.bytesWritten() : maildir.bytesWritten();
        kinds.merge(s.kind(), 1, Integer::sum);
        n++;
      }
    } finally {
      if (mbox != null) {
        mbox.close();
      }
      if (labelOut != null) {
        labelOut.close();
      }
    }
    return new Summary(n, bytes, kinds);
  }

  /** One JSON object describing a sample (RFC 8259), without a line end. */
  static String label(Sample s) {
    StringBuilder sb = new StringBuilder(256);
    sb.append("{\"index\":").append(s.index());
    sb.append(",\"kind\":\"").append(s.kind().name().toLowerCase(Locale.ROOT)).append('"');
    sb.append(",\"malformation\":");
    if (s.malformation() == null) {
      sb.append("null");
    } else {
      sb.append('"').append(s.malformation().name().toLowerCase(Locale.ROOT)).append('"');
    }
    sb.append(",\"reply\":").append(s.reply()).append(",\"crlf\":").append(s.crlf());
    sb.append(",\"bytes\":").append(s.content().length);
    new java.util.TreeMap<>(s.facts()).forEach((k, v) -> {
      sb.append(",\"").append(k).append("\":");
      boolean numeric = k.equals("hops") || k.equals("date") || k.equals("reply-code");
      if (numeric) {
        sb.append(v);
      } else {
        quote(v, sb);
      }
    });
    return sb.append('}').toString();
  }

  private static void quote(String v, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  private static long number(String v) {
    String s = v.trim().toUpperCase(Locale.ROOT);
    long mul = 1;
    if (s.endsWith("B")) {
      s = s.substring(0, s.length() - 1);
    }
    switch (s.isEmpty() ? ' ' : s.charAt(s.length() - 1)) {
      case 'K' -> mul = 1L << 10;
      case 'M' -> mul = 1L << 20;
      case 'G' -> mul = 1L << 30;
      default -> mul = 1;
    }
    if (mul > 1) {
      s = s.substring(0, s.length() - 1);
    }
    try {
      return Long.parseLong(s) * mul;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number: " + v);
    }
  }
}
