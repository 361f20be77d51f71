package dev.mailtrace.cli;

import dev.mailtrace.auth.AuthTrail;
import dev.mailtrace.json.JsonWriter;
import dev.mailtrace.message.Address;
import dev.mailtrace.message.Header;
import dev.mailtrace.message.Message;
import dev.mailtrace.message.Part;
import dev.mailtrace.message.RawMessage;
import dev.mailtrace.message.Source;
import dev.mailtrace.mime.MessageParser;
import dev.mailtrace.received.HopChain;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mailtrace show}: parses messages and prints each one (a readable summary with its MIME
 * tree, or one JSON object per line), or with {@code --summary} only totals and throughput.
 *
 * <p>Exit code 0 even when messages have problems (they are printed, not failures); 3 when an
 * input cannot be read.
 */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = {
      "Show messages: headers, MIME tree, text, problems, and the verdicts of their Authentication-Results "
          + "and Received-SPF fields with the hop whose server wrote each (JSON: authentication [{hop, field, "
          + "server, verdicts [{method, result, identity, reason}], problems}]).",
      "Exit code 0 when every input was read (problems in messages are output, not failures), "
          + "1 when files or folders could not be read (each skipped with a warning)."
    },
    footer = {
      "",
      "Examples:",
      "  mailtrace show message.eml",
      "  mailtrace show --json archive.mbox | jq .subject",
      "  mailtrace show --index-in-file 3 --json archive.mbox.gz",
      "  mailtrace show --summary ~/Maildir",
      "  mailtrace show --index idx 3f9a2c0d (a SHA-256 prefix or a Message-ID)"
    })
