package dev.mailtrace.web.view;

import dev.mailtrace.web.backend.Count;
import dev.mailtrace.web.backend.Dimension;
import dev.mailtrace.web.backend.QueryText;
import dev.mailtrace.web.backend.SearchBackend;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bounce dashboard of a query: the delivery reports among its messages, per day (per month over
 * long spans) by reason, the remote hosts and status codes that refused, and the hard/soft share.
 *
 * @param query the query
 * @param bounces how many of its messages report a failed delivery
 * @param hard how many with at least one permanent failure
 * @param soft how many with at least one temporary failure
 * @param overTime bounces per period, stacked by reason
 * @param period "day" or "month"
 * @param reasons bounces by reason
 * @param remoteHosts bounces by the remote host that answered
 * @param statuses bounces by RFC 3463 status
 * @param hardSoft the hard/soft chart
 * @param reasonChart the reasons chart
 * @param hostChart the remote hosts chart
 * @param statusChart the status codes chart
 * @param bouncesHref the bounces themselves in the search page
 */
public record BounceDashboard(
    String query,
    String bounces,
    String hard,
    String soft,
    Chart overTime,
    String period,
    Tally reasons,
    Tally remoteHosts,
    Tally statuses,
    Chart hardSoft,
    Chart reasonChart,
    Chart hostChart,
    Chart statusChart,
    String bouncesHref) {

  /** Reasons drawn as their own series over time; the rest are summed as "other". */
  static final int SERIES = 8;
  /** Values per table. */
  static final int TOP = 10;
  /** Beyond this many days, bounces are counted per month. */
  static final int MAX_DAYS = 120;

  /** The dashboard of a query's bounces. */
  public static BounceDashboard of(SearchBackend backend, String query) throws IOException {
    String q = query == null ? "" : query.strip();
    String bq = QueryText.and(q, "is:bounce");
    long total = backend.count(bq);
    long hard = backend.count(QueryText.and(bq, "is:hard"));
    long soft = backend.count(QueryText.and(bq, "is:soft"));
    List<Count> reasons = backend.counts(bq, Dimension.BOUNCE_REASON, Integer.MAX_VALUE);
    Dimension period = Dimension.DAY;
    List<Count> days = backend.counts(bq, Dimension.DAY, Integer.MAX_VALUE);
    if (days.size() > MAX_DAYS) {
      period = Dimension.MONTH;
      days = backend.counts(bq, Dimension.MONTH, Integer.MAX_VALUE);
    }
    List<String> labels = days.stream().map(Count::value).filter(v -> !v.equals(Dimension.NONE)).toList();
    List<Chart.Series> series = new ArrayList<>();
    long[] other = new long[labels.size()];
    boolean anyOther = false;
    for (int r = 0; r < reasons.size(); r++) {
      Count reason = reasons.get(r);
      Map<String, Long> perPeriod = new HashMap<>();
      if (r < SERIES) {
        for (Count c : backend.counts(QueryText.and(bq, QueryText.clause(Dimension.BOUNCE_REASON, reason.value())), period, Integer.MAX_VALUE)) {
          perPeriod.put(c.value(), c.count());
        }
        series.add(new Chart.Series(reason.value(), labels.stream().map(l -> perPeriod.getOrDefault(l, 0L)).toList()));
      } else {
        anyOther = true;
      }
    }
    if (anyOther) {
      // What the drawn series leave of each period's total.
      Map<String, Long> all = new HashMap<>();
      days.forEach(c -> all.put(c.value(), c.count()));
      for (int i = 0; i < labels.size(); i++) {
        long drawn = 0;
        for (Chart.Series s : series) {
          drawn += s.values().get(i);
        }
        other[i] = Math.max(0, all.getOrDefault(labels.get(i), 0L) - drawn);
      }
      List<Long> rest = new ArrayList<>();
      for (long v : other) {
        rest.add(v);
      }
      series.add(new Chart.Series("other", rest));
    }
    Tally reasonTally = Tally.of("Reasons", bq, Dimension.BOUNCE_REASON, reasons.subList(0, Math.min(TOP, reasons.size())), total);
    Tally hosts = Tally.of("Remote hosts", bq, Dimension.REMOTE_HOST, backend.counts(bq, Dimension.REMOTE_HOST, TOP), total);
    Tally statuses = Tally.of("Status codes", bq, Dimension.BOUNCE_STATUS, backend.counts(bq, Dimension.BOUNCE_STATUS, TOP), total);
    String name = period == Dimension.DAY ? "day" : "month";
    return new BounceDashboard(
        q,
        Display.count(total),
        Display.count(hard),
        Display.count(soft),
        Chart.stacked("Bounces per " + name + " by reason", labels, series),
        name,
        reasonTally,
        hosts,
        statuses,
        Chart.doughnut("Hard and soft", List.of("hard", "soft"), List.of(hard, soft), List.of("#b3261e", "#e0a030")),
        Chart.bars("Reasons", reasonTally.labels(), reasonTally.counts(), true),
        Chart.bars("Remote hosts", hosts.labels(), hosts.counts(), true),
        Chart.bars("Status codes", statuses.labels(), statuses.counts(), true),
        Urls.search(bq));
  }
}
