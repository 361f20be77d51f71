package dev.mailtrace.search;

/**
 * A query that does not follow the query language, with the column (from 1) where it went wrong.
 * Its message reads {@code bad query at column 12: expected ')' ...}.
 */
public final class BadQueryException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final int column;
  private final String reason;

  BadQueryException(int column, String reason) {
    super("bad query at column " + column + ": " + reason);
    this.column = column;
    this.reason = reason;
  }

  /** The column, counted from 1, where the query stops making sense. */
  public int column() {
    return column;
  }

  /** What was expected or found, without the position. */
  public String reason() {
    return reason;
  }
}
