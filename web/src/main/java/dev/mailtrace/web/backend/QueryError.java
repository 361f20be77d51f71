package dev.mailtrace.web.backend;

/** A query that does not follow the query language, with the column (from 1) where it goes wrong. */
public final class QueryError extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final int column;
  private final String reason;

  /** An error at {@code column} (from 1), for {@code reason} (what was expected or found). */
  public QueryError(int column, String reason) {
    super("bad query at column " + column + ": " + reason);
    this.column = column;
    this.reason = reason;
  }

  /** The column, from 1, where the query stops making sense. */
  public int column() {
    return column;
  }

  /** What was expected or found, without the position. */
  public String reason() {
    return reason;
  }
}
