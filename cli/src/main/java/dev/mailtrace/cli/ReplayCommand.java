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
import dev.mailtrace.replay.TranscriptSource;
import dev.mailtrace.search.Hit;
import dev.mailtrace.search.MailSearcher;
import dev.mailtrace.smtp.Envelope;
import dev.mailtrace.smtp.MailExchanger;
import dev.mailtrace.smtp.MxLookup;
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
import picocli.CommandLine.ArgGroup;
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
    description = "Replay archived messages against an SMTP server, safely and at a controlled rate. Recipients are"
        + " replaced (--rcpt), rewritten (--rcpt-rewrite) or limited to allowed domains (--allow-rcpt-domain);"
        + " without one of these the run refuses to start. Bcc lines are never sent. A target that is not on"
        + " this machine needs --i-mean-it. The summary goes to stdout, progress to stderr.",
    footer = {
      "",
      "Examples:",
      "  mailtrace replay archive.mbox --to 127.0.0.1:2525 --rcpt sink@example.test --dry-run",
      "  mailtrace replay mail/ --to 127.0.0.1:25 --rcpt-rewrite '@.*$=>@lab.example.test' --sessions 8 --log run.csv",
      "  mailtrace replay --index idx --query 'from:alice@example.com' --to localhost:2525 --allow-rcpt-domain lab.test",
      "  mailtrace replay day.mbox --to mx.lab.test:25 --i-mean-it --rcpt sink@lab.test --timing originalx60 --stamp",
      "  mailtrace replay legacy.mbox --to old-relay.lab.test:25 --rcpt sink@lab.test --eight-bit downgrade",
      "  mailtrace replay day.mbox --to-domain lab.test --dns 127.0.0.1:5353 --allow-rcpt-domain lab.test",
      "  mailtrace replay --transcript capture.dump --to 127.0.0.1:2525 --rcpt sink@lab.test",
      "",
      "Exit codes: 0 every message accepted (or a dry run), 1 some were not, 2 bad usage, 3 environment."
    })
