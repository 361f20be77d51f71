package dev.mailtrace.cli;

import dev.mailtrace.json.JsonWriter;
import dev.mailtrace.search.Bucket;
import dev.mailtrace.search.MailSearcher;
import dev.mailtrace.search.StatsField;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.lucene.search.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mailtrace stats}: Aggregate search results by a field. */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = "Count the messages matching a query by a field: sender-domain, sender, recipient-domain, day, month, year, bounce-reason, bounce-status, remote-host, hop-host, attachment-type, thread.",
    footer = {
      "",
      "Examples:",
      "  mailtrace stats --index idx --by sender-domain --top 10",
      "  mailtrace stats --index idx is:bounce --by bounce-reason --json",
      "  mailtrace stats --index idx 'date:2024' --by month --csv"
    })
final class StatsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin IndexLocation index;
  @Mixin OutputOptions output;
  @Mixin QueryOptions query;

  @Option(names = "--by", required = true, paramLabel = "FIELD", description = "The field to count by.")
  String by;

  @Option(names = "--top", paramLabel = "N", defaultValue = "20", description = "Show the N largest counts (default ${DEFAULT-VALUE}; dates are shown in order).")
  int top;

  @Override
  public Integer call() throws Exception {
    LuceneLogging.quiet();
    output.check();
    StatsField field = StatsField.of(by);
    if (field == null) {
      throw CliException.usage("unknown --by field '" + by + "'; use one of " + String.join(", ", StatsField.labels()));
    }
    if (top < 1) {
      throw CliException.usage("--top must be at least 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (MailSearcher searcher = index.open()) {
      Query q = query.parse(searcher);
      long total = searcher.count(q);
      List<Bucket> buckets = searcher.stats(q, field, top);
      String label = field.label();
      if (output.json) {
        JsonWriter w = new JsonWriter(out);
        for (Bucket b : buckets) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put(label, b.value());
          row.put("count", b.count());
          w.value(row).newline();
        }
      } else if (output.csv) {
        CSVPrinter p = CSVFormat.RFC4180.builder().setHeader(label, "count").get().print(out);
        for (Bucket b : buckets) {
          p.printRecord(b.value(), b.count());
        }
        p.flush();
      } else {
        int width = label.length();
        for (Bucket b : buckets) {
          width = Math.max(width, Math.min(60, b.value().length()));
        }
        out.println(pad(label.toUpperCase(Locale.ROOT), width) + "  " + String.format(Locale.ROOT, "%9s  %6s", "COUNT", "%"));
        for (Bucket b : buckets) {
          String v = b.value().length() > 60 ? b.value().substring(0, 59) + "…" : b.value();
          double pct = total == 0 ? 0 : 100.0 * b.count() / total;
          out.println(pad(v, width) + "  " + String.format(Locale.ROOT, "%9d  %5.1f%%", b.count(), pct));
        }
        out.println(total + " messages match");
      }
      out.flush();
      return 0;
    }
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
