package dev.mailtrace.web.view;

import dev.mailtrace.web.backend.QueryError;

/**
 * A query error as the search page shows it: the query with a marker under the column.
 *
 * @param query the query as typed
 * @param column the column, from 1
 * @param reason what is wrong
 * @param marker spaces up to the column, then a caret
 */
public record QueryProblem(String query, int column, String reason, String marker) {

  /** The problem of a query. */
  public static QueryProblem of(String query, QueryError e) {
    int col = Math.max(1, Math.min(e.column(), query.length() + 1));
    return new QueryProblem(query, col, e.reason(), " ".repeat(col - 1) + "^");
  }
}
