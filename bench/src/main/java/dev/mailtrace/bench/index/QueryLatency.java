package dev.mailtrace.bench.index;

import dev.mailtrace.search.MailSearcher;
import dev.mailtrace.search.SortOrder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.apache.lucene.search.Query;

/**
 * Measures in-process query latency of an index: for each query, {@code count} and a first page of
 * 20 hits sorted by date, after a warm-up, printing one Markdown table row per query.
 *
 * <p>Usage: {@code QueryLatency INDEX_DIR ITERATIONS QUERY...}
 */
public final class QueryLatency {
  private QueryLatency() {}

  /** Measures each query and prints its table row. */
  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: QueryLatency INDEX_DIR ITERATIONS QUERY...");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    int iterations = Integer.parseInt(args[1]);
    try (MailSearcher searcher = MailSearcher.open(dir)) {
      System.out.println("| query | hits | count p50 ms | count p99 ms | top-20 p50 ms | top-20 p99 ms |");
      System.out.println("|---|---:|---:|---:|---:|---:|");
      for (int a = 2; a < args.length; a++) {
        String text = args[a];
        long[] count = new long[iterations];
        long[] page = new long[iterations];
        long hits = 0;
        for (int warm = 0; warm < Math.max(5, iterations / 5); warm++) {
          hits = searcher.count(searcher.parse(text));
          searcher.search(searcher.parse(text), SortOrder.NEWEST, 0, 20);
        }
        for (int i = 0; i < iterations; i++) {
          long t0 = System.nanoTime();
          Query q = searcher.parse(text);
          hits = searcher.count(q);
          long t1 = System.nanoTime();
          searcher.search(searcher.parse(text), SortOrder.NEWEST, 0, 20);
          long t2 = System.nanoTime();
          count[i] = t1 - t0;
          page[i] = t2 - t1;
        }
        System.out.printf(Locale.ROOT, "| `%s` | %d | %.2f | %.2f | %.2f | %.2f |%n",
            text, hits, pct(count, 50), pct(count, 99), pct(page, 50), pct(page, 99));
      }
    }
  }

  private static double pct(long[] nanos, int p) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    int i = (int) Math.min(s.length - 1, Math.ceil(p / 100.0 * s.length) - 1);
    return s[Math.max(0, i)] / 1e6;
  }
}
