package dev.mailtrace.cli;

import dev.mailtrace.json.JsonWriter;
import dev.mailtrace.archive.ArchiveFormat;
import dev.mailtrace.archive.SourceBytes;
import dev.mailtrace.archive.SourceMismatchException;
import dev.mailtrace.archive.StoredContent;
import dev.mailtrace.message.RawMessage;
import dev.mailtrace.message.Source;
import dev.mailtrace.replay.MessageSource;
import dev.mailtrace.replay.Outcome;
import dev.mailtrace.replay.PlannedMessage;
import dev.mailtrace.replay.RecipientPolicy;
import dev.mailtrace.replay.ReplayConfig;
import dev.mailtrace.replay.ReplayPlanner;
import dev.mailtrace.replay.ReplaySummary;
import dev.mailtrace.replay.Replayer;
import dev.mailtrace.replay.ResultLog;
import dev.mailtrace.search.Hit;
import dev.mailtrace.search.MailSearcher;
import dev.mailtrace.smtp.Envelope;
import dev.mailtrace.smtp.SmtpClientConfig;
import dev.mailtrace.smtp.Timeouts;
import dev.mailtrace.smtp.TlsMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mailtrace replay}: Replay archived messages against an SMTP server, safely and at a controlled rate. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Replay archived messages against an SMTP server, safely and at a controlled rate. Recipients are",
      "replaced (--rcpt), rewritten (--rcpt-rewrite) or limited to allowed domains (--allow-rcpt-domain);",
      "without one of these the run refuses to start. Bcc lines are never sent. A target that is not on",
      "this machine needs --i-mean-it. The summary goes to stdout, progress to stderr."
    },
    footer = {
      "",
      "Examples:",
      "  mailtrace replay archive.mbox --to 127.0.0.1:2525 --rcpt sink@example.test --dry-run",
      "  mailtrace replay mail/ --to 127.0.0.1:25 --rcpt-rewrite '@.*$=>@lab.example.test' --sessions 8 --log run.csv",
      "  mailtrace replay --index idx --query 'from:alice@example.com' --to localhost:2525 --allow-rcpt-domain lab.test",
      "  mailtrace replay day.mbox --to mx.lab.test:25 --i-mean-it --rcpt sink@lab.test --timing originalx60 --stamp",
      "  mailtrace replay legacy.mbox --to old-relay.lab.test:25 --rcpt sink@lab.test --eight-bit downgrade",
      "",
      "Exit codes: 0 every message accepted (or a dry run), 1 some were not, 2 bad usage, 3 environment."
    })
