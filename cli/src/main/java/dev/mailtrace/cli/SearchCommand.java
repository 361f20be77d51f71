package dev.mailtrace.cli;

import dev.mailtrace.search.MailSearcher;
import dev.mailtrace.search.SearchPage;
import dev.mailtrace.search.SortOrder;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.lucene.search.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mailtrace search}: Search an index. */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = {
      "Search an index with a notmuch/Gmail-like query: from: to: cc: bcc: rcpt: subject: body: date: size:",
      "has: is: dup: attachment: attachment.type: sha256: msgid: thread: file: hop.ip: hop.host: hop.tls: hops:",
      "delay: bounce.reason: bounce.status: bounce.remote: header.NAME: problem:, AND OR NOT - ( ) \"phrases\" and",
      "wildcards; bare words search subject, body and addresses; lucene:(...) or --lucene for raw Lucene syntax."
    },
    footer = {
      "",
      "Examples:",
      "  mailtrace search --index idx from:alice@example.com date:2024-01-01..2024-02-01",
      "  mailtrace search --index idx 'has:attachment size:>1M -from:example.com' --json",
      "  mailtrace search --index idx bounce.status:5.1.1 --count",
      "  mailtrace search --index idx 'hop.ip:203.0.113.7 OR hops:>5' --fields date,from,sha256 --csv"
    })
final class SearchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin IndexLocation index;
  @Mixin OutputOptions output;
  @Mixin QueryOptions query;
  @Mixin HitListing listing;

  @Option(names = "--count", description = "Print only the number of matching messages.")
  boolean count;

  @Option(names = "--sort", paramLabel = "ORDER", defaultValue = "date", description = "date (newest first, the default), oldest or relevance.")
  String sort;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "Show at most N messages (default ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--offset", paramLabel = "N", defaultValue = "0", description = "Skip the first N messages.")
  int offset;

  @Override
  public Integer call() throws Exception {
    LuceneLogging.quiet();
    output.check();
    if (limit < 0 || offset < 0) {
      throw CliException.usage("--limit and --offset must not be negative");
    }
    SortOrder order =
        switch (sort.toLowerCase(Locale.ROOT)) {
          case "date", "newest" -> SortOrder.NEWEST;
          case "oldest" -> SortOrder.OLDEST;
          case "relevance", "score" -> SortOrder.RELEVANCE;
          default -> throw CliException.usage("unknown --sort '" + sort + "'; use date, oldest or relevance");
        };
    listing.check();
    PrintWriter out = spec.commandLine().getOut();
    try (MailSearcher searcher = index.open()) {
      Query q = query.parse(searcher);
      if (count) {
        out.println(searcher.count(q));
        out.flush();
        return 0;
      }
      SearchPage page = searcher.search(q, order, offset, limit);
      listing.print(page.hits(), output, out);
      boolean table = !output.json && !output.csv;
      if (table && page.total() > offset + page.hits().size()) {
        spec.commandLine().getErr().println(
            "mailtrace: showing " + page.hits().size() + " of " + page.total() + " messages; use --limit and --offset for more.");
      }
      return 0;
    }
  }
}
