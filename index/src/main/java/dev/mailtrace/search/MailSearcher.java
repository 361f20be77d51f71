package dev.mailtrace.search;

import static dev.mailtrace.index.MessageFields.*;

import dev.mailtrace.index.MessageDocument;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.NIOFSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * An open message index: searches, counts, statistics by field, message and thread look-ups.
 *
 * <p>Opened on the latest commit of an index folder; it sees that commit only. Thread-safe for
 * reading. Close it when done.
 */
public final class MailSearcher implements Closeable {
  private static final Set<String> HIT_FIELDS =
      Set.of(FILE, OFFSET, LENGTH, SHA256, ENVELOPE, MESSAGE_ID, THREAD, DATE, DATE_TEXT, FROM_DISPLAY, TO_DISPLAY, SUBJECT);
  private static final String NONE = "(none)";

  private final Directory dir;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final MailQuery language = new MailQuery();
  /** True when {@link OpenIndexes} owns the reader: closing then gives back one reference only. */
  private final boolean shared;

  private MailSearcher(Directory dir, DirectoryReader reader) {
    this(dir, reader, false);
  }

  MailSearcher(Directory dir, DirectoryReader reader, boolean shared) {
    this.dir = dir;
    this.reader = reader;
    this.searcher = new IndexSearcher(reader);
    this.shared = shared;
  }

  /** True when the folder holds an index. */
  public static boolean exists(Path indexDir) throws IOException {
    if (!Files.isDirectory(indexDir)) {
      return false;
    }
    // NIOFSDirectory as in open(): FSDirectory.open would memory-map and set up native access.
    try (Directory d = new NIOFSDirectory(indexDir)) {
      return DirectoryReader.indexExists(d);
    }
  }

  /**
   * Opens the index in a folder.
   *
   * @throws IOException when the folder holds no readable index
   */
  public static MailSearcher open(Path indexDir) throws IOException {
    // Plain positional reads: a search reads a few kilobytes, and memory mapping costs a short-lived
    // process more to set up (native access, foreign memory) than it saves.
    Directory d = new NIOFSDirectory(indexDir);
    try {
      return new MailSearcher(d, DirectoryReader.open(d));
    } catch (IOException e) {
      d.close();
      throw e;
    }
  }

  /** Parses a query in the query language ({@link MailQuery}). */
  public Query parse(String query) {
    return language.parse(query);
  }

  /** Messages in the index. */
  public long documents() {
    return reader.numDocs();
  }

  /** How many messages match; cheap, reads no documents. */
  public long count(Query query) throws IOException {
    return searcher.count(query);
  }

  /** A page of matching messages in the given order. */
  public SearchPage search(Query query, SortOrder order, int offset, int limit) throws IOException {
    int n = Math.max(1, offset + limit);
    TopDocs top =
        switch (order) {
          case RELEVANCE -> searcher.search(query, n);
          case NEWEST -> searcher.search(query, n, byDate(true));
          case OLDEST -> searcher.search(query, n, byDate(false));
        };
    List<Hit> hits = new ArrayList<>();
    StoredFields stored = searcher.storedFields();
    for (int i = offset; i < top.scoreDocs.length && hits.size() < limit; i++) {
      ScoreDoc sd = top.scoreDocs[i];
      hits.add(hit(stored, sd.doc, order == SortOrder.RELEVANCE ? sd.score : Float.NaN));
    }
    return new SearchPage(count(query), hits);
  }

  /** Every matching message, oldest first, for export; {@code max} bounds the number. */
  public List<Hit> all(Query query, int max) throws IOException {
    return search(query, SortOrder.OLDEST, 0, max).hits();
  }

  private static Sort byDate(boolean newestFirst) {
    SortField f = new SortField(DATE, SortField.Type.LONG, newestFirst);
    f.setMissingValue(newestFirst ? Long.MIN_VALUE : Long.MAX_VALUE);
    return new Sort(f, SortField.FIELD_DOC);
  }

  private Hit hit(StoredFields stored, int doc, float score) throws IOException {
    Document d = stored.document(doc, HIT_FIELDS);
    LeafReaderContext leaf = reader.leaves().get(ReaderUtil.subIndex(doc, reader.leaves()));
    long dup = 0;
    NumericDocValues flags = leaf.reader().getNumericDocValues(DUPLICATE);
    if (flags != null && flags.advanceExact(doc - leaf.docBase)) {
      dup = flags.longValue();
    }
    IndexableField date = d.getField(DATE);
    long offset = number(d, OFFSET);
    return new Hit(
        MessageDocument.id(d.get(SHA256), d.get(FILE), offset),
        d.get(FILE),
        offset,
        number(d, LENGTH),
        d.get(SHA256),
        d.get(ENVELOPE),
        d.get(MESSAGE_ID),
        d.get(THREAD),
        date == null ? null : Instant.ofEpochMilli(date.numericValue().longValue()),
        d.get(DATE_TEXT),
        d.get(FROM_DISPLAY),
        d.get(TO_DISPLAY),
        d.get(SUBJECT),
        dup,
        score);
  }

