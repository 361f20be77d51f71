package dev.mailtrace.cli;

import dev.mailtrace.search.Hit;
import dev.mailtrace.search.MailSearcher;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mailtrace thread}: Show a thread from an index. */
@Command(
    name = "thread",
    mixinStandardHelpOptions = true,
    description = "Show the messages of a thread in date order. ID is a thread id, a Message-ID or a SHA-256 (prefix) of any message in it.",
    footer = {
      "",
      "Examples:",
      "  mailtrace thread --index idx '<CAF1234@mail.example.com>'",
      "  mailtrace thread --index idx 3f9a2c --fields date,from,subject,msgid --json"
    })
final class ThreadCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin IndexLocation index;
  @Mixin OutputOptions output;
  @Mixin HitListing listing;

  @Parameters(index = "0", paramLabel = "ID", description = "Thread id, Message-ID or SHA-256 prefix.")
  String id;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "10000", description = "Show at most N messages.")
  int limit;

  @Override
  public Integer call() throws Exception {
    LuceneLogging.quiet();
    output.check();
    listing.check();
    PrintWriter out = spec.commandLine().getOut();
    try (MailSearcher searcher = index.open()) {
      List<Hit> hits = searcher.thread(id, limit);
      if (hits.isEmpty()) {
        throw CliException.usage("no message or thread '" + id + "' in " + index.dir + "; find one with 'mailtrace search'");
      }
      listing.print(hits, output, out);
      return 0;
    }
  }
}