final class ReplayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin OutputOptions output;

  @Parameters(arity = "0..*", paramLabel = "SOURCE", description = "Archive files or folders (mbox, Maildir, .eml, .gz).")
  List<Path> sources;

  @Option(names = "--index", paramLabel = "DIR", description = "Select the messages from this index (with --query).")
  Path index;

  @Option(names = "--query", paramLabel = "Q", description = "The index query selecting the messages (see 'mailtrace search --help').")
  String query;

  @Option(names = "--to", required = true, paramLabel = "HOST:PORT", description = "The target SMTP server (port 25 when absent).")
  String to;

  @Option(names = "--dry-run", description = "Print the plan (messages, envelopes, sizes) and connect to nothing.")
  boolean dryRun;

  @Option(names = "--i-mean-it", description = "Allow a target that is not a loopback address.")
  boolean iMeanIt;

  @Option(names = "--mail-from", paramLabel = "ADDR", description = "Envelope sender for every message (default: Return-Path, Sender or From).")
  String mailFrom;

  @Option(names = "--rcpt", paramLabel = "ADDR", description = "Send every message to this address instead of its recipients (repeatable).")
  List<String> rcpt = new ArrayList<>();

  @Option(names = "--rcpt-rewrite", paramLabel = "REGEX=>REPLACEMENT", description = "Rewrite matching recipients (repeatable; the first match wins; others are dropped unless allowed by domain).")
  List<String> rewrites = new ArrayList<>();

  @Option(names = "--allow-rcpt-domain", paramLabel = "DOMAIN", description = "Send only to recipients in this domain or its subdomains (repeatable).")
  List<String> allowedDomains = new ArrayList<>();

  @Option(names = "--no-recipient-safety", description = "Send to the archived recipients as they are. Real people may get mail.")
  boolean noRecipientSafety;

  @Option(names = "--stamp", description = "Add 'X-Mailtrace-Replay: RUN-ID' at the top of every message.")
  boolean stamp;

  @Option(names = "--run-id", paramLabel = "ID", description = "The run id for --stamp and the summary (default: replay-TIME-RANDOM).")
  String runId;

  @Option(names = "--sessions", paramLabel = "N", defaultValue = "1", description = "Parallel SMTP connections (default ${DEFAULT-VALUE}).")
  int sessions;

  @Option(names = "--per-session", paramLabel = "N", defaultValue = "0", description = "Messages per connection before reconnecting (0: no limit).")
  int perSession;

  @Option(names = "--rate", paramLabel = "R/s", description = "At most R messages per second over all sessions (for example 50 or 50/s).")
  String rate;

  @Option(names = "--duration", paramLabel = "TIME", description = "Stop taking new messages after this long (30s, 5m, 1h, or ISO PT...).")
  String duration;

  @Option(names = "--count", paramLabel = "N", defaultValue = "0", description = "Stop after N messages (0: all).")
  long count;

  @Option(names = "--timing", paramLabel = "original[xF]", description = "Keep the original gaps between arrivals (first Received, else Date), F times faster.")
  String timing;

  @Option(names = "--retries", paramLabel = "N", defaultValue = "3", description = "Retries for 4xx replies and connection failures (default ${DEFAULT-VALUE}).")
  int retries;

  @Option(names = "--backoff", paramLabel = "TIME", defaultValue = "1s", description = "First retry delay, doubled each time with jitter (default ${DEFAULT-VALUE}).")
  String backoff;

  @Option(names = "--deadline", paramLabel = "TIME", description = "End the whole run after this long (default: --duration plus 5m, else 24h).")
  String deadline;

  @Option(names = "--timeout", paramLabel = "TIME", description = "One timeout for every SMTP stage instead of RFC 5321's (5m, 2m for DATA, 10m after the dot).")
  String timeout;

  @Option(names = "--tls", paramLabel = "MODE", defaultValue = "opportunistic", description = "STARTTLS: required, opportunistic (default) or off.")
  String tls;

  @Option(names = "--tls-trust-all", description = "Accept any server certificate (test servers only).")
  boolean trustAll;

  @Option(names = "--truststore", paramLabel = "FILE", description = "PKCS12 trust store for the server certificate.")
  Path trustStore;

  @Option(names = "--truststore-password", paramLabel = "PW", description = "Password of the trust store.")
  String trustStorePassword;

  @Option(names = "--auth-user", paramLabel = "USER", description = "Authenticate (AUTH PLAIN or LOGIN); the password comes from MAILTRACE_SMTP_PASSWORD.")
  String authUser;

  @Option(names = "--auth-without-tls", description = "Allow AUTH on a connection without TLS.")
  boolean authWithoutTls;

  @Option(names = "--no-pipelining", description = "Do not use PIPELINING even when offered.")
  boolean noPipelining;

  @Option(names = "--no-chunking", description = "Do not use BDAT even when CHUNKING is offered.")
  boolean noChunking;

  @Option(names = "--eight-bit", paramLabel = "WHAT", defaultValue = "send", description = "When the server lacks 8BITMIME/SMTPUTF8: send (anyway, the default), refuse, or downgrade (re-encode 8-bit bodies as quoted-printable/base64 and 8-bit header text as RFC 2047/2231 words; messages with 8-bit addresses are refused).")
  String eightBit;

  @Option(names = "--dsn-notify", paramLabel = "WHEN", description = "DSN NOTIFY for every recipient (NEVER, or SUCCESS,FAILURE,DELAY), when the server offers DSN.")
  String dsnNotify;

  @Option(names = "--dsn-ret", paramLabel = "FULL|HDRS", description = "DSN RET, when the server offers DSN.")
  String dsnRet;

  @Option(names = "--dsn-envid", paramLabel = "ID", description = "DSN ENVID, when the server offers DSN.")
  String dsnEnvid;

  @Option(names = "--helo", paramLabel = "NAME", defaultValue = "localhost", description = "Name to give in EHLO/HELO (default ${DEFAULT-VALUE}).")
  String helo;

  @Option(names = "--log", paramLabel = "FILE", description = "Per-message log: CSV, or JSON lines for .json/.jsonl.")
  Path log;

  @Option(names = "--log-format", paramLabel = "FORMAT", description = "csv or jsonl (default: from the --log file name).")
  String logFormat;

  @Option(names = "--progress", negatable = true, description = "Live progress on stderr (default: when stderr is a terminal).")
  Boolean progress;

  @Override
  public Integer call() throws Exception {
    output.check();
    if ((sources == null || sources.isEmpty()) == (index == null)) {
      throw CliException.usage("give archive paths or --index DIR --query Q (one of the two)");
    }
    if (index != null && query == null) {
      throw CliException.usage("--index needs --query to select the messages ('*' for all)");
    }
    if (sources != null) {
      for (Path p : sources) {
        if (!java.nio.file.Files.exists(p)) {
          throw CliException.environment("no such file or folder: " + p + "; check the path");
        }
      }
    }
    Target target = target(to);
    RecipientPolicy policy = policy();
    if (!dryRun && !policy.isUsable()) {
      throw CliException.usage("refusing to replay to the archived recipients: give --rcpt ADDR, --rcpt-rewrite 'REGEX=>REPLACEMENT' or --allow-rcpt-domain DOMAIN (or --no-recipient-safety if real people may get this mail)");
    }
    if (!dryRun && !iMeanIt && !isLoopback(target.host)) {
      throw CliException.usage(target.host + " is not this machine: add --i-mean-it to replay to another server");
    }
    String id = runId != null ? runId : "replay-" + LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss"))
        + "-" + String.format(Locale.ROOT, "%04x", ThreadLocalRandom.current().nextInt(0x10000));
    ReplayConfig config = config(target, policy, id);

    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (dryRun) {
      return dryRun(config, policy, out);
    }
    boolean showProgress = progress != null ? progress : Terminal.isTerminal();
    ResultLog resultLog = log == null ? ResultLog.NONE : ResultLog.open(log, logFormat());
    ReplaySummary summary;
    try (resultLog; MessageSource source = source(err)) {
      err.println("mailtrace: replay " + id + " to " + target.host + ":" + target.port + " with " + sessions + " session(s)");
      err.flush();
      summary = new Replayer(config).run(source, resultLog, showProgress ? line -> {
        err.print("\r" + line + "   ");
        err.flush();
      } : null);
    }
    if (showProgress) {
      err.println();
    }
    printSummary(summary, id, out);
    return summary.hasFailures() ? 1 : 0;
  }

  private record Target(String host, int port) {}

  private static Target target(String to) {
    String host = to;
    int port = 25;
    int colon = to.lastIndexOf(':');
    if (to.startsWith("[")) {
      int close = to.indexOf(']');
      if (close < 0) {
        throw CliException.usage("--to '" + to + "' has no closing ']'; write [::1]:2525");
      }
      host = to.substring(1, close);
      colon = to.indexOf(':', close);
    } else if (colon >= 0 && to.indexOf(':') != colon) {
      colon = -1; // a bare IPv6 address
    } else if (colon >= 0) {
      host = to.substring(0, colon);
    }
    if (colon >= 0) {
      try {
        port = Integer.parseInt(to.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw CliException.usage("--to '" + to + "' has no port number after ':'; write HOST:PORT");
      }
    }
    if (host.isEmpty() || port < 1 || port > 65535) {
      throw CliException.usage("--to '" + to + "' is not HOST:PORT with a port from 1 to 65535");
    }
    return new Target(host, port);
  }

  static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    try {
      InetAddress[] all = InetAddress.getAllByName(host);
      for (InetAddress a : all) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return all.length > 0;
    } catch (UnknownHostException e) {
      throw CliException.environment("cannot resolve " + host + "; check the --to host name");
    }
  }

  private RecipientPolicy policy() {
    List<RecipientPolicy.Rewrite> rules = new ArrayList<>();
    for (String r : rewrites) {
      try {
        rules.add(RecipientPolicy.Rewrite.parse(r));
      } catch (PatternSyntaxException e) {
        throw CliException.usage("--rcpt-rewrite '" + r + "': bad regular expression: " + e.getDescription());
      } catch (IllegalArgumentException e) {
        throw CliException.usage("--rcpt-rewrite: " + e.getMessage());
      }
    }
    return new RecipientPolicy(rcpt, rules, Set.copyOf(allowedDomains), noRecipientSafety);
  }

  private ReplayConfig config(Target target, RecipientPolicy policy, String id) {
    if (sessions < 1 || perSession < 0 || count < 0 || retries < 0) {
      throw CliException.usage("--sessions must be at least 1; --per-session, --count and --retries must not be negative");
    }
    SmtpClientConfig client = SmtpClientConfig.defaults()
        .withHeloName(helo)
        .withTls(tlsMode())
        .withTrustAll(trustAll)
        .withTrustStore(trustStore, trustStorePassword)
        .withPipelining(!noPipelining)
        .withChunking(!noChunking, 1 << 20)
        .withEightBit(switch (eightBit.toLowerCase(Locale.ROOT)) {
          case "send", "send-anyway" -> SmtpClientConfig.EightBitFallback.SEND_ANYWAY;
          case "refuse" -> SmtpClientConfig.EightBitFallback.REFUSE;
          case "downgrade" -> SmtpClientConfig.EightBitFallback.DOWNGRADE;
          default -> throw CliException.usage("--eight-bit '" + eightBit + "': use send, refuse or downgrade");
        });
    if (timeout != null) {
      client = client.withTimeouts(Timeouts.all(duration("--timeout", timeout)));
    }
    if (authUser != null) {
      String pw = System.getenv("MAILTRACE_SMTP_PASSWORD");
      if (pw == null) {
        throw CliException.usage("--auth-user needs the password in the environment variable MAILTRACE_SMTP_PASSWORD");
      }
      client = client.withAuth(authUser, pw, authWithoutTls);
    }
    ReplayConfig.Builder b = ReplayConfig.builder(target.host, target.port)
        .client(client)
        .policy(policy)
        .mailFrom(mailFrom)
        .stamp(stamp ? id : null)
        .dsn(dsnNotify, dsnRet, dsnEnvid)
        .sessions(sessions)
        .perSession(perSession)
        .count(count)
        .retries(retries);
    Duration first = duration("--backoff", backoff);
    b.backoff(first, first.multipliedBy(64).compareTo(Duration.ofMinutes(5)) > 0 ? first.multipliedBy(64) : Duration.ofMinutes(5));
    if (rate != null) {
      String r = rate.toLowerCase(Locale.ROOT).replace("/s", "").strip();
      try {
        double v = Double.parseDouble(r);
        if (v <= 0) {
          throw new NumberFormatException();
        }
        b.rate(v);
      } catch (NumberFormatException e) {
        throw CliException.usage("--rate '" + rate + "': give messages per second, for example 50 or 50/s");
      }
    }
    if (duration != null) {
      b.duration(duration("--duration", duration));
    }
    if (deadline != null) {
      b.deadline(duration("--deadline", deadline));
    }
    if (timing != null) {
      b.timingFactor(timingFactor(timing));
    }
    return b.build();
  }

  private TlsMode tlsMode() {
    return switch (tls.toLowerCase(Locale.ROOT)) {
      case "required" -> TlsMode.REQUIRED;
      case "opportunistic" -> TlsMode.OPPORTUNISTIC;
      case "off" -> TlsMode.OFF;
      default -> throw CliException.usage("--tls '" + tls + "': use required, opportunistic or off");
    };
  }

  private ResultLog.Format logFormat() {
    if (logFormat == null) {
      return ResultLog.Format.of(log);
    }
    return switch (logFormat.toLowerCase(Locale.ROOT)) {
      case "csv" -> ResultLog.Format.CSV;
      case "json", "jsonl" -> ResultLog.Format.JSONL;
      default -> throw CliException.usage("--log-format '" + logFormat + "': use csv or jsonl");
    };
  }

  /** {@code original} (factor 1) or {@code originalxF}. */
  static double timingFactor(String timing) {
    String t = timing.toLowerCase(Locale.ROOT);
    if (t.equals("original")) {
      return 1;
    }
    if (t.startsWith("originalx")) {
      try {
        double f = Double.parseDouble(t.substring("originalx".length()));
        if (f > 0) {
          return f;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw CliException.usage("--timing '" + timing + "': use original or originalxF (F times faster, for example originalx10)");
  }

  /** 500ms, 30s, 5m, 2h, or ISO-8601 (PT30S). */
  static Duration duration(String option, String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("pt") || t.startsWith("p")) {
        return Duration.parse(text.strip().toUpperCase(Locale.ROOT));
      }
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      Duration d = switch (t.charAt(t.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        default -> throw new NumberFormatException();
      };
      if (d.isNegative() || d.isZero()) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
      throw CliException.usage(option + " '" + text + "': give a time such as 500ms, 30s, 5m or 2h");
    }
  }

  private MessageSource source(PrintWriter err) throws IOException {
    if (index == null) {
      return MessageSource.archives(sources);
    }
    return indexSource(err);
  }

  /** The messages an index query selects, read back from their sources and checked against their hashes. */
  private MessageSource indexSource(PrintWriter err) throws IOException {
    MailSearcher searcher = IndexLocation.open(index);
    List<Hit> hits;
    try {
      hits = searcher.all(QueryOptions.parse(searcher, query, false), Integer.MAX_VALUE - 8);
    } catch (CliException badQuery) {
      searcher.close();
      throw CliException.usage(badQuery.getMessage() + " in: " + query);
    }
    Iterator<Hit> it = hits.iterator();
    int[] n = {0};
    return new MessageSource() {
      @Override
      public RawMessage next() throws IOException {
        while (it.hasNext()) {
          Hit h = it.next();
          Source s = new Source(h.file(), h.offset(), h.length(), h.sha256());
          byte[] bytes;
          try {
            if (s.length() > ReplayConfig.IN_MEMORY_LIMIT) {
              // Only the first bytes: the planner streams the rest from the file when it is sent.
              StoredContent stored = StoredContent.of(s, ArchiveFormat.AUTO);
              stored.verify();
              try (var in = stored.open()) {
                bytes = in.readNBytes(ReplayConfig.IN_MEMORY_LIMIT);
              }
            } else {
              bytes = SourceBytes.readContent(s, ArchiveFormat.AUTO);
            }
          } catch (SourceMismatchException changed) {
            err.println("mailtrace: skipped " + h.file() + " at " + h.offset() + ": changed since indexing; re-index it with 'mailtrace index'");
            continue;
          }
          return new RawMessage(s, n[0]++, h.envelope(), bytes);
        }
        return null;
      }

      @Override
      public void close() throws IOException {
        searcher.close();
      }
    };
  }

  private int dryRun(ReplayConfig config, RecipientPolicy policy, PrintWriter out) throws IOException {
    ReplayConfig planConfig = policy.isUsable() ? config
        : ReplayConfig.builder(config.host(), config.port()).policy(new RecipientPolicy(List.of(), List.of(), Set.of(), true))
            .mailFrom(config.mailFrom()).stamp(config.stamp()).build();
    ReplayPlanner planner = new ReplayPlanner(planConfig);
    long messages = 0;
    long sendable = 0;
    long bytes = 0;
    JsonWriter json = output.json ? new JsonWriter(out) : null;
    org.apache.commons.csv.CSVPrinter csv = output.csv
        ? org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader("file", "offset", "length", "sha256", "index", "mail_from", "rcpt_to", "size", "refusal", "dropped").get().print(out)
        : null;
    try (MessageSource source = source(spec.commandLine().getErr())) {
      RawMessage raw;
      while ((raw = source.next()) != null && (config.count() == 0 || messages < config.count())) {
        PlannedMessage p = planner.plan(raw);
        messages++;
        if (p.isSendable()) {
          sendable++;
          bytes += p.size();
        }
        String from = p.envelope() == null ? null : p.envelope().sender();
        String rcpts = p.envelope() == null ? null : String.join(" ", p.envelope().recipients().stream().map(Envelope.Recipient::address).toList());
        if (json != null) {
          json.beginObject().field("file", p.source().file()).field("offset", p.source().offset())
              .field("length", p.source().length()).field("sha256", p.source().sha256()).field("index", p.index())
              .field("mail_from", from).field("rcpt_to", rcpts).field("size", p.size())
              .field("refusal", p.refusal()).field("dropped", p.dropped()).endObject().newline();
        } else if (csv != null) {
          csv.printRecord(p.source().file(), p.source().offset(), p.source().length(), p.source().sha256(), p.index(),
              from, rcpts, p.size(), p.refusal(), String.join(" ", p.dropped()));
        } else {
          out.printf(Locale.ROOT, "%5d  %s@%d  %d bytes  ", messages, p.source().file(), p.source().offset(), p.size());
          if (p.isSendable()) {
            out.print("<" + from + "> -> " + rcpts.replace(" ", ", "));
            if (!p.dropped().isEmpty()) {
              out.print("  (dropped: " + String.join(", ", p.dropped()) + ")");
            }
          } else {
            out.print("not sent: " + p.refusal());
          }
          out.println();
        }
      }
    }
    if (csv != null) {
      csv.flush();
    }
    if (json == null && csv == null) {
      out.printf(Locale.ROOT, "dry run: %d messages, %d to send (%d bytes) to %s:%d; nothing was sent%n",
          messages, sendable, bytes, config.host(), config.port());
      if (!policy.isUsable()) {
        out.println("note: no recipient policy given; a real run would refuse to start (--rcpt, --rcpt-rewrite or --allow-rcpt-domain)");
      }
    }
    out.flush();
    return 0;
  }

  private void printSummary(ReplaySummary s, String id, PrintWriter out) {
    if (output.json) {
      JsonWriter w = new JsonWriter(out);
      w.beginObject().field("run", id).field("sent", s.sent())
          .field("accepted", s.count(Outcome.ACCEPTED)).field("deferred", s.count(Outcome.DEFERRED))
          .field("rejected", s.count(Outcome.REJECTED)).field("failed", s.count(Outcome.FAILED))
          .field("refused_locally", s.count(Outcome.REFUSED_LOCALLY)).field("connections", s.connections())
          .field("attempts", s.attempts()).field("bytes", s.bytes()).field("seconds", s.seconds())
          .field("msgs_per_s", s.sent() / s.seconds()).field("mb_per_s", s.bytes() / s.seconds() / 1e6)
          .field("p50_ms", s.messageLatency().percentileMicros(50) / 1e3)
          .field("p90_ms", s.messageLatency().percentileMicros(90) / 1e3)
          .field("p99_ms", s.messageLatency().percentileMicros(99) / 1e3)
          .field("max_ms", s.messageLatency().maxMicros() / 1e3)
          .endObject().newline();
    } else {
      out.println("replay " + id);
      out.print(s.format());
    }
    out.flush();
  }
}