  private static boolean isDigits(String s, int from) {
    if (from >= s.length() || s.length() - from > 18) {
      return false;
    }
    for (int i = from; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static long number(Document d, String field) {
    IndexableField f = d.getField(field);
    return f == null ? -1 : f.numericValue().longValue();
  }

  /**
   * Messages a user refers to: a SHA-256 or a prefix of one (at least 6 hex digits), a document id,
   * or a Message-ID with or without angle brackets. Several when the bytes occur more than once.
   */
  public List<Hit> find(String ref) throws IOException {
    String r = ref.strip();
    String lower = r.toLowerCase(Locale.ROOT);
    if (lower.length() >= 6 && lower.length() <= 64 && lower.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      List<Hit> bySha = search(new PrefixQuery(new Term(SHA256, lower)), SortOrder.OLDEST, 0, 1000).hits();
      if (!bySha.isEmpty()) {
        return bySha;
      }
    }
    int lastColon = r.lastIndexOf(':');
    if (lower.length() > 65 && lower.charAt(64) == ':' && lastColon > 65 && isDigits(r, lastColon + 1)) {
      // A document id, sha256:file:offset (the file may hold colons): these bytes at that place.
      Query byPlace = new BooleanQuery.Builder()
          .add(new TermQuery(new Term(SHA256, lower.substring(0, 64))), BooleanClause.Occur.FILTER)
          .add(new TermQuery(new Term(LOCATION,
              MessageDocument.location(r.substring(65, lastColon), Long.parseLong(r.substring(lastColon + 1))))), BooleanClause.Occur.FILTER)
          .build();
      List<Hit> byId = search(byPlace, SortOrder.OLDEST, 0, 10).hits();
      if (!byId.isEmpty()) {
        return byId;
      }
    }
    String id = r.startsWith("<") && r.endsWith(">") && r.length() > 2 ? r.substring(1, r.length() - 1) : r;
    return search(new TermQuery(new Term(MESSAGE_ID, id)), SortOrder.OLDEST, 0, 1000).hits();
  }

  /**
   * The messages of a conversation, oldest first: {@code ref} is a thread id (16 hex digits) or
   * anything {@link #find} takes, whose conversation is then shown.
   *
   * <p>Each message's thread id comes from the message alone (see ThreadKey), so a reply that names
   * only a middle message (In-Reply-To without References, as some clients write) gets another id
   * than its thread. The conversation is therefore grown here: every message that names a member, or
   * that a member names, brings its whole thread id along, until nothing new joins (at most
   * {@value #MAX_THREAD_ROUNDS} rounds and {@value #MAX_THREAD_IDS} thread ids, so a Message-ID
   * reused by thousands of messages cannot pull in the whole archive).
   */
  public List<Hit> thread(String ref, int max) throws IOException {
    String r = ref.strip().toLowerCase(Locale.ROOT);
    String start = null;
    if (r.length() == 16 && r.chars().allMatch(c -> Character.digit(c, 16) >= 0)
        && searcher.count(new TermQuery(new Term(THREAD, r))) > 0) {
      start = r;
    } else {
      List<Hit> found = find(ref);
      if (found.isEmpty()) {
        return List.of();
      }
      start = found.get(0).thread();
    }
    Set<String> threads = conversation(start);
    return search(termsIn(THREAD, threads), SortOrder.OLDEST, 0, max).hits();
  }

  static final int MAX_THREAD_ROUNDS = 16;
  static final int MAX_THREAD_IDS = 1000;
  private static final Set<String> LINK_FIELDS = Set.of(THREAD, MESSAGE_ID, IN_REPLY_TO, REFERENCES);

  /** The thread ids linked to {@code start} by Message-ID, In-Reply-To and References. */
  private Set<String> conversation(String start) throws IOException {
    Set<String> threads = new LinkedHashSet<>(List.of(start));
    Set<String> seenIds = new HashSet<>();
    Set<String> pending = new LinkedHashSet<>(threads);
    StoredFields stored = reader.storedFields();
    for (int round = 0; round < MAX_THREAD_ROUNDS && !pending.isEmpty() && threads.size() < MAX_THREAD_IDS; round++) {
      // The ids the new members carry: their own and those they name.
      Set<String> ids = new LinkedHashSet<>();
      for (ScoreDoc sd : searcher.search(termsIn(THREAD, pending), 10 * MAX_THREAD_IDS).scoreDocs) {
        Document d = stored.document(sd.doc, LINK_FIELDS);
        for (String field : new String[] {MESSAGE_ID, IN_REPLY_TO, REFERENCES}) {
          for (String id : d.getValues(field)) {
            if (seenIds.add(id)) {
              ids.add(id);
            }
          }
        }
      }
      pending.clear();
      if (ids.isEmpty()) {
        break;
      }
      // Messages with one of those ids, or naming one: their threads join.
      BooleanQuery.Builder linked = new BooleanQuery.Builder();
      for (String field : new String[] {MESSAGE_ID, IN_REPLY_TO, REFERENCES}) {
        linked.add(termsIn(field, ids), BooleanClause.Occur.SHOULD);
      }
      for (ScoreDoc sd : searcher.search(linked.build(), 10 * MAX_THREAD_IDS).scoreDocs) {
        String t = stored.document(sd.doc, Set.of(THREAD)).get(THREAD);
        if (t != null && threads.size() < MAX_THREAD_IDS && threads.add(t)) {
          pending.add(t);
        }
      }
    }
    return threads;
  }

  private static Query termsIn(String field, Collection<String> values) {
    List<BytesRef> terms = new ArrayList<>(values.size());
    for (String v : values) {
      terms.add(new BytesRef(v));
    }
    return new TermInSetQuery(field, terms);
  }

  /**
   * Counts matching messages by a field's values, most frequent first (ties by value), at most
   * {@code top} buckets. A message with several values (recipients in two domains) counts once
   * for each; a message with none counts under "(none)".
   */
  public List<Bucket> stats(Query query, StatsField by, int top) throws IOException {
    Map<String, Long> counts = searcher.search(query, new Counting(by));
    List<Bucket> buckets = new ArrayList<>(counts.size());
    counts.forEach((k, v) -> buckets.add(new Bucket(k, v)));
    Comparator<Bucket> order =
        switch (by) {
          case DAY, MONTH, YEAR -> Comparator.comparing(Bucket::value);
          default -> Comparator.comparingLong(Bucket::count).reversed().thenComparing(Bucket::value);
        };
    buckets.sort(order);
    return buckets.size() > top ? List.copyOf(buckets.subList(0, top)) : buckets;
  }

  /** Counts values per segment by ordinal, then merges by value. */
  private static final class Counting implements CollectorManager<Collector, Map<String, Long>> {
    private final StatsField by;

    Counting(StatsField by) {
      this.by = by;
    }

    @Override
    public Collector newCollector() {
      return new ValueCounter(by);
    }

    @Override
    public Map<String, Long> reduce(Collection<Collector> collectors) {
      Map<String, Long> out = new HashMap<>();
      for (Collector c : collectors) {
        ((ValueCounter) c).counts.forEach((k, v) -> out.merge(k, v, Long::sum));
      }
      return out;
    }
  }

  private static final class ValueCounter implements Collector {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter YEAR = DateTimeFormatter.ofPattern("yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);

    final Map<String, Long> counts = new HashMap<>();
    private final StatsField by;

    ValueCounter(StatsField by) {
      this.by = by;
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext ctx) throws IOException {
      return switch (by) {
        case DAY, MONTH, YEAR -> dates(ctx);
        case THREAD -> sorted(ctx);
        default -> sortedSet(ctx);
      };
    }

    private LeafCollector dates(LeafReaderContext ctx) throws IOException {
      NumericDocValues dv = ctx.reader().getNumericDocValues(DATE);
      DateTimeFormatter f = by == StatsField.DAY ? DAY : by == StatsField.MONTH ? MONTH : YEAR;
      Map<Long, Long> perBucket = new HashMap<>();
      return new Leaf() {
        @Override
        public void collect(int doc) throws IOException {
          if (dv != null && dv.advanceExact(doc)) {
            // Bucket by UTC day first so formatting happens once per day, not per message.
            perBucket.merge(Math.floorDiv(dv.longValue(), 86_400_000L), 1L, Long::sum);
          } else {
            counts.merge(NONE, 1L, Long::sum);
          }
        }

        @Override
        public void finish() {
          perBucket.forEach((day, n) -> counts.merge(f.format(Instant.ofEpochMilli(day * 86_400_000L)), n, Long::sum));
        }
      };
    }

    private LeafCollector sortedSet(LeafReaderContext ctx) throws IOException {
      return ordinals(ctx.reader().getSortedSetDocValues(by.field()));
    }

    /** A single-valued field (the thread id) counted as a set of one value per message. */
    private LeafCollector sorted(LeafReaderContext ctx) throws IOException {
      SortedDocValues single = ctx.reader().getSortedDocValues(by.field());
      return ordinals(single == null ? null : DocValues.singleton(single));
    }

    /** Counts per ordinal while collecting, then adds them up by value once per segment. */
    private LeafCollector ordinals(SortedSetDocValues dv) {
      long[] perOrd = dv == null ? new long[0] : new long[(int) Math.min(Integer.MAX_VALUE - 8, dv.getValueCount())];
      return new Leaf() {
        @Override
        public void collect(int doc) throws IOException {
          if (dv != null && dv.advanceExact(doc)) {
            for (int i = 0, n = dv.docValueCount(); i < n; i++) {
              perOrd[(int) dv.nextOrd()]++;
            }
          } else {
            counts.merge(NONE, 1L, Long::sum);
          }
        }

        @Override
        public void finish() throws IOException {
          for (int ord = 0; ord < perOrd.length; ord++) {
            if (perOrd[ord] > 0) {
              counts.merge(dv.lookupOrd(ord).utf8ToString(), perOrd[ord], Long::sum);
            }
          }
        }
      };
    }
  }

  private abstract static class Leaf implements LeafCollector {
    @Override
    public void setScorer(Scorable scorer) {}
  }

  @Override
  public void close() throws IOException {
    if (shared) {
      reader.decRef();
      return;
    }
    try {
      reader.close();
    } finally {
      dir.close();
    }
  }
}
