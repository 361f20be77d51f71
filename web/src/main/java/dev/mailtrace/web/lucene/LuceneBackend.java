package dev.mailtrace.web.lucene;

import dev.mailtrace.export.ExportFormat;
import dev.mailtrace.export.ExportResult;
import dev.mailtrace.export.Exporter;
import dev.mailtrace.index.MessageFields;
import dev.mailtrace.search.BadQueryException;
import dev.mailtrace.search.Bucket;
import dev.mailtrace.search.Hit;
import dev.mailtrace.search.MailSearcher;
import dev.mailtrace.search.OpenIndexes;
import dev.mailtrace.search.SearchPage;
import dev.mailtrace.search.SortOrder;
import dev.mailtrace.search.StatsField;
import dev.mailtrace.web.backend.Count;
import dev.mailtrace.web.backend.Dimension;
import dev.mailtrace.web.backend.ExportSummary;
import dev.mailtrace.web.backend.MessageRow;
import dev.mailtrace.web.backend.Order;
import dev.mailtrace.web.backend.QueryError;
import dev.mailtrace.web.backend.ResultPage;
import dev.mailtrace.web.backend.SearchBackend;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;

/**
 * The workbench's back end over a Lucene index folder, through {@link MailSearcher}: each request
 * sees the latest commit, so an index run going on beside the workbench shows up at the next page.
 * Counts are remembered for the commit they were made on ({@link Answers}).
 */
public final class LuceneBackend implements SearchBackend {
  private final Path dir;
  private final OpenIndexes readers = new OpenIndexes(1);
  private final Answers answers;

  private LuceneBackend(Path dir) {
    this.dir = dir;
    this.answers = new Answers(dir);
  }

  /**
   * Opens the index in a folder.
   *
   * @throws NoSuchFileException when the folder holds no index
   */
  public static LuceneBackend open(Path dir) throws IOException {
    if (!MailSearcher.exists(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "no index here");
    }
    LuceneBackend backend = new LuceneBackend(dir);
    backend.documents();
    return backend;
  }

  @Override
  public String name() {
    return dir.toString();
  }

  @Override
  public long documents() throws IOException {
    try (MailSearcher s = readers.acquire(dir)) {
      return s.documents();
    }
  }

  @Override
  public ResultPage search(String query, Order order, int offset, int limit) throws IOException {
    try (MailSearcher s = readers.acquire(dir)) {
      SearchPage page = s.search(parse(s, query), sortOrder(order), offset, limit);
      return new ResultPage(page.total(), rows(s, page.hits()));
    }
  }

  @Override
  public long count(String query) throws IOException {
    long generation = answers.generation();
    String key = "count\u0000" + query;
    if (answers.get(generation, key) instanceof Long known) {
      return known;
    }
    try (MailSearcher s = readers.acquire(dir)) {
      long n = s.count(parse(s, query));
      answers.put(generation, key, n);
      return n;
    }
  }

  @Override
  public List<Count> counts(String query, Dimension dimension, int top) throws IOException {
    long generation = answers.generation();
    String key = dimension + "\u0000" + top + "\u0000" + query;
    if (answers.get(generation, key) instanceof List<?> known) {
      return known.stream().map(Count.class::cast).toList();
    }
    try (MailSearcher s = readers.acquire(dir)) {
      List<Count> out = new ArrayList<>();
      for (Bucket b : s.stats(parse(s, query), statsField(dimension), top)) {
        out.add(new Count(b.value(), b.count()));
      }
      answers.put(generation, key, List.copyOf(out));
      return out;
    }
  }

  @Override
  public List<MessageRow> copies(String sha256) throws IOException {
    String sha = sha256.toLowerCase(Locale.ROOT);
    if (sha.length() != 64 || !sha.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      return List.of();
    }
    try (MailSearcher s = readers.acquire(dir)) {
      return rows(s, s.find(sha).stream().filter(h -> h.sha256().equals(sha)).toList());
    }
  }

