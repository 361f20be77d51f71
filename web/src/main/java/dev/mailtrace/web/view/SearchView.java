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
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
    List<Facet> facets = results.total() > 0 ? facets(backend, q) : List.of();
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

  /**
   * The facets of a query, counted concurrently (each is one pass over the matches, the index is
   * read-only and thread-safe). Bounce and attachment facets count only the bounces or messages
   * with attachments among the matches: the others would only add to "(none)", which is not shown.
   * Years are summed from months rather than counted again.
   */
  private static List<Facet> facets(SearchBackend backend, String q) throws IOException {
    Map<Dimension, Future<List<Count>>> counted = new EnumMap<>(Dimension.class);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Dimension d : FACETS) {
        if (d == Dimension.YEAR) {
          continue;
        }
        String within = switch (d) {
          case BOUNCE_REASON, REMOTE_HOST -> QueryText.and(q, "is:bounce");
          case ATTACHMENT_TYPE -> QueryText.and(q, "has:attachment");
          default -> q;
        };
        int top = d == Dimension.MONTH ? Integer.MAX_VALUE : FACET_VALUES + 1;
        counted.put(d, pool.submit(() -> backend.counts(within, d, top)));
      }
      List<Facet> facets = new ArrayList<>();
      for (Dimension d : FACETS) {
        List<Count> counts = d == Dimension.YEAR ? years(counted.get(Dimension.MONTH).get()) : counted.get(d).get();
        Facet f = facet(q, d, counts);
        if (!f.values().isEmpty()) {
          facets.add(f);
        }
      }
      return facets;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while counting facets", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(e.getCause());
    }
  }

  /** Month counts ("2024-05") summed by year. */
  private static List<Count> years(List<Count> months) {
    Map<String, Long> years = new TreeMap<>();
    for (Count m : months) {
      String year = m.value().equals(Dimension.NONE) ? Dimension.NONE : m.value().substring(0, Math.min(4, m.value().length()));
      years.merge(year, m.count(), Long::sum);
    }
    List<Count> out = new ArrayList<>();
    years.forEach((y, n) -> out.add(new Count(y, n)));
    return out;
  }

  private static Facet facet(String q, Dimension d, List<Count> counts) {
    boolean dates = d == Dimension.YEAR || d == Dimension.MONTH;
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