final class ReplayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin OutputOptions output;

  @Parameters(arity = "0..*", paramLabel = "SOURCE", description = "Archive files or folders (mbox, Maildir, .eml, .gz), or SMTP transcripts with --transcript.")
  List<Path> sources;

  @ArgGroup(exclusive = false, heading = "%nWhat and where%n", order = 1)
  Target target = new Target();

  @ArgGroup(exclusive = false, heading = "%nSafety%n", order = 2)
  Safety safety = new Safety();

  @ArgGroup(exclusive = false, heading = "%nRate, limits and retries%n", order = 3)
  Pace pace = new Pace();

  @ArgGroup(exclusive = false, heading = "%nTLS and authentication%n", order = 4)
  Tls tlsOptions = new Tls();

  @ArgGroup(exclusive = false, heading = "%nSMTP extensions%n", order = 5)
  Extensions extensions = new Extensions();

  @ArgGroup(exclusive = false, heading = "%nDelivery status notifications (RFC 3461, when the server offers DSN)%n", order = 6)
  Dsn dsn = new Dsn();

  @ArgGroup(exclusive = false, heading = "%nLog and progress%n", order = 7)
  Log logOptions = new Log();

  /** The messages and the server they go to. */
  static final class Target {
    @Option(names = "--to", paramLabel = "HOST[:PORT]", description = "The target SMTP server (port 25 when absent).")
    String to;

    @Option(names = "--to-domain", paramLabel = "DOMAIN", description = "Deliver as an MTA would: to the MX hosts of DOMAIN in preference order, else its A/AAAA (RFC 5321 section 5).")
    String toDomain;

    @Option(names = "--dns", paramLabel = "HOST:PORT", description = "The DNS server for --to-domain (default: the system's resolvers).")
    String dns;

    @Option(names = "--port", paramLabel = "N", defaultValue = "25", description = "The SMTP port of the hosts --to-domain finds (default ${DEFAULT-VALUE}).")
    int port = 25;

    @Option(names = "--index", paramLabel = "DIR", description = "Select the messages from this index (with --query).")
    Path index;

    @Option(names = "--query", paramLabel = "Q", description = "The index query selecting the messages (see 'mailtrace search --help').")
    String query;

    @Option(names = "--transcript", description = "The SOURCEs are captured SMTP sessions (Postfix smtp-sink -D dumps or C:/S: transcripts): replay their envelopes and messages.")
    boolean transcript;
  }

  /** Who may get mail, and what is sent at all. */
  static final class Safety {
    @Option(names = "--dry-run", description = "Print the plan (messages, envelopes, sizes) and connect to nothing.")
    boolean dryRun;

    @Option(names = "--i-mean-it", description = "Allow a target that is not a loopback address.")
    boolean iMeanIt;

    @Option(names = "--rcpt", paramLabel = "ADDR", description = "Send every message to this address instead of its recipients (repeatable).")
    List<String> rcpt = new ArrayList<>();

    @Option(names = "--rcpt-rewrite", paramLabel = "REGEX=>REPLACEMENT", description = "Rewrite matching recipients (repeatable; the first match wins; others are dropped unless allowed by domain).")
    List<String> rewrites = new ArrayList<>();

    @Option(names = "--allow-rcpt-domain", paramLabel = "DOMAIN", description = "Send only to recipients in this domain or its subdomains (repeatable).")
    List<String> allowedDomains = new ArrayList<>();

    @Option(names = "--no-recipient-safety", description = "Send to the archived recipients as they are. Real people may get mail.")
    boolean noRecipientSafety;

    @Option(names = "--mail-from", paramLabel = "ADDR", description = "Envelope sender for every message (default: Return-Path, Sender or From).")
    String mailFrom;

    @Option(names = "--stamp", description = "Add 'X-Mailtrace-Replay: RUN-ID' at the top of every message.")
    boolean stamp;

    @Option(names = "--run-id", paramLabel = "ID", description = "The run id for --stamp and the summary (default: replay-TIME-RANDOM).")
    String runId;
  }

  /** How fast, how much, how long, and what happens to failures. */
  static final class Pace {
    @Option(names = "--sessions", paramLabel = "N", defaultValue = "1", description = "Parallel SMTP connections (default ${DEFAULT-VALUE}).")
    int sessions = 1;

    @Option(names = "--per-session", paramLabel = "N", defaultValue = "0", description = "Messages per connection before reconnecting (0: no limit).")
    int perSession;

    @Option(names = "--rate", paramLabel = "RATE", converter = RateConverter.class, description = "At most this many messages over all sessions: 50 or 50/s, 3000/m, 10000/h.")
    Double rate;

    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class, description = "Stop taking new messages after this long (30s, 5m, 1h30m, PT2H).")
    Duration duration;

    @Option(names = "--count", paramLabel = "N", defaultValue = "0", description = "Stop after N messages (0: all).")
    long count;

    @Option(names = "--timing", paramLabel = "original[xF]", description = "Keep the original gaps between arrivals (first Received, else Date), F times faster.")
    String timing;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "3", description = "Retries for 4xx replies and connection failures (default ${DEFAULT-VALUE}).")
    int retries = 3;

    @Option(names = "--backoff", paramLabel = "TIME", defaultValue = "1s", converter = DurationConverter.class, description = "First retry delay, doubled each time with jitter (default ${DEFAULT-VALUE}).")
    Duration backoff = Duration.ofSeconds(1);

    @Option(names = "--deadline", paramLabel = "TIME", converter = DurationConverter.class, description = "End the whole run after this long (default: --duration plus 5m, else 24h).")
    Duration deadline;

    @Option(names = "--timeout", paramLabel = "TIME", converter = DurationConverter.class, description = "One timeout for every SMTP stage instead of RFC 5321's (5m, 2m for DATA, 10m after the dot).")
    Duration timeout;
  }

  /** STARTTLS and AUTH. */
  static final class Tls {
    @Option(names = "--tls", paramLabel = "MODE", defaultValue = "opportunistic", description = "STARTTLS: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    TlsMode mode = TlsMode.OPPORTUNISTIC;

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
  }

  /** What to do with 8-bit content when the server lacks 8BITMIME or SMTPUTF8. */
  enum EightBit {
    SEND(SmtpClientConfig.EightBitFallback.SEND_ANYWAY),
    REFUSE(SmtpClientConfig.EightBitFallback.REFUSE),
    DOWNGRADE(SmtpClientConfig.EightBitFallback.DOWNGRADE);

    final SmtpClientConfig.EightBitFallback fallback;

    EightBit(SmtpClientConfig.EightBitFallback fallback) {
      this.fallback = fallback;
    }
  }

  /** Which ESMTP extensions to use. */
  static final class Extensions {
    @Option(names = "--no-pipelining", description = "Do not use PIPELINING even when offered.")
    boolean noPipelining;

    @Option(names = "--no-chunking", description = "Do not use BDAT even when CHUNKING is offered.")
    boolean noChunking;

    @Option(names = "--chunk-size", paramLabel = "SIZE", defaultValue = "1m", converter = SizeConverter.class, description = "Bytes per BDAT chunk (default ${DEFAULT-VALUE}).")
    long chunkSize = 1 << 20;

    @Option(names = "--eight-bit", paramLabel = "WHAT", defaultValue = "send", description = "When the server lacks 8BITMIME/SMTPUTF8: send (anyway, the default), refuse, or downgrade (re-encode 8-bit bodies as quoted-printable/base64 and 8-bit header text as RFC 2047/2231 words; messages with 8-bit addresses are refused).")
    EightBit eightBit = EightBit.SEND;

    @Option(names = "--helo", paramLabel = "NAME", defaultValue = "localhost", description = "Name to give in EHLO/HELO (default ${DEFAULT-VALUE}).")
    String helo = "localhost";

    @Option(names = "--stream-above", paramLabel = "SIZE", defaultValue = "4m", converter = SizeConverter.class, description = "Messages larger than this are streamed from their files when sent instead of held in memory (default ${DEFAULT-VALUE}).")
    long streamAbove = ReplayConfig.IN_MEMORY_LIMIT;
  }

  /** RFC 3461 NOTIFY values. */
  enum Notify { NEVER, SUCCESS, FAILURE, DELAY }

  /** RFC 3461 RET values. */
  enum Ret { FULL, HDRS }

  /** DSN parameters for every message. */
  static final class Dsn {
    @Option(names = "--dsn-notify", paramLabel = "WHEN", split = ",", description = "DSN NOTIFY for every recipient: NEVER, or any of SUCCESS,FAILURE,DELAY.")
    List<Notify> notify;

    @Option(names = "--dsn-ret", paramLabel = "FULL|HDRS", description = "DSN RET: ${COMPLETION-CANDIDATES}.")
    Ret ret;

    @Option(names = "--dsn-envid", paramLabel = "ID", description = "DSN ENVID.")
    String envid;
  }

  /** The per-message log and live progress. */
  static final class Log {
    @Option(names = "--log", paramLabel = "FILE", description = "Per-message log: CSV, or JSON lines for .json/.jsonl.")
    Path file;

    @Option(names = "--log-format", paramLabel = "FORMAT", description = "${COMPLETION-CANDIDATES} (default: from the --log file name).")
    ResultLog.Format format;

    @Option(names = "--progress", negatable = true, description = "Live progress on stderr (default: when stderr is a terminal).")
    Boolean progress;
  }

  @Override
  public Integer call() throws Exception {
    output.check();
    boolean archives = sources != null && !sources.isEmpty();
    if (archives == (target.index != null)) {
      throw CliException.usage("give archive paths or --index DIR --query Q (one of the two)");
    }
    if (target.index != null && target.query == null) {
      throw CliException.usage("--index needs --query to select the messages ('*' for all)");
    }
    if (target.transcript && !archives) {
      throw CliException.usage("--transcript takes the transcripts as SOURCE arguments");
    }
    if ((target.to == null) == (target.toDomain == null)) {
      throw CliException.usage("give the server with --to HOST[:PORT], or a domain to deliver to with --to-domain DOMAIN (one of the two)");
    }
    if (archives) {
      for (Path p : sources) {
        if (!java.nio.file.Files.exists(p)) {
          throw CliException.environment("no such file or folder: " + p + "; check the path");
        }
      }
    }
    RecipientPolicy policy = policy();
    if (!safety.dryRun && !policy.isUsable()) {
      throw CliException.usage("refusing to replay to the archived recipients: give --rcpt ADDR, --rcpt-rewrite 'REGEX=>REPLACEMENT' or --allow-rcpt-domain DOMAIN (or --no-recipient-safety if real people may get this mail)");
    }
    ServerAddress server;
    List<MailExchanger> exchangers = List.of();
    if (target.to != null) {
      server = ServerAddress.parse("--to", target.to, 25);
      if (!safety.dryRun) {
        server.requireAllowed(safety.iMeanIt);
      }
    } else {
      exchangers = exchangers(target.toDomain);
      server = new ServerAddress(target.toDomain, target.port);
      if (!safety.dryRun) {
        List<java.net.InetAddress> all = new ArrayList<>();
        exchangers.forEach(x -> all.addAll(x.addresses()));
        ServerAddress.requireAllowed(all, "an MX host of " + target.toDomain, safety.iMeanIt);
      }
    }
    String id = safety.runId != null ? safety.runId : "replay-" + LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss"))
        + "-" + String.format(Locale.ROOT, "%04x", ThreadLocalRandom.current().nextInt(0x10000));
    ReplayConfig config = config(server, exchangers, policy, id);

    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (safety.dryRun) {
      return dryRun(config, policy, out);
    }
    boolean showProgress = logOptions.progress != null ? logOptions.progress : Terminal.isTerminal();
    ResultLog resultLog = logOptions.file == null ? ResultLog.NONE
        : ResultLog.open(logOptions.file, logOptions.format != null ? logOptions.format : ResultLog.Format.of(logOptions.file));
    ReplaySummary summary;
    try (resultLog; MessageSource source = source(err)) {
      err.println("mailtrace: replay " + id + " to " + describe(server, exchangers) + " with " + pace.sessions + " session(s)");
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

  private static String describe(ServerAddress server, List<MailExchanger> exchangers) {
    if (exchangers.isEmpty()) {
      return server.toString();
    }
    List<String> hosts = new ArrayList<>();
    for (MailExchanger x : exchangers) {
      hosts.add(x.preference() + " " + x.host() + " " + x.addresses().stream().map(java.net.InetAddress::getHostAddress).toList());
    }
    return server.host() + " (MX " + String.join(", ", hosts) + ", port " + server.port() + ")";
  }

  /** The MX hosts of the domain, through --dns or the system's resolvers. */
  private List<MailExchanger> exchangers(String domain) {
    MxLookup dns = MxLookup.system();
    if (target.dns != null) {
      ServerAddress resolver = ServerAddress.parse("--dns", target.dns, 53);
      dns = MxLookup.via(resolver.host(), resolver.port());
    }
    try {
      return dns.lookup(domain);
    } catch (java.net.UnknownHostException e) {
      throw CliException.environment("--to-domain " + domain + ": " + e.getMessage());
    }
  }

  private RecipientPolicy policy() {
    List<RecipientPolicy.Rewrite> rules = new ArrayList<>();
    for (String r : safety.rewrites) {
      try {
        rules.add(RecipientPolicy.Rewrite.parse(r));
      } catch (PatternSyntaxException e) {
        throw CliException.usage("--rcpt-rewrite '" + r + "': bad regular expression: " + e.getDescription());
      } catch (IllegalArgumentException e) {
        throw CliException.usage("--rcpt-rewrite: " + e.getMessage());
      }
    }
    return new RecipientPolicy(safety.rcpt, rules, Set.copyOf(safety.allowedDomains), safety.noRecipientSafety);
  }

  private ReplayConfig config(ServerAddress server, List<MailExchanger> exchangers, RecipientPolicy policy, String id) {
    if (pace.sessions < 1 || pace.perSession < 0 || pace.count < 0 || pace.retries < 0) {
      throw CliException.usage("--sessions must be at least 1; --per-session, --count and --retries must not be negative");
    }
    if (extensions.chunkSize < 512 || extensions.chunkSize > Integer.MAX_VALUE - 16) {
      throw CliException.usage("--chunk-size must be from 512 bytes to 2g");
    }
    if (extensions.streamAbove < 64 * 1024 || extensions.streamAbove > 1L << 30) {
      throw CliException.usage("--stream-above must be from 64k to 1g");
    }
    SmtpClientConfig client = SmtpClientConfig.defaults()
        .withHeloName(extensions.helo)
        .withTls(tlsOptions.mode)
        .withTrustAll(tlsOptions.trustAll)
        .withTrustStore(tlsOptions.trustStore, tlsOptions.trustStorePassword)
        .withPipelining(!extensions.noPipelining)
        .withChunking(!extensions.noChunking, (int) extensions.chunkSize)
        .withEightBit(extensions.eightBit.fallback);
    if (pace.timeout != null) {
      client = client.withTimeouts(Timeouts.all(pace.timeout));
    }
    if (tlsOptions.authUser != null) {
      String pw = System.getenv("MAILTRACE_SMTP_PASSWORD");
      if (pw == null) {
        throw CliException.usage("--auth-user needs the password in the environment variable MAILTRACE_SMTP_PASSWORD");
      }
      client = client.withAuth(tlsOptions.authUser, pw, tlsOptions.authWithoutTls);
    }
    ReplayConfig.Builder b = ReplayConfig.builder(server.host(), server.port())
        .client(client)
        .exchangers(exchangers)
        .policy(policy)
        .mailFrom(safety.mailFrom)
        .stamp(safety.stamp ? id : null)
        .dsn(dsnNotify(), dsn.ret == null ? null : dsn.ret.name(), dsn.envid)
        .sessions(pace.sessions)
        .perSession(pace.perSession)
        .count(pace.count)
        .retries(pace.retries)
        .inMemoryLimit((int) extensions.streamAbove);
    Duration first = pace.backoff;
    b.backoff(first, first.multipliedBy(64).compareTo(Duration.ofMinutes(5)) > 0 ? first.multipliedBy(64) : Duration.ofMinutes(5));
    if (pace.rate != null) {
      b.rate(pace.rate);
    }
    if (pace.duration != null) {
      b.duration(pace.duration);
    }
    if (pace.deadline != null) {
      b.deadline(pace.deadline);
    }
    if (pace.timing != null) {
      b.timingFactor(timingFactor(pace.timing));
    }
    return b.build();
  }

  /** RFC 3461 section 4.1: NEVER, or any of SUCCESS, FAILURE and DELAY. */
  private String dsnNotify() {
    if (dsn.notify == null || dsn.notify.isEmpty()) {
      return null;
    }
    if (dsn.notify.contains(Notify.NEVER) && dsn.notify.size() > 1) {
      throw CliException.usage("--dsn-notify NEVER cannot be combined with SUCCESS, FAILURE or DELAY");
    }
    return String.join(",", dsn.notify.stream().distinct().map(Enum::name).toList());
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

  private MessageSource source(PrintWriter err) throws IOException {
    if (target.index == null) {
      return target.transcript ? TranscriptSource.of(sources) : MessageSource.archives(sources, (int) extensions.streamAbove);
    }
    return indexSource(err);
  }

  /** The messages an index query selects, read back from their sources and checked against their hashes. */
  private MessageSource indexSource(PrintWriter err) throws IOException {
    MailSearcher searcher = IndexLocation.open(target.index);
    List<Hit> hits;
    try {
      hits = searcher.all(QueryOptions.parse(searcher, target.query, false), Integer.MAX_VALUE - 8);
    } catch (CliException badQuery) {
      searcher.close();
      throw CliException.usage(badQuery.getMessage() + " in: " + target.query);
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
            if (s.length() > extensions.streamAbove) {
              // Only the first bytes: the planner streams the rest from the file when it is sent.
              StoredContent stored = StoredContent.of(s, ArchiveFormat.AUTO);
              stored.verify();
              try (var in = stored.open()) {
                bytes = in.readNBytes((int) extensions.streamAbove);
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
            .mailFrom(config.mailFrom()).stamp(config.stamp()).inMemoryLimit(config.inMemoryLimit()).build();
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
        PlannedMessage p = planner.plan(raw, source.capture());
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
      out.printf(Locale.ROOT, "dry run: %d messages, %d to send (%d bytes) to %s; nothing was sent%n",
          messages, sendable, bytes, describe(new ServerAddress(config.host(), config.port()), config.exchangers()));
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
