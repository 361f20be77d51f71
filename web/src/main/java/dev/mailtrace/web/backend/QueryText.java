package dev.mailtrace.web.backend;

/**
 * Composes queries in the query language as text, so that a refined query is one a person can read
 * in the search box and paste into {@code mailtrace search}.
 */
public final class QueryText {
  private QueryText() {}

  /** {@code field:value}, the value quoted when it holds characters the language reads as syntax. */
  public static String clause(String field, String value) {
    return field + ":" + quoted(value);
  }

  /** The clause that selects one value of a dimension. */
  public static String clause(Dimension dimension, String value) {
    return clause(dimension.field(), value);
  }

  /**
   * Both queries: {@code extra} alone when {@code query} is blank, else {@code query} (in
   * parentheses when it holds an OR, whose precedence is lower than juxtaposition) and {@code extra}.
   */
  public static String and(String query, String extra) {
    String q = query == null ? "" : query.strip();
    if (q.isEmpty() || q.equals("*")) {
      return extra;
    }
    if (extra == null || extra.isBlank()) {
      return q;
    }
    if (q.equals(extra) || q.endsWith(" " + extra) || q.startsWith(extra + " ")) {
      return q;
    }
    boolean hasOr = (" " + q + " ").toUpperCase(java.util.Locale.ROOT).contains(" OR ") || q.contains("||");
    return (hasOr ? "(" + q + ")" : q) + " " + extra;
  }

  private static String quoted(String value) {
    boolean plain = !value.isEmpty();
    for (int i = 0; i < value.length() && plain; i++) {
      char c = value.charAt(i);
      plain = !Character.isWhitespace(c) && c != '"' && c != '(' && c != ')' && c != '\\';
    }
    if (plain && !value.startsWith("-")) {
      return value;
    }
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
