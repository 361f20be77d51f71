package dev.mailtrace.cli;

import dev.mailtrace.auth.AuthTrail;
import dev.mailtrace.json.JsonWriter;
import dev.mailtrace.message.Message;
import dev.mailtrace.received.Anomaly;
import dev.mailtrace.received.Hop;
import dev.mailtrace.received.HopChain;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mailtrace routes}: the Received trace path of each message, hop by hop, oldest first,
 * with delays and anomalies; or with {@code --summary} figures over a whole archive.
 *
 * <p>Exit code 0 when every input was read (anomalies are output, not failures); 3 when an input
 * cannot be read.
 */
@Command(
    name = "routes",
    mixinStandardHelpOptions = true,
    description = {
      "Show the Received trace path of each message, hop by hop (oldest first): date, delay, "
          + "sender host, receiving host, protocol, TLS and queue id, then the anomalies "
          + "(clock skew, missing dates, private addresses on the public path, by/from mismatches, "
          + "slow hops), and what each hop's server said in its Authentication-Results and Received-SPF "
          + "fields (method, result, identity).",
      "JSON: one object per message with source {file, offset, length, sha256}, index, messageId, "
          + "hops (oldest first, with delayMs, share in per cent and auth [{field, server, method, result, "
          + "identity, reason, problems}]), total (ISO-8601 duration), totalMs, anomalies {kind, hop, detail} "
          + "and the message's problems (a limit that cut its Received fields shows there). CSV: one row per hop.",
      "Exit code 0 when every input was read, 1 when files or folders could not be read (each skipped with a warning), 3 when nothing could be done."
    },
    footer = {
      "",
      "Examples:",
      "  mailtrace routes message.eml",
      "  mailtrace routes --json archive.mbox | jq '.anomalies[]'",
      "  mailtrace routes --csv ~/Maildir > hops.csv",
      "  mailtrace routes --summary archive.mbox.gz"
    })
final class RoutesCommand implements Callable<Integer> {
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx", Locale.ROOT);

  /** ISO-8601 with the date's own offset; milliseconds only when the field had a fraction. */
  static String iso(OffsetDateTime d) {
    return d == null ? null : d.getNano() >= 1_000_000 ? ISO_MILLIS.format(d) : ShowCommand.iso(d);
  }

  private static final String[] CSV_HEADER = {
    "file", "offset", "index", "messageId", "hop", "date", "delayMs", "share", "from", "helo", "reverseDns", "ip",
    "by", "with", "tlsVersion", "tlsCipher", "id", "for", "envelopeFrom", "authMethod", "relay", "anomalies", "auth"
  };

  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders to read.")
  List<Path> paths;

  @Option(
      names = "--summary",
      description = "Only figures over all messages: hops per message, slowest hops, most common "
          + "relays, anomaly counts.")
  boolean summary;

  @Option(
      names = "--top",
      paramLabel = "N",
      defaultValue = "10",
      description = "Length of the --summary lists (default: ${DEFAULT-VALUE}).")
  int top;

  @Override
  public Integer call() throws IOException {
    output.check();
    if (top < 1) {
      throw CliException.usage("--top must be 1 or more, not " + top);
    }
    Archives archives = new Archives(paths, spec.commandLine().getErr());
    PrintWriter out = spec.commandLine().getOut();
    if (summary) {
      summarise(archives, out);
    } else {
      list(archives, out);
    }
    out.flush();
    return archives.finish();
  }

  // ---- per message ----

  private void list(Archives archives, PrintWriter out) throws IOException {
    CSVPrinter csv = output.csv ? CSVFormat.RFC4180.builder().setHeader(CSV_HEADER).get().print(out) : null;
    archives.read(m -> {
      HopChain chain = HopChain.of(m);
      if (output.json) {
        new JsonWriter(out).value(json(m, chain)).newline();
      } else if (csv != null) {
        csvRows(csv, m, chain);
      } else {
        printTable(out, m, chain);
      }
    });
    if (csv != null) {
      csv.flush();
    }
  }

