package dev.mailtrace.web.view;

import dev.mailtrace.export.ExportFormat;
import dev.mailtrace.web.backend.Count;
import dev.mailtrace.web.backend.Dimension;
import dev.mailtrace.web.backend.Order;
import dev.mailtrace.web.backend.QueryError;
import dev.mailtrace.web.backend.QueryText;
import dev.mailtrace.web.backend.ResultPage;
import dev.mailtrace.web.backend.SearchBackend;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The search page: the query, a page of results, paging and sorting links, facets that refine the
 * query, and the query's dashboards and exports; or the query's error with its position.
 *
 * @param query the query as typed
 * @param total how many messages match
 * @param shown "41-60 of 1,234", or empty
 * @param rows the page of results
 * @param facets the facets beside the results
 * @param sorts the orders to choose from
 * @param previous the previous page, or null
 * @param next the next page, or null
 * @param exports the export downloads of this query
 * @param bouncesHref the bounce dashboard of this query
 * @param routesHref the route dashboard of this query
 * @param problem the query's error, or null
 */
public record SearchView(
    String query,
    long total,
    String shown,
    List<Row> rows,
    List<Facet> facets,
    List<Link> sorts,
    String previous,
    String next,
    List<Link> exports,
    String bouncesHref,
    String routesHref,
    QueryProblem problem) {

  /** Results per page. */
  public static final int PAGE_SIZE = 20;
  /** Values shown per facet. */
  static final int FACET_VALUES = 8;
  /** The dimensions shown as facets, in order. */
  static final List<Dimension> FACETS = List.of(
      Dimension.SENDER_DOMAIN, Dimension.RECIPIENT_DOMAIN, Dimension.YEAR, Dimension.MONTH,
      Dimension.BOUNCE_REASON, Dimension.REMOTE_HOST, Dimension.ATTACHMENT_TYPE);

  /** Runs a query for one page of results in an order. */
  public static SearchView of(SearchBackend backend, String query, Order order, int page) throws IOException {
    String q = query == null ? "" : query.strip();
    int p = Math.max(1, page);
    List<Link> sorts = new ArrayList<>();
    for (Order o : Order.values()) {
      sorts.add(new Link(o.param(), Urls.search(q, o, 1), o == order));
    }
    List<Link> exports = new ArrayList<>();
    for (ExportFormat f : ExportFormat.values()) {
      exports.add(new Link(f.name().toLowerCase(Locale.ROOT), Urls.export(q, f), false));
    }
    ResultPage results;
    try {
      results = backend.search(q, order, (p - 1) * PAGE_SIZE, PAGE_SIZE);
    } catch (QueryError e) {
      return new SearchView(q, 0, "", List.of(), List.of(), sorts, null, null, List.of(), null, null, QueryProblem.of(q, e));
    }
    List<Row> rows = results.rows().stream().map(Row::of).toList();
    List<Facet> facets = new ArrayList<>();
    if (results.total() > 0) {
      for (Dimension d : FACETS) {
        Facet f = facet(backend, q, d);
        if (!f.values().isEmpty()) {
          facets.add(f);
        }
      }
    }
    long first = (long) (p - 1) * PAGE_SIZE + 1;
    String shown = rows.isEmpty() ? "" : Display.count(first) + "–" + Display.count(first + rows.size() - 1) + " of " + Display.count(results.total());
    return new SearchView(
        q,
        results.total(),
        shown,
        rows,
        facets,
        sorts,
        p > 1 ? Urls.search(q, order, p - 1) : null,
        first + rows.size() - 1 < results.total() ? Urls.search(q, order, p + 1) : null,
        exports,
        Urls.bounces(q),
        Urls.routes(q),
        null);
  }

  private static Facet facet(SearchBackend backend, String q, Dimension d) throws IOException {
    boolean dates = d == Dimension.YEAR || d == Dimension.MONTH;
    List<Count> counts = backend.counts(q, d, dates ? Integer.MAX_VALUE : FACET_VALUES + 1);
    List<Count> shown = new ArrayList<>();
    for (Count c : counts) {
      if (!c.value().equals(Dimension.NONE)) {
        shown.add(c);
      }
    }
    if (dates) {
      // The latest periods, newest first.
      shown.sort(Comparator.comparing(Count::value).reversed());
    }
    if (shown.size() == 1 && counts.size() == 1 && !dates && q.contains(QueryText.clause(d, shown.get(0).value()))) {
      return new Facet(d.label(), List.of());
    }
    List<Facet.Value> values = new ArrayList<>();
    for (Count c : shown.subList(0, Math.min(FACET_VALUES, shown.size()))) {
      values.add(new Facet.Value(c.value(), Display.count(c.count()), Urls.search(QueryText.and(q, QueryText.clause(d, c.value())))));
    }
    return new Facet(d.label(), values);
  }
}
