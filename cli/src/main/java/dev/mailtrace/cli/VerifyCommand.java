package dev.mailtrace.cli;

import dev.mailtrace.auth.ArcChain;
import dev.mailtrace.auth.Authenticity;
import dev.mailtrace.auth.DkimVerifier;
import dev.mailtrace.auth.DnsKeys;
import dev.mailtrace.auth.KeySource;
import dev.mailtrace.auth.SignatureVerdict;
import dev.mailtrace.auth.ZoneKeys;
import dev.mailtrace.json.JsonWriter;
import dev.mailtrace.message.RawMessage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mailtrace verify}: every DKIM signature and the ARC chain of each message, verified
 * offline with keys from zone files, or from DNS only when {@code --dns} is given.
 *
 * <p>Exit code 0 when every message has a DKIM signature that passes, 1 when some message has none
 * (findings), 2 for bad usage, 3 when an input or a key file cannot be read.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Verify the DKIM signatures (RFC 6376: simple and relaxed, rsa-sha256, rsa-sha1 marked weak, "
          + "ed25519-sha256 per RFC 8463) and the ARC chain (RFC 8617) of each message, offline: keys come "
          + "from zone files of TXT records (--keys), or from DNS only with --dns. Per signature: domain, "
          + "selector, algorithm, result in RFC 8601's words and the reason, DMARC alignment with the From "
          + "domain (strict, relaxed, none), the SHA-256 of the key record used, and risks (l=, weak "
          + "algorithms, testing keys, repeated or unsigned fields). x= is judged at the message's arrival "
          + "(its newest Received date), not today.",
      "JSON: one object per message with source {file, offset, length, sha256}, index, fromDomain, "
          + "dkim [{field, domain, selector, algorithm, canonicalization, identity, result, reason, aligned, "
          + "bodyHash, bodyLength, signedHeaders, signedAt, expires, key {sha256, origin, bits}, risks}], "
          + "arc {result, reason, instances [{instance, cv, authservId, authResults, messageSignature, seal}]} "
          + "and problems. CSV: one row per signature.",
      "Exit code 0 when every message has a passing DKIM signature, 1 when some has none, 3 when an "
          + "input or a key file cannot be read."
    },
    footer = {
      "",
      "Examples:",
      "  mailtrace verify --keys keys.zone message.eml",
      "  mailtrace verify --keys keys.zone --json archive.mbox | jq '.dkim[] | select(.result != \"pass\")'",
      "  mailtrace verify --dns --csv ~/Maildir > signatures.csv",
      "",
      "A zone file holds lines such as",
      "  sel._domainkey.example.com. IN TXT ( \"v=DKIM1; k=rsa; \" \"p=MIIBIjANBg...\" )",
      "as BIND, dig and opendkim-genkey write them."
    })
final class VerifyCommand implements Callable<Integer> {
  private static final String[] CSV_HEADER = {
    "file", "offset", "index", "field", "instance", "domain", "selector", "algorithm", "canonicalization", "result",
    "reason", "aligned", "bodyHash", "bodyLength", "keySha256", "risks"
  };

  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders to read.")
  List<Path> paths;

  @Option(
      names = "--keys",
      paramLabel = "FILE",
      description = "A zone file of DKIM key TXT records; may be given more than once.")
  List<Path> keyFiles = List.of();

  @Option(
      names = "--dns",
      description = "Look keys that the zone files do not have up in DNS (this tells the key's domain "
          + "that its mail is being read). Off by default: verify never goes online unless asked.")
  boolean dns;

  @Override
  public Integer call() throws IOException {
    output.check();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    KeySource keys = keys(keyFiles, dns, err);
    Archives archives = new Archives(paths, err);
    DkimVerifier verifier = new DkimVerifier(keys);
    CSVPrinter csv = output.csv ? CSVFormat.RFC4180.builder().setHeader(CSV_HEADER).get().print(out) : null;
    long[] counts = new long[2];
    ExecutorService pool = Executors.newFixedThreadPool(Archives.threads());
    ArrayDeque<Future<Verified>> pending = new ArrayDeque<>();
    int window = Archives.threads() * 64;
    try {
      archives.readRaw(raw -> {
        pending.add(pool.submit(() -> new Verified(raw, verifier.verify(raw.content()))));
        while (pending.size() >= window || (!pending.isEmpty() && pending.peek().isDone())) {
          print(take(pending), out, csv, counts);
        }
      });
      while (!pending.isEmpty()) {
        print(take(pending), out, csv, counts);
      }
    } finally {
      pool.shutdownNow();
    }
    if (csv != null) {
      csv.flush();
    }
    out.flush();
    err.printf(Locale.ROOT, "verified %d messages: %d with a passing DKIM signature, %d without%n",
        counts[0], counts[1], counts[0] - counts[1]);
    return counts[0] == counts[1] ? archives.finish() : Math.max(1, archives.finish());
  }

