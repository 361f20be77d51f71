package dev.mailtrace.cli;

import dev.mailtrace.json.JsonWriter;
import dev.mailtrace.smtp.SmtpClientConfig;
import dev.mailtrace.smtp.SmtpException;
import dev.mailtrace.smtp.SmtpReply;
import dev.mailtrace.smtp.SmtpSession;
import dev.mailtrace.smtp.Timeouts;
import dev.mailtrace.smtp.TlsMode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mailtrace probe}: asks an SMTP server what it offers and records every reply. */
@Command(
    name = "probe",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Ask an SMTP server what it offers: the greeting, EHLO (HELO when EHLO is refused), HELP, NOOP,"
        + " VRFY ADDR and EXPN LIST (RFC 5321 section 4.1.1), then QUIT. Every reply is a result: 252 (cannot"
        + " verify) and 502 (not implemented) are common answers to VRFY and EXPN. Only a server on this"
        + " machine unless --i-mean-it.",
    footer = {
      "",
      "Examples:",
      "  mailtrace probe 127.0.0.1:2525",
      "  mailtrace probe mx.lab.test --i-mean-it --vrfy postmaster --expn staff --json",
      "",
      "Exit codes: 0 every step got a reply, 1 the server closed the session part way, 2 bad usage, 3 no session."
    })
final class ProbeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin OutputOptions output;

  @Parameters(index = "0", paramLabel = "HOST[:PORT]", description = "The server (port 25 when absent).")
  String server;

  @Option(names = "--vrfy", paramLabel = "ADDR", defaultValue = "postmaster", description = "The address VRFY asks about (default ${DEFAULT-VALUE}).")
  String vrfy;

  @Option(names = "--expn", paramLabel = "LIST", defaultValue = "postmaster", description = "The list EXPN asks about (default ${DEFAULT-VALUE}).")
  String expn;

  @Option(names = "--helo", paramLabel = "NAME", defaultValue = "localhost", description = "Name to give in EHLO/HELO (default ${DEFAULT-VALUE}).")
  String helo;

  @Option(names = "--tls", paramLabel = "MODE", defaultValue = "off", description = "STARTTLS before the questions: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
  TlsMode tls;

  @Option(names = "--tls-trust-all", description = "Accept any server certificate (test servers only).")
  boolean trustAll;

  @Option(names = "--timeout", paramLabel = "TIME", defaultValue = "30s", converter = DurationConverter.class, description = "Timeout of each step (default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--i-mean-it", description = "Allow a server that is not a loopback address.")
  boolean iMeanIt;

  /** One step of the probe and what the server said. */
  record Step(String step, String command, SmtpReply reply, String error) {}

  @Override
  public Integer call() throws Exception {
    output.check();
    for (String arg : new String[] {vrfy, expn, helo}) {
      if (arg.indexOf('\r') >= 0 || arg.indexOf('\n') >= 0 || arg.isBlank()) {
        throw CliException.usage("--vrfy, --expn and --helo take one line of text");
      }
    }
    ServerAddress target = ServerAddress.parse("probe", server, 25);
    target.requireAllowed(iMeanIt);
    SmtpClientConfig config = SmtpClientConfig.defaults().withHeloName(helo).withTls(tls).withTrustAll(trustAll)
        .withTimeouts(Timeouts.all(timeout));
    List<Step> steps = new ArrayList<>();
    boolean complete = true;
    SmtpSession session = SmtpSession.create(target.host(), target.port(), config);
    try {
      session.connect();
    } catch (SmtpException e) {
      if (e.reply() == null) {
        throw CliException.environment("probe " + target + ": " + e.getMessage());
      }
      steps.add(new Step(e.stage().name().toLowerCase(Locale.ROOT), e.stage().name(), e.reply(), null));
      print(target, steps);
      return 1;
    }
    try {
      steps.add(new Step("greeting", "", session.greeting(), null));
      steps.add(new Step(session.isEsmtp() ? "ehlo" : "helo", (session.isEsmtp() ? "EHLO " : "HELO ") + helo, session.helloReply(), null));
      String[][] questions = {{"help", "HELP"}, {"noop", "NOOP"}, {"vrfy", "VRFY " + vrfy}, {"expn", "EXPN " + expn}, {"quit", "QUIT"}};
      for (String[] q : questions) {
        try {
          steps.add(new Step(q[0], q[1], session.ask(q[1]), null));
        } catch (SmtpException e) {
          // A 421 or a lost connection ends the probe; what the server said is still a result.
          steps.add(new Step(q[0], q[1], e.reply(), e.reply() == null ? e.getMessage() : null));
          complete = q[0].equals("quit");
          break;
        }
      }
    } finally {
      session.close();
    }
    print(target, steps);
    return complete ? 0 : 1;
  }

  private void print(ServerAddress target, List<Step> steps) throws java.io.IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (output.json) {
      JsonWriter w = new JsonWriter(out);
      for (Step s : steps) {
        w.beginObject().field("server", target.toString()).field("step", s.step()).field("command", s.command())
            .field("code", s.reply() == null ? null : (Object) (long) s.reply().code())
            .field("enhanced", s.reply() == null ? null : s.reply().enhancedStatus())
            .field("reply", s.reply() == null ? null : s.reply().lines()).field("error", s.error()).endObject().newline();
      }
    } else if (output.csv) {
      CSVPrinter csv = CSVFormat.RFC4180.builder().setHeader("server", "step", "command", "code", "reply", "error").get().print(out);
      for (Step s : steps) {
        csv.printRecord(target, s.step(), s.command(), s.reply() == null ? null : s.reply().code(),
            s.reply() == null ? null : String.join("\n", s.reply().lines()), s.error());
      }
      csv.flush();
    } else {
      out.println("probe " + target);
      for (Step s : steps) {
        String head = String.format(Locale.ROOT, "%-9s %-28s ", s.step(), abbreviate(s.command()));
        if (s.reply() == null) {
          out.println(head + "(no reply: " + s.error() + ")");
          continue;
        }
        List<String> lines = s.reply().lines();
        String code = s.reply().code() + (s.reply().enhancedStatus() == null ? "" : " " + s.reply().enhancedStatus());
        for (int i = 0; i < lines.size(); i++) {
          out.println((i == 0 ? head : " ".repeat(head.length())) + code + " " + lines.get(i));
        }
      }
    }
    out.flush();
  }

  private static String abbreviate(String s) {
    return s.length() > 28 ? s.substring(0, 25) + "..." : s;
  }
}
