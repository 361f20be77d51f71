package dev.mailtrace.cli;

import dev.mailtrace.export.ExportFormat;
import dev.mailtrace.export.ExportResult;
import dev.mailtrace.export.Exporter;
import dev.mailtrace.search.Hit;
import dev.mailtrace.search.MailSearcher;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.lucene.search.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mailtrace export}: Export search results as mbox, eml, CSV or JSON with a custody manifest. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Export the messages matching a query: raw and byte-identical to the source (mbox, or eml files named by",
      "SHA-256) or as metadata (csv, json), with a manifest CSV (source file, offset, length, SHA-256, exported",
      "path, export time, query). Every message is hashed again first; changed messages are refused and listed."
    },
    footer = {
      "",
      "Examples:",
      "  mailtrace export --index idx 'from:mallory@example.net' --format eml --out evidence/",
      "  mailtrace export --index idx is:bounce --format mbox --out bounces.mbox",
      "  mailtrace export --index idx date:2024-03 --format csv --out march.csv"
    })
final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin IndexLocation index;
  @Mixin QueryOptions query;

  @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "mbox, eml, csv or json.")
  String format;

  @Option(names = "--out", required = true, paramLabel = "PATH", description = "The output file, or folder for eml.")
  Path out;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "1000000", description = "Export at most N messages (default ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() throws Exception {
    LuceneLogging.quiet();
    ExportFormat f = ExportFormat.of(format);
    if (f == null) {
      throw CliException.usage("unknown --format '" + format + "'; use mbox, eml, csv or json");
    }
    PrintWriter err = spec.commandLine().getErr();
    try (MailSearcher searcher = index.open()) {
      Query q = query.parse(searcher);
      List<Hit> hits = searcher.all(q, limit);
      ExportResult r = new Exporter(f, out, query.text(), Instant.now()).export(hits);
      for (String refused : r.refused()) {
        err.println("mailtrace: refused " + refused);
      }
      PrintWriter o = spec.commandLine().getOut();
      o.println("exported " + r.exported() + " messages to " + r.output() + "; manifest " + r.manifest());
      o.flush();
      if (!r.refused().isEmpty()) {
        err.println("mailtrace: " + r.refused().size() + " messages were not exported (listed above): a changed source needs"
            + " 'mailtrace index' again, a name already taken a new output folder.");
        return 1;
      }
      return 0;
    }
  }
}
