package dev.mailtrace.web.view;

import dev.mailtrace.web.backend.Count;
import dev.mailtrace.web.backend.Dimension;
import dev.mailtrace.web.backend.SearchBackend;
import java.io.IOException;
import java.util.List;

/**
 * The summary tables of a query: how many messages, over which months, from and to which domains,
 * with which attachments.
 *
 * @param query the query
 * @param messages how many messages match
 * @param first the first month with messages, or empty
 * @param last the last month with messages, or empty
 * @param months messages per month
 * @param senders messages by sender domain
 * @param recipients messages by recipient domain
 * @param attachmentTypes messages by attachment type
 * @param monthChart the per-month chart
 */
public record SummaryView(
    String query,
    String messages,
    String first,
    String last,
    Tally months,
    Tally senders,
    Tally recipients,
    Tally attachmentTypes,
    Chart monthChart) {

  /** The summary of a query. */
  public static SummaryView of(SearchBackend backend, String query) throws IOException {
    String q = query == null ? "" : query.strip();
    long total = backend.count(q);
    List<Count> months = backend.counts(q, Dimension.MONTH, Integer.MAX_VALUE).stream()
        .filter(c -> !c.value().equals(Dimension.NONE)).toList();
    Tally monthTally = Tally.of("Messages per month", q, Dimension.MONTH, months, total);
    return new SummaryView(
        q,
        Display.count(total),
        months.isEmpty() ? "" : months.get(0).value(),
        months.isEmpty() ? "" : months.get(months.size() - 1).value(),
        monthTally,
        Tally.of("Sender domains", q, Dimension.SENDER_DOMAIN, backend.counts(q, Dimension.SENDER_DOMAIN, BounceDashboard.TOP), total),
        Tally.of("Recipient domains", q, Dimension.RECIPIENT_DOMAIN, backend.counts(q, Dimension.RECIPIENT_DOMAIN, BounceDashboard.TOP), total),
        Tally.of("Attachment types", q, Dimension.ATTACHMENT_TYPE, backend.counts(q, Dimension.ATTACHMENT_TYPE, BounceDashboard.TOP), total),
        Chart.bars("Messages per month", monthTally.labels(), monthTally.counts(), false));
  }
}