  /** The JSON form of one message's route, with exactly the keys the command documents. */
  static Map<String, Object> json(Message m, HopChain chain) {
    AuthTrail trail = AuthTrail.of(m, chain);
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("source", ShowCommand.json(m.source()));
    o.put("index", m.index());
    o.put("messageId", m.messageId());
    List<Object> hops = new ArrayList<>(chain.hops().size());
    for (int i = 0; i < chain.hops().size(); i++) {
      Hop h = chain.hops().get(i);
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("hop", i + 1);
      j.put("date", iso(h.date()));
      Duration d = chain.delays().get(i);
      j.put("delayMs", d == null ? null : d.toMillis());
      j.put("share", Math.round(chain.shares().get(i) * 100) / 100.0);
      j.put("from", h.from());
      j.put("helo", h.helo());
      j.put("reverseDns", h.reverseDns());
      j.put("ip", h.ip());
      j.put("ident", h.ident());
      j.put("by", h.by());
      j.put("via", h.via());
      j.put("with", h.with());
      j.put("withText", h.withText());
      j.put("id", h.id());
      j.put("for", h.forAddress());
      j.put("envelopeFrom", h.envelopeFrom());
      j.put("tlsVersion", h.tlsVersion());
      j.put("tlsCipher", h.tlsCipher());
      j.put("authUser", h.authUser());
      j.put("authMethod", h.authMethod());
      j.put("relay", h.isRelay());
      j.put("problems", h.problems());
      j.put("raw", h.raw());
      j.put("auth", hopAuth(trail, i + 1));
      hops.add(j);
    }
    o.put("hops", hops);
    // ISO-8601 duration ("PT5H10M14S") and the same in milliseconds
    o.put("total", chain.total() == null ? null : chain.total().toString());
    o.put("totalMs", chain.total() == null ? null : chain.total().toMillis());
    List<Object> anomalies = new ArrayList<>(chain.findings().size());
    for (Anomaly a : chain.findings()) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("kind", a.kind().label());
      j.put("hop", a.hop());
      j.put("detail", a.detail());
      anomalies.add(j);
    }
    o.put("anomalies", anomalies);
    // The message's own problems: a limit that cut its header (and so its Received fields) shows here.
    o.put("problems", m.problems());
    return o;
  }

  /** The verdicts of the Authentication-Results and Received-SPF fields placed on hop {@code hop}. */
  private static List<Object> hopAuth(AuthTrail trail, int hop) {
    List<Object> out = new ArrayList<>();
    for (AuthTrail.AuthField f : trail.fields()) {
      if (f.hop() != hop) {
        continue;
      }
      for (AuthTrail.Verdict v : f.verdicts()) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("field", f.name());
        j.put("server", f.server());
        AuthJson.verdict(v, j).put("problems", f.problems());
        out.add(j);
      }
    }
    return out;
  }

  private static void csvRows(CSVPrinter csv, Message m, HopChain chain) throws IOException {
    AuthTrail trail = AuthTrail.of(m, chain);
    for (int i = 0; i < chain.hops().size(); i++) {
      Hop h = chain.hops().get(i);
      Duration d = chain.delays().get(i);
      StringBuilder anomalies = new StringBuilder();
      for (Anomaly a : chain.findings()) {
        if (a.hop() == i + 1) {
          if (anomalies.length() > 0) {
            anomalies.append("; ");
          }
          anomalies.append(a.kind().label()).append(": ").append(a.detail());
        }
      }
      csv.printRecord(m.source().file(), m.source().offset(), m.index(), m.messageId(), i + 1,
          iso(h.date()), d == null ? null : d.toMillis(),
          String.format(Locale.ROOT, "%.2f", chain.shares().get(i)), h.from(), h.helo(), h.reverseDns(), h.ip(),
          h.by(), protocol(h), h.tlsVersion(), h.tlsCipher(), h.id(), h.forAddress(), h.envelopeFrom(),
          h.authMethod(), h.isRelay(), anomalies.toString(), AuthJson.line(trail.verdictsOf(i + 1)));
    }
  }

  private static final String[] TABLE_HEADER = {"#", "date", "delay", "from", "by", "with", "TLS", "id"};
  private static final int MAX_CELL = 48;

  private static void printTable(PrintWriter out, Message m, HopChain chain) {
    var s = m.source();
    out.printf(Locale.ROOT, "== %s #%d (offset %d, %d bytes)%s%n", s.file(), m.index(), s.offset(), s.length(),
        m.messageId() == null ? "" : " <" + m.messageId() + ">");
    if (chain.hops().isEmpty()) {
      out.println("no Received fields");
      printProblems(out, m);
      out.println();
      return;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(TABLE_HEADER);
    for (int i = 0; i < chain.hops().size(); i++) {
      Hop h = chain.hops().get(i);
      Duration d = chain.delays().get(i);
      rows.add(new String[] {
        Integer.toString(i + 1) + (h.isRelay() ? "" : "*"),
        h.date() == null ? "-" : ShowCommand.iso(h.date()),
        d == null ? "-" : shortDelay(d),
        sender(h),
        dash(h.by()),
        dash(protocol(h)),
        tls(h),
        dash(h.id())
      });
    }
    int[] width = new int[TABLE_HEADER.length];
    for (String[] r : rows) {
      for (int c = 0; c < r.length; c++) {
        r[c] = cell(r[c]);
        width[c] = Math.max(width[c], r[c].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < r.length; c++) {
        line.append(r[c]);
        if (c < r.length - 1) {
          line.append(" ".repeat(width[c] - r[c].length() + 2));
        }
      }
      out.println(line.toString().stripTrailing());
    }
    out.println("total: " + (chain.total() == null ? "-" : shortDelay(chain.total()))
        + "   (* = local handoff, not a relay)");
    AuthTrail trail = AuthTrail.of(m, chain);
    if (!trail.fields().isEmpty()) {
      out.println("authentication (per hop, as each server stated it):");
      for (AuthTrail.AuthField f : trail.fields()) {
        out.printf(Locale.ROOT, "  %d %s: %s%s%n", f.hop(), f.server() == null ? "?" : f.server(),
            AuthJson.line(f.verdicts()), f.problems().isEmpty() ? "" : "  ! " + String.join("; ", f.problems()));
      }
    }
    if (chain.findings().isEmpty()) {
      out.println("anomalies: none");
    } else {
      out.println("anomalies:");
      for (String a : chain.anomalies()) {
        out.println("  " + a);
      }
    }
    printProblems(out, m);
    out.println();
  }

  /** The message's problems under its route: a cut header section means a cut trace. */
  private static void printProblems(PrintWriter out, Message m) {
    for (String p : m.problems()) {
      out.println("  ! " + p);
    }
  }

  /** "from-name (helo H) [ip]": the sender as the receiving hop saw it. */
  private static String sender(Hop h) {
    StringBuilder b = new StringBuilder();
    if (h.from() != null) {
      b.append(h.from());
    }
    if (h.helo() != null && !h.helo().isEmpty() && !h.helo().equals(h.from())) {
      b.append(b.length() > 0 ? " " : "").append("helo=").append(h.helo());
    }
    if (h.ip() != null && (h.from() == null || !h.from().equals("[" + h.ip() + "]"))) {
      b.append(b.length() > 0 ? " " : "").append('[').append(h.ip()).append(']');
    }
    return b.length() == 0 ? "-" : b.toString();
  }

  private static String protocol(Hop h) {
    if (h.with() != null) {
      return h.with();
    }
    if (h.withText() == null) {
      return null;
    }
    int space = h.withText().indexOf(' ');
    return space < 0 ? h.withText() : h.withText().substring(0, space);
  }

  private static String tls(Hop h) {
    if (h.tlsVersion() == null && h.tlsCipher() == null) {
      return "-";
    }
    if (h.tlsCipher() == null) {
      return h.tlsVersion();
    }
    return h.tlsVersion() == null ? h.tlsCipher() : h.tlsVersion() + " " + h.tlsCipher();
  }

  private static String cell(String v) {
    String one = v.replace('\r', ' ').replace('\n', ' ').replace('\t', ' ');
    return one.length() <= MAX_CELL ? one : one.substring(0, MAX_CELL - 3) + "...";
  }

  private static String dash(String v) {
    return v == null || v.isEmpty() ? "-" : v;
  }

  /** 0.041s, 13s, 5m13s, 2h05m, -3s. */
  static String shortDelay(Duration d) {
    long ms = d.toMillis();
    String sign = ms < 0 ? "-" : "";
    ms = Math.abs(ms);
    if (ms < 1000) {
      return sign + (ms == 0 ? "0s" : String.format(Locale.ROOT, "%.3fs", ms / 1000.0));
    }
    long s = ms / 1000;
    if (s < 60) {
      return sign + s + "s";
    }
    if (s < 3600) {
      return sign + String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    if (s < 86_400) {
      return sign + String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60);
    }
    return sign + String.format(Locale.ROOT, "%dd%02dh", s / 86_400, s / 3600 % 24);
  }

  // ---- summary ----

  /** One slow hop for the --summary list. */
  private record SlowHop(long delayMs, String file, int index, String messageId, String from, String by) {}

  /** Figures over all messages, accumulated under one lock by the parsing threads. */
  private final class Figures {
    long messages;
    long hops;
    long relays;
    long dated;
    final TreeMap<Integer, Long> hopsPerMessage = new TreeMap<>();
    final PriorityQueue<SlowHop> slowest = new PriorityQueue<>(Comparator.comparingLong(SlowHop::delayMs));
    final Map<String, Long> relayHosts = new HashMap<>();
    final EnumMap<Anomaly.Kind, Long> anomalies = new EnumMap<>(Anomaly.Kind.class);
    final List<Long> totals = new ArrayList<>();

    synchronized void add(Message m, HopChain chain) {
      messages++;
      int n = chain.hops().size();
      hops += n;
      hopsPerMessage.merge(n, 1L, Long::sum);
      if (chain.total() != null) {
        totals.add(chain.total().toMillis());
      }
      for (int i = 0; i < n; i++) {
        Hop h = chain.hops().get(i);
        if (h.isRelay()) {
          relays++;
        }
        if (h.date() != null) {
          dated++;
        }
        if (h.by() != null) {
          relayHosts.merge(h.by().toLowerCase(Locale.ROOT), 1L, Long::sum);
        }
        Duration d = chain.delays().get(i);
        if (d != null && d.toMillis() > 0) {
          slowest.add(new SlowHop(d.toMillis(), m.source().file(), m.index(), m.messageId(),
              sender(h), h.by() == null ? "-" : h.by()));
          if (slowest.size() > top) {
            slowest.poll();
          }
        }
      }
      for (Anomaly a : chain.findings()) {
        anomalies.merge(a.kind(), 1L, Long::sum);
      }
    }
  }

  private void summarise(Archives archives, PrintWriter out) throws IOException {
    Figures f = new Figures();
    archives.parseInParallel(raw -> true, p -> f.add(p.message(), HopChain.of(p.message())));
    List<SlowHop> slow = new ArrayList<>(f.slowest);
    slow.sort(Comparator.comparingLong(SlowHop::delayMs).reversed()
        .thenComparing(SlowHop::file).thenComparingInt(SlowHop::index));
    List<Map.Entry<String, Long>> hosts = new ArrayList<>(f.relayHosts.entrySet());
    hosts.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    hosts = hosts.subList(0, Math.min(top, hosts.size()));
    f.totals.sort(null);
    Long median = f.totals.isEmpty() ? null : f.totals.get(f.totals.size() / 2);

    if (output.json) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("messages", f.messages);
      o.put("hops", f.hops);
      o.put("relayHops", f.relays);
      o.put("datedHops", f.dated);
      Map<String, Object> dist = new LinkedHashMap<>();
      f.hopsPerMessage.forEach((k, v) -> dist.put(k.toString(), v));
      o.put("hopsPerMessage", dist);
      o.put("medianTotalMs", median);
      List<Object> sl = new ArrayList<>();
      for (SlowHop s : slow) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("delayMs", s.delayMs());
        j.put("file", s.file());
        j.put("index", s.index());
        j.put("messageId", s.messageId());
        j.put("from", s.from());
        j.put("by", s.by());
        sl.add(j);
      }
      o.put("slowestHops", sl);
      Map<String, Object> h = new LinkedHashMap<>();
      hosts.forEach(e -> h.put(e.getKey(), e.getValue()));
      o.put("commonRelays", h);
      Map<String, Object> a = new LinkedHashMap<>();
      for (Anomaly.Kind k : Anomaly.Kind.values()) {
        a.put(k.label(), f.anomalies.getOrDefault(k, 0L));
      }
      o.put("anomalies", a);
      new JsonWriter(out).value(o).newline();
      return;
    }
    if (output.csv) {
      CSVPrinter p = CSVFormat.RFC4180.builder().setHeader("section", "key", "value").get().print(out);
      p.printRecord("totals", "messages", f.messages);
      p.printRecord("totals", "hops", f.hops);
      p.printRecord("totals", "relayHops", f.relays);
      p.printRecord("totals", "datedHops", f.dated);
      p.printRecord("totals", "medianTotalMs", median);
      for (Map.Entry<Integer, Long> e : f.hopsPerMessage.entrySet()) {
        p.printRecord("hopsPerMessage", e.getKey(), e.getValue());
      }
      for (SlowHop s : slow) {
        p.printRecord("slowestHops", s.file() + "#" + s.index() + " " + s.from() + " -> " + s.by(), s.delayMs());
      }
      for (Map.Entry<String, Long> e : hosts) {
        p.printRecord("commonRelays", e.getKey(), e.getValue());
      }
      for (Anomaly.Kind k : Anomaly.Kind.values()) {
        p.printRecord("anomalies", k.label(), f.anomalies.getOrDefault(k, 0L));
      }
      p.flush();
      return;
    }
    out.printf(Locale.ROOT, "messages: %d  hops: %d (relays %d, dated %d)  median end-to-end: %s%n",
        f.messages, f.hops, f.relays, f.dated, median == null ? "-" : shortDelay(Duration.ofMillis(median)));
    out.println();
    out.println("hops per message:");
    long most = f.hopsPerMessage.values().stream().mapToLong(Long::longValue).max().orElse(1);
    for (Map.Entry<Integer, Long> e : f.hopsPerMessage.entrySet()) {
      int bar = (int) Math.max(1, Math.round(40.0 * e.getValue() / most));
      out.printf(Locale.ROOT, "  %3d  %7d  %s%n", e.getKey(), e.getValue(), "#".repeat(bar));
    }
    out.println();
    out.println("slowest hops:");
    if (slow.isEmpty()) {
      out.println("  none");
    }
    for (SlowHop s : slow) {
      out.printf(Locale.ROOT, "  %9s  %s #%d%s%n             %s -> %s%n", shortDelay(Duration.ofMillis(s.delayMs())),
          s.file(), s.index(), s.messageId() == null ? "" : " <" + s.messageId() + ">", cell(s.from()), cell(s.by()));
    }
    out.println();
    out.println("most common relays (receiving host):");
    if (hosts.isEmpty()) {
      out.println("  none");
    }
    for (Map.Entry<String, Long> e : hosts) {
      out.printf(Locale.ROOT, "  %7d  %s%n", e.getValue(), e.getKey());
    }
    out.println();
    out.println("anomalies:");
    for (Anomaly.Kind k : Anomaly.Kind.values()) {
      out.printf(Locale.ROOT, "  %7d  %s%n", f.anomalies.getOrDefault(k, 0L), k.label());
    }
  }
}
