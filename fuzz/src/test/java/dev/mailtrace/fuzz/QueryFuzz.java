package dev.mailtrace.fuzz;

import dev.mailtrace.search.BadQueryException;
import dev.mailtrace.search.MailQuery;

/**
 * The query language's parse entry point as it stands: a query either parses or is refused with
 * {@link BadQueryException}. (Its rework is another branch's; this target stays thin.)
 */
public final class QueryFuzz {
  private QueryFuzz() {}

  /** Jazzer's entry point. */
  public static void fuzzerTestOneInput(byte[] data) {
    try {
      new MailQuery().parse(new String(data, java.nio.charset.StandardCharsets.UTF_8));
    } catch (BadQueryException refused) {
      // a refusal is an answer
    }
  }
}
