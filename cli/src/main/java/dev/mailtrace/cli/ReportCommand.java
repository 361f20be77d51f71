package dev.mailtrace.cli;

import dev.mailtrace.web.Report;
import dev.mailtrace.web.backend.QueryError;
import dev.mailtrace.web.lucene.LuceneBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mailtrace report}: one self-contained HTML file of a query's summary, bounces and routes. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Write a self-contained HTML report of a query: summary tables, the bounce dashboard and the route dashboard.",
      "One file that opens offline and loads nothing from elsewhere, for a ticket or a case file. "
          + "An existing file is kept unless --force is given."
    },
    footer = {
      "",
      "Examples:",
      "  mailtrace report --index idx --out report.html",
      "  mailtrace report --index idx 'to.domain:example.com date:2024-05' --out may.html"
    })
final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin IndexLocation index;

  @Parameters(arity = "0..*", paramLabel = "QUERY", description = "The query (all messages when absent); several words are joined with spaces.")
  List<String> words;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The HTML file to write.")
  Path out;

  @Option(names = "--force", description = "Replace the file when it exists.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    LuceneLogging.quiet();
    Path target = Main.invocation(spec).resolve(out);
    if (Files.exists(target) && !force) {
      throw CliException.usage(out + " exists; choose another --out or add --force to replace it");
    }
    if (target.toAbsolutePath().getParent() != null && !Files.isDirectory(target.toAbsolutePath().getParent())) {
      throw CliException.environment("no folder " + target.toAbsolutePath().getParent() + " for " + out + "; create it first");
    }
    String query = words == null ? "" : String.join(" ", words);
    try (LuceneBackend backend = LuceneBackend.open(index.existing())) {
      Report.write(backend, query, Instant.now(), target);
      long messages = backend.count(query);
      spec.commandLine().getErr().printf(Locale.ROOT, "mailtrace: wrote %s (%d messages, %d KB)%n", out, messages, (Files.size(target) + 1023) / 1024);
      return 0;
    } catch (QueryError e) {
      throw CliException.usage(e.getMessage());
    }
  }
}