  @Override
  public List<MessageRow> thread(String ref, int max) throws IOException {
    try (MailSearcher s = readers.acquire(dir)) {
      return rows(s, s.thread(ref, max));
    }
  }

  @Override
  public ExportSummary export(String query, ExportFormat format, OutputStream zip) throws IOException {
    List<Hit> hits;
    try (MailSearcher s = readers.acquire(dir)) {
      Query q = parse(s, query);
      hits = s.all(q, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(1, s.count(q))));
    }
    Path work = Files.createTempDirectory("mailtrace-export");
    try {
      ExportResult result = new Exporter(format, work.resolve(ExportZip.exportName(format)), query, Instant.now()).export(hits);
      ExportZip.write(work, result, zip);
      return new ExportSummary(result.exported(), result.refused());
    } finally {
      ExportZip.delete(work);
    }
  }

  @Override
  public void close() throws IOException {
    readers.close();
  }

  private static Query parse(MailSearcher s, String query) {
    String q = query == null ? "" : query.strip();
    if (q.isEmpty() || q.equals("*")) {
      return new MatchAllDocsQuery();
    }
    try {
      return s.parse(q);
    } catch (BadQueryException e) {
      throw new QueryError(e.column(), e.reason());
    }
  }

  /** Rows for hits, with the attachment and bounce markers looked up for these messages only. */
  private static List<MessageRow> rows(MailSearcher s, List<Hit> hits) throws IOException {
    if (hits.isEmpty()) {
      return List.of();
    }
    Set<String> withAttachments = marked(s, hits, "has:attachment");
    Set<String> bounces = marked(s, hits, "is:bounce");
    List<MessageRow> rows = new ArrayList<>(hits.size());
    for (Hit h : hits) {
      rows.add(new MessageRow(h.sha256(), h.file(), h.offset(), h.length(), h.envelope(), h.messageId(), h.thread(),
          h.date(), h.from(), h.to(), h.subject(), withAttachments.contains(h.sha256()), bounces.contains(h.sha256()),
          h.duplicate() != 0));
    }
    return rows;
  }

  private static Set<String> marked(MailSearcher s, List<Hit> hits, String flag) throws IOException {
    List<BytesRef> shas = new ArrayList<>(hits.size());
    for (Hit h : hits) {
      shas.add(new BytesRef(h.sha256()));
    }
    Query q = new BooleanQuery.Builder()
        .add(new TermInSetQuery(MessageFields.SHA256, shas), BooleanClause.Occur.FILTER)
        .add(s.parse(flag), BooleanClause.Occur.FILTER)
        .build();
    Set<String> out = new HashSet<>();
    for (Hit h : s.search(q, SortOrder.OLDEST, 0, hits.size()).hits()) {
      out.add(h.sha256());
    }
    return out;
  }

  private static SortOrder sortOrder(Order order) {
    return switch (order) {
      case NEWEST -> SortOrder.NEWEST;
      case OLDEST -> SortOrder.OLDEST;
      case RELEVANCE -> SortOrder.RELEVANCE;
    };
  }

  private static StatsField statsField(Dimension d) {
    return switch (d) {
      case SENDER_DOMAIN -> StatsField.SENDER_DOMAIN;
      case RECIPIENT_DOMAIN -> StatsField.RECIPIENT_DOMAIN;
      case YEAR -> StatsField.YEAR;
      case MONTH -> StatsField.MONTH;
      case DAY -> StatsField.DAY;
      case BOUNCE_REASON -> StatsField.BOUNCE_REASON;
      case BOUNCE_STATUS -> StatsField.BOUNCE_STATUS;
      case REMOTE_HOST -> StatsField.REMOTE_HOST;
      case HOP_HOST -> StatsField.HOP_HOST;
      case ATTACHMENT_TYPE -> StatsField.ATTACHMENT_TYPE;
    };
  }
}