final class ShowCommand implements Callable<Integer> {
  private static final DateTimeFormatter ISO_SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);

  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders to read.")
  List<Path> paths;

  @Option(
      names = "--index-in-file",
      paramLabel = "N",
      description = "Only the message at this position (from 0) in each file.")
  Integer indexInFile;

  @Option(
      names = "--summary",
      description = "Parse everything and print only totals: messages, bytes, problems, parts, "
          + "attachments, elapsed time and throughput.")
  boolean summary;

  @Option(
      names = "--index",
      paramLabel = "DIR",
      description = "Read the message named by PATH (a SHA-256 prefix or Message-ID) from this index.")
  Path index;

  @Override
  public Integer call() throws IOException {
    output.check();
    if (output.csv) {
      throw CliException.usage("'show' has no CSV output; use --json or the default text");
    }
    if (indexInFile != null && indexInFile < 0) {
      throw CliException.usage("--index-in-file must be 0 or more, not " + indexInFile);
    }
    if (index != null) {
      if (paths.size() != 1 || summary) {
        throw CliException.usage("with --index give one message id (a SHA-256 prefix or a Message-ID)");
      }
      PrintWriter out = spec.commandLine().getOut();
      Message m = new MessageParser().parse(IndexedMessage.read(Main.invocation(spec), index, paths.get(0).toString(), spec.commandLine().getErr()));
      print(m, out);
      out.flush();
      return 0;
    }
    Archives archives = new Archives(paths, spec.commandLine().getErr());
    PrintWriter out = spec.commandLine().getOut();
    if (summary) {
      summarise(archives, out);
    } else {
      archives.read(this::isChosen, m -> print(m, out));
    }
    out.flush();
    return archives.finish();
  }

  /** Whether {@code --index-in-file} (when given) keeps this message. */
  private boolean isChosen(RawMessage raw) {
    return indexInFile == null || raw.index() == indexInFile;
  }

  private void print(Message m, PrintWriter out) {
    if (output.json) {
      new JsonWriter(out).value(json(m)).newline();
    } else {
      printReadable(m, out);
    }
  }

  // ---- JSON ----

  /** The JSON form of a message, with exactly the keys the command documents. */
  static Map<String, Object> json(Message m) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("source", json(m.source()));
    List<Object> headers = new ArrayList<>(m.headers().size());
    for (Header h : m.headers()) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("name", h.name());
      f.put("value", h.value());
      headers.add(f);
    }
    o.put("headers", headers);
    o.put("subject", m.subject());
    o.put("date", m.date() == null ? null : iso(m.date()));
    o.put("from", addresses(m.from()));
    o.put("sender", addresses(m.sender()));
    o.put("replyTo", addresses(m.replyTo()));
    o.put("to", addresses(m.to()));
    o.put("cc", addresses(m.cc()));
    o.put("bcc", addresses(m.bcc()));
    o.put("messageId", m.messageId());
    o.put("inReplyTo", m.inReplyTo());
    o.put("references", m.references());
    List<Object> parts = new ArrayList<>();
    for (Part p : m.leaves()) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("path", p.path());
      j.put("contentType", p.contentType());
      j.put("charset", p.charset());
      j.put("transferEncoding", p.transferEncoding());
      j.put("disposition", p.disposition());
      j.put("filename", p.filename());
      j.put("size", p.size());
      j.put("sha256", p.sha256());
      parts.add(j);
    }
    o.put("parts", parts);
    o.put("text", m.text());
    o.put("problems", m.problems());
    o.put("authentication", AuthJson.trail(AuthTrail.of(m, HopChain.of(m))));
    return o;
  }

  /** Where a message came from, as the JSON outputs write it: file, offset, length, sha256. */
  static Map<String, Object> json(Source s) {
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("file", s.file());
    source.put("offset", s.offset());
    source.put("length", s.length());
    source.put("sha256", s.sha256());
    return source;
  }

  /** ISO-8601 with seconds always written and the message's own offset ("+02:00"). */
  static String iso(OffsetDateTime d) {
    return ISO_SECONDS.format(d);
  }

  private static List<Object> addresses(List<Address> list) {
    List<Object> out = new ArrayList<>(list.size());
    for (Address a : list) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("name", a.name());
      j.put("address", a.address());
      out.add(j);
    }
    return out;
  }

  // ---- readable ----

  private static void printReadable(Message m, PrintWriter out) {
    var s = m.source();
    out.printf(Locale.ROOT, "== %s #%d (offset %d, %d bytes)%n", s.file(), m.index(), s.offset(), s.length());
    out.println("Date:     " + (m.date() == null ? "-" : iso(m.date())));
    out.println("From:     " + readable(m.from()));
    out.println("To:       " + readable(m.to()));
    if (!m.cc().isEmpty()) {
      out.println("Cc:       " + readable(m.cc()));
    }
    out.println("Subject:  " + (m.subject() == null ? "-" : oneLine(m.subject())));
    AuthTrail trail = AuthTrail.of(m, HopChain.of(m));
    for (AuthTrail.AuthField f : trail.fields()) {
      out.printf(Locale.ROOT, "Auth:     hop %d %s: %s%s%n", f.hop(), f.server() == null ? "?" : f.server(),
          oneLine(AuthJson.line(f.verdicts())), f.problems().isEmpty() ? "" : "  ! " + oneLine(String.join("; ", f.problems())));
    }
    if (m.problems().isEmpty()) {
      out.println("Problems: none");
    } else {
      out.println("Problems:");
      for (String p : m.problems()) {
        out.println("  ! " + p);
      }
    }
    out.println("MIME:");
    tree(m.root(), 1, out);
    out.println();
  }

  private static void tree(Part p, int depth, PrintWriter out) {
    StringBuilder line = new StringBuilder();
    line.append("  ".repeat(depth));
    if (!p.path().isEmpty()) {
      line.append(p.path()).append(' ');
    }
    line.append(p.contentType());
    if (p.charset() != null) {
      line.append("; charset=").append(p.charset());
    }
    if (p.isLeaf()) {
      if (!p.transferEncoding().equals("7bit")) {
        line.append(" [").append(p.transferEncoding()).append(']');
      }
      if (p.disposition() != null) {
        line.append(' ').append(p.disposition());
      }
      if (p.filename() != null) {
        line.append(" \"").append(oneLine(p.filename())).append('"');
      }
      line.append(" (").append(p.size()).append(" bytes)");
    }
    out.println(line);
    for (Part c : p.children()) {
      tree(c, depth + 1, out);
    }
  }

  private static String readable(List<Address> list) {
    if (list.isEmpty()) {
      return "-";
    }
    StringBuilder b = new StringBuilder();
    for (Address a : list) {
      if (!b.isEmpty()) {
        b.append(", ");
      }
      if (a.name() != null && !a.name().isEmpty()) {
        b.append(oneLine(a.name())).append(" <").append(a.address()).append('>');
      } else {
        b.append(a.address());
      }
    }
    return b.toString();
  }

  private static String oneLine(String s) {
    return s.replace('\r', ' ').replace('\n', ' ');
  }

  // ---- summary ----

  /** Totals over every message, parsed on a fixed pool sized to the cores. */
  private void summarise(Archives archives, PrintWriter out) throws IOException {
    LongAdder messages = new LongAdder();
    LongAdder bytes = new LongAdder();
    LongAdder withProblems = new LongAdder();
    LongAdder parts = new LongAdder();
    LongAdder attachments = new LongAdder();
    int threads = Archives.threads();
    long start = System.nanoTime();
    archives.parseInParallel(this::isChosen, p -> {
      Message m = p.message();
      messages.increment();
      bytes.add(p.raw().source().length());
      if (!m.problems().isEmpty()) {
        withProblems.increment();
      }
      for (Part leaf : m.leaves()) {
        parts.increment();
        if (leaf.isAttachment()) {
          attachments.increment();
        }
      }
    });
    double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
    long n = messages.sum();
    long b = bytes.sum();
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("messages", n);
    o.put("bytes", b);
    o.put("messagesWithProblems", withProblems.sum());
    o.put("parts", parts.sum());
    o.put("attachments", attachments.sum());
    o.put("elapsedSeconds", round(seconds));
    o.put("messagesPerSecond", round(n / seconds));
    o.put("megabytesPerSecond", round(b / 1e6 / seconds));
    o.put("threads", threads);
    o.put("unreadable", archives.unreadable());
    if (output.json) {
      new JsonWriter(out).value(o).newline();
    } else {
      out.printf(Locale.ROOT,
          "messages: %d  bytes: %d  with problems: %d  parts: %d  attachments: %d%n"
              + "elapsed: %.3f s  %.0f msgs/s  %.1f MB/s  (%d threads)%s%n",
          n, b, withProblems.sum(), parts.sum(), attachments.sum(), seconds, n / seconds,
          b / 1e6 / seconds, threads, archives.unreadable() == 0 ? "" : "  unreadable: " + archives.unreadable());
    }
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
