package dev.mailtrace.cli;

import dev.mailtrace.json.JsonWriter;
import dev.mailtrace.bounce.BounceClassifier;
import dev.mailtrace.bounce.BouncedRecipient;
import dev.mailtrace.bounce.DeliveryReport;
import dev.mailtrace.bounce.ReportKind;
import dev.mailtrace.message.Message;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * {@code mailtrace bounces}: one row per recipient of every delivery report found (bounces, delays,
 * success notices, feedback reports, auto-replies), or with {@code --summary} counts by kind,
 * reason, status, remote host and recipient domain.
 */
@Command(
    name = "bounces",
    mixinStandardHelpOptions = true,
    description = {
      "List bounced recipients from delivery reports and bounces.",
      "Reads RFC 3464 reports, ARF feedback, auto-replies and the text bounces of common MTAs;"
          + " ordinary mail is skipped. Exit code 0 when every input was read, 3 when one cannot be"
          + " read."
    },
    footer = {
      "",
      "Examples:",
      "  mailtrace bounces ~/Maildir/.Bounces",
      "  mailtrace bounces --csv bounces.mbox > bounces.csv",
      "  mailtrace bounces --json bounces.mbox | jq 'select(.hard) | .recipient'",
      "  mailtrace bounces --summary archive.mbox.gz"
    })
final class BouncesCommand implements Callable<Integer> {
  private static final String[] COLUMNS = {
    "file",
    "offset",
    "date",
    "kind",
    "recipient",
    "action",
    "status",
    "replyCode",
    "command",
    "reason",
    "hard",
    "remoteHost",
    "diagnostic"
  };

  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description = "Files or folders of mail to read.")
  List<Path> paths;

  @Option(
      names = "--summary",
      description =
          "Print counts by kind, reason, status, remote host and recipient domain instead of rows.")
  boolean summary;

  private boolean tableHeaderPrinted;

  @Override
  public Integer call() throws IOException {
    output.check();
    Archives archives = new Archives(paths, spec.commandLine().getErr());
    PrintWriter out = spec.commandLine().getOut();
    BounceClassifier classifier = new BounceClassifier();
    Counts counts = new Counts();
    CSVPrinter csv =
        output.csv && !summary
            ? CSVFormat.DEFAULT.builder().setHeader(COLUMNS).get().print(out)
            : null;
    archives.read(m -> {
      DeliveryReport r = classifier.classify(m);
      counts.messages++;
      if (r.kind() == ReportKind.NONE) {
        return;
      }
      counts.add(r);
      if (summary) {
        return;
      }
      for (BouncedRecipient b : r.recipients()) {
        List<Object> row = row(m, r, b);
        if (csv != null) {
          csv.printRecord(row);
        } else if (output.json) {
          Map<String, Object> o = new LinkedHashMap<>();
          for (int i = 0; i < COLUMNS.length; i++) {
            o.put(COLUMNS[i], row.get(i));
          }
          o.put("feedbackType", r.feedbackType());
          o.put("originalMessageId", r.originalMessageId());
          o.put("originalSubject", r.originalSubject());
          new JsonWriter(out).value(o).newline();
        } else {
          if (!tableHeaderPrinted) {
            out.println(String.join("\t", COLUMNS));
            tableHeaderPrinted = true;
          }
          StringBuilder sb = new StringBuilder();
          for (int i = 0; i < row.size(); i++) {
            if (i > 0) {
              sb.append('\t');
            }
            Object v = row.get(i);
            sb.append(
                v == null ? "-" : i == 10 ? ((Boolean) v ? "hard" : "soft") : v.toString());
          }
          out.println(sb);
        }
      }
    });
    if (csv != null) {
      csv.flush();
    }
    if (summary) {
      counts.print(out, output);
    }
    out.flush();
    return archives.finish();
  }

  private static List<Object> row(Message m, DeliveryReport r, BouncedRecipient b) {
    List<Object> row = new ArrayList<>(COLUMNS.length);
    row.add(m.source().file());
    row.add(m.source().offset());
    row.add(m.date() == null ? null : ShowCommand.iso(m.date()));
    row.add(r.kind().name().toLowerCase(Locale.ROOT));
    row.add(b.recipient());
    row.add(b.action());
    row.add(b.status());
    row.add(b.replyCode());
    row.add(b.command());
    row.add(b.reason().label());
    row.add(b.hard());
    row.add(b.remoteHost());
    row.add(b.diagnostic());
    return row;
  }

  /** Tallies for {@code --summary}. */
  private static final class Counts {
    long messages;
    long reports;
    long recipients;
    final Map<String, Map<String, Long>> by = new LinkedHashMap<>();

    Counts() {
      for (String d : List.of("kind", "reason", "status", "remoteHost", "recipientDomain")) {
        by.put(d, new TreeMap<>());
      }
    }

    void add(DeliveryReport r) {
      reports++;
      bump("kind", r.kind().name().toLowerCase(Locale.ROOT));
      for (BouncedRecipient b : r.recipients()) {
        recipients++;
        bump("reason", b.reason().label());
        bump("status", b.status() == null ? "-" : b.status());
        bump("remoteHost", b.remoteHost() == null ? "-" : b.remoteHost());
        String rcpt = b.recipient();
        int at = rcpt == null ? -1 : rcpt.lastIndexOf('@');
        bump("recipientDomain", at < 0 ? "-" : rcpt.substring(at + 1));
      }
    }

    private void bump(String dimension, String value) {
      by.get(dimension).merge(value, 1L, Long::sum);
    }

    void print(PrintWriter out, OutputOptions output) throws IOException {
      if (output.json) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("messages", messages);
        o.put("reports", reports);
        o.put("recipients", recipients);
        for (Map.Entry<String, Map<String, Long>> e : by.entrySet()) {
          o.put(e.getKey(), sorted(e.getValue()));
        }
        new JsonWriter(out).value(o).newline();
      } else if (output.csv) {
        CSVPrinter csv =
            CSVFormat.DEFAULT.builder().setHeader("dimension", "value", "count").get().print(out);
        csv.printRecord("total", "messages", messages);
        csv.printRecord("total", "reports", reports);
        csv.printRecord("total", "recipients", recipients);
        for (Map.Entry<String, Map<String, Long>> e : by.entrySet()) {
          for (Map.Entry<String, Long> v : sorted(e.getValue()).entrySet()) {
            csv.printRecord(e.getKey(), v.getKey(), v.getValue());
          }
        }
        csv.flush();
      } else {
        out.printf(
            Locale.ROOT,
            "messages %d, delivery reports %d, recipients %d%n", messages, reports, recipients);
        for (Map.Entry<String, Map<String, Long>> e : by.entrySet()) {
          out.println();
          out.println("by " + e.getKey() + ":");
          for (Map.Entry<String, Long> v : sorted(e.getValue()).entrySet()) {
            out.printf(Locale.ROOT, "  %7d  %s%n", v.getValue(), v.getKey());
          }
        }
      }
    }

    /** Largest count first, then by value. */
    private static Map<String, Long> sorted(Map<String, Long> m) {
      Map<String, Long> out = new LinkedHashMap<>();
      m.entrySet().stream()
          .sorted(
              Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                  .thenComparing(Map.Entry.comparingByKey()))
          .forEach(e -> out.put(e.getKey(), e.getValue()));
      return out;
    }
  }
}