  /** The key source the options ask for: zone files, then DNS when asked; neither: no keys. */
  static KeySource keys(List<Path> files, boolean dns, PrintWriter err) throws IOException {
    KeySource keys = null;
    for (Path f : files) {
      ZoneKeys z = ZoneKeys.read(f);
      for (String p : z.problems()) {
        err.println("mailtrace: " + f + ": " + p);
      }
      keys = keys == null ? z : KeySource.firstOf(keys, z);
    }
    if (dns) {
      DnsKeys d = new DnsKeys(3000);
      keys = keys == null ? d : KeySource.firstOf(keys, d);
    }
    return keys == null ? KeySource.none() : keys;
  }

  private record Verified(RawMessage raw, Authenticity auth) {}

  private static Verified take(ArrayDeque<Future<Verified>> pending) throws IOException {
    try {
      return pending.poll().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  private void print(Verified v, PrintWriter out, CSVPrinter csv, long[] counts) throws IOException {
    counts[0]++;
    if (v.auth().dkim().stream().anyMatch(SignatureVerdict::isPass)) {
      counts[1]++;
    }
    if (output.json) {
      // one write per message: the writer appends char by char, and each append to the shared
      // PrintWriter takes its lock (half the CPU of a 20,000-message run)
      StringBuilder line = new StringBuilder(2048);
      new JsonWriter(line).value(json(v.raw(), v.auth())).newline();
      out.write(line.toString());
    } else if (csv != null) {
      for (SignatureVerdict s : v.auth().dkim()) {
        row(csv, v.raw(), s);
      }
      v.auth().arc().instances().forEach(i -> {
        try {
          if (i.messageSignature() != null) {
            row(csv, v.raw(), i.messageSignature());
          }
          if (i.seal() != null) {
            row(csv, v.raw(), i.seal());
          }
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    } else {
      table(out, v.raw(), v.auth());
    }
  }

  /** The JSON form of one message's verification, with exactly the keys the command documents. */
  static Map<String, Object> json(RawMessage raw, Authenticity a) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("source", ShowCommand.json(raw.source()));
    o.put("index", raw.index());
    o.put("fromDomain", a.fromDomain());
    o.put("dkim", AuthJson.signatures(a.dkim()));
    o.put("arc", AuthJson.arc(a.arc()));
    o.put("problems", a.problems());
    return o;
  }

  private static void row(CSVPrinter csv, RawMessage raw, SignatureVerdict s) throws IOException {
    csv.printRecord(raw.source().file(), raw.source().offset(), raw.index(), s.field().word(),
        s.instance() == 0 ? null : s.instance(), s.domain(), s.selector(), s.algorithm(), s.canonicalization(),
        s.result().word(), s.reason(), s.alignment().word(),
        s.bodyHashMatches() == null ? null : s.bodyHashMatches() ? "match" : "mismatch",
        s.bodyLength() < 0 ? null : s.bodyLength(), s.keySha256(), String.join("; ", s.risks()));
  }

  private static void table(PrintWriter out, RawMessage raw, Authenticity a) {
    var s = raw.source();
    out.printf(Locale.ROOT, "== %s #%d (offset %d, %d bytes)  From domain: %s%n", s.file(), raw.index(), s.offset(),
        s.length(), a.fromDomain() == null ? "-" : a.fromDomain());
    if (a.dkim().isEmpty()) {
      out.println("  dkim: none (no DKIM-Signature)");
    }
    for (SignatureVerdict v : a.dkim()) {
      signatureLine(out, "dkim", v);
    }
    ArcChain arc = a.arc();
    if (arc.result() != dev.mailtrace.auth.AuthResult.NONE) {
      out.printf(Locale.ROOT, "  arc:  %s, %d instance%s%s%n", arc.result().word(), arc.instances().size(),
          arc.instances().size() == 1 ? "" : "s", arc.reason() == null ? "" : ": " + arc.reason());
      for (var i : arc.instances()) {
        out.printf(Locale.ROOT, "    i=%d cv=%s by %s%n", i.instance(), i.chainValidation(), i.authservId());
        if (i.messageSignature() != null) {
          signatureLine(out, "  ams", i.messageSignature());
        }
        if (i.seal() != null) {
          signatureLine(out, "  seal", i.seal());
        }
      }
    }
    for (String p : a.problems()) {
      out.println("  ! " + p);
    }
    out.println();
  }

  private static void signatureLine(PrintWriter out, String label, SignatureVerdict v) {
    out.printf(Locale.ROOT, "  %-5s %-9s d=%s s=%s %s %s aligned=%s%s%n", label + ":", v.result().word(), v.domain(),
        v.selector(), v.algorithm(), v.canonicalization() == null ? "" : v.canonicalization(), v.alignment().word(),
        v.keySha256() == null ? "" : " key=" + v.keySha256().substring(0, 16));
    if (v.reason() != null) {
      out.println("          " + v.reason());
    }
    for (String r : v.risks()) {
      out.println("          risk: " + r);
    }
  }
}
