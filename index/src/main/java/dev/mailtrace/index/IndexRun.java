package dev.mailtrace.index;

import dev.mailtrace.archive.ArchiveFormat;
import dev.mailtrace.archive.ArchiveReader;
import dev.mailtrace.archive.ReaderConfig;
import dev.mailtrace.archive.SourceBytes;
import dev.mailtrace.archive.SourceMismatchException;
import dev.mailtrace.archive.Unreadable;
import dev.mailtrace.bounce.BounceClassifier;
import dev.mailtrace.bounce.DeliveryReport;
import dev.mailtrace.message.Message;
import dev.mailtrace.message.RawMessage;
import dev.mailtrace.auth.Authenticity;
import dev.mailtrace.auth.DkimVerifier;
import dev.mailtrace.message.Source;
import dev.mailtrace.mime.MessageParser;
import dev.mailtrace.mime.ParserConfig;
import dev.mailtrace.received.HopChain;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * One run of indexing archives into an index folder: read, parse on all cores, write, commit.
 *
 * <p>A single reader thread (the caller's) pulls messages from the archives and hands them through a
 * bounded queue (a byte budget) to a fixed pool of parser threads, which analyse each message and
 * add it to the one thread-safe {@link IndexWriter}. Memory stays bounded by the budget and the
 * writer's RAM buffer.
 *
 * <p>Incremental and crash-safe: each commit records, per source file, how far the file is indexed
 * without gaps (the commit user data), and documents are keyed by file and offset. A later run
 * checks that the last indexed message of a file is still there byte for byte, then skips what is
 * indexed; if the file changed, its documents are replaced. A file that still has the size,
 * modification time and inode it had when it was indexed (its {@link FileStamp}: on the document of
 * a single-message file, in the progress of an mbox read to its end) is not opened at all. A run
 * killed between commits leaves the last commit, and running again completes it to the same
 * documents as an uninterrupted run.
 * Files that vanished from a folder given again (a Maildir message renamed for a flag change, or
 * expunged) lose their documents. Duplicates (same bytes, or same Message-ID with other bytes) are
 * flagged over the whole index at the end of each run.
 */
public final class IndexRun {
  /**
   * Bytes of messages read but not yet indexed, in KB: the queue between reader and parsers. 64 MB,
   * or an eighth of the heap when that is less (32 MB with {@code -Xmx256m}).
   */
  private static final int BUDGET_KB =
      (int) Math.max(4096, Math.min(64 * 1024, Runtime.getRuntime().maxMemory() / 8 / 1024));
  private static final String SCHEMA_KEY = "mailtrace.schema";
  private static final String SCHEMA = "1";

  private final Path indexDir;
  private final List<Path> inputs;
  private final IndexConfig config;
  /** Part hashes are computed when asked for: only attachments' are indexed. */
  private final MessageParser parser = new MessageParser(ParserConfig.DEFAULT);
  private final BounceClassifier classifier = new BounceClassifier();
  /** Verifies DKIM when the run was given keys; else null. */
  private final DkimVerifier verifier;

  private final AtomicLong added = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong addedBytes = new AtomicLong();
  private final AtomicLong problems = new AtomicLong();
  private final AtomicLong unreadable = new AtomicLong();
  private final Unreadable warn;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile boolean stopping;
  private volatile long totalBytes;
  private volatile long duplicates;
  private volatile long documents;
  private volatile boolean complete;
  private volatile long startNanos = System.nanoTime();

  /** A run over the given files and folders into an index folder (created when missing). */
  public IndexRun(Path indexDir, List<Path> inputs, IndexConfig config) {
    this(indexDir, inputs, config, Unreadable.FAIL);
  }

  /**
   * A run that passes over the files and folders it cannot read (a named input, a sub-folder, a
   * file, or the rest of a file after a read error), telling each to {@code warn} and counting it
   * in {@link IndexStatus#unreadable()}; the rest is indexed. A file left part way is not recorded
   * as read to its end, so a later run reads it again.
   */
  public IndexRun(Path indexDir, List<Path> inputs, IndexConfig config, Unreadable warn) {
    this.indexDir = indexDir;
    this.inputs = List.copyOf(inputs);
    this.config = config;
    this.verifier = config.keys() == null ? null : new DkimVerifier(config.keys());
    this.warn = warn;
  }

  /** Where the run stands now; safe to call from any thread while it runs. */
  public IndexStatus status() {
    return new IndexStatus(
        added.get(),
        skipped.get(),
        bytes.get(),
        addedBytes.get(),
        totalBytes,
        problems.get(),
        duplicates,
        documents,
        Duration.ofNanos(System.nanoTime() - startNanos),
        complete,
        unreadable.get());
  }

  /**
   * Runs to the end and returns the final status.
   *
   * @throws IOException when an input or the index cannot be read or written
   */
  public IndexStatus run() throws IOException {
    startNanos = System.nanoTime();
    // The total only feeds progress and ETA: walking a 20,000-file Maildir for it takes a tenth
    // of a second, done beside the reading instead of before it.
    Thread sizing = new Thread(() -> {
      try {
        totalBytes = sizeOf(inputs);
      } catch (IOException | UncheckedIOException unreadable) {
        // Reading the inputs reports what is wrong with them; the total stays unknown.
      }
    }, "mailtrace-size");
    sizing.setDaemon(true);
    if (config.measureInputs()) {
      sizing.start();
    }
    Files.createDirectories(indexDir);
    Map<String, SourceProgress> previous = new HashMap<>();
    try (Directory dir = FSDirectory.open(indexDir)) {
      DirectoryReader snapshot = null;
      if (DirectoryReader.indexExists(dir)) {
        for (Map.Entry<String, String> e : SegmentInfos.readLatestCommit(dir).getUserData().entrySet()) {
          if (e.getKey().startsWith(SourceProgress.KEY_PREFIX)) {
            SourceProgress p = SourceProgress.decode(e.getValue());
            if (p != null) {
              previous.put(e.getKey().substring(SourceProgress.KEY_PREFIX.length()), p);
            }
          }
        }
        snapshot = DirectoryReader.open(dir);
      }
      IndexWriterConfig iwc =
          new IndexWriterConfig(new MailAnalyzer())
              .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
              .setRAMBufferSizeMB(config.ramBufferMb())
              // Flushed segments are short-lived in a bulk run (merged soon): skip copying them
              // into compound files; merged segments follow the merge policy's own rule.
              .setUseCompoundFile(false)
              // Each parser's in-memory segment is written out at its share of the buffer, so the
              // parsers' segments fill and flush in step and the last ones are even. Left to flush
              // the largest whenever the buffer is full, they drift to a third and two thirds of
              // it: at the end of 200,000 messages one core idled ~2 s while the other wrote the
              // big one (4.4-5.2 s from the last message read to the end, now 2.4-2.9 s).
              .setRAMPerThreadHardLimitMB(perThreadLimitMb(config))
              .setCommitOnClose(false);
      IndexWriter writer;
      try {
        writer = new IndexWriter(dir, iwc);
      } catch (org.apache.lucene.store.LockObtainFailedException busy) {
        throw new java.nio.file.FileSystemException(indexDir.toString(), null,
            "another index run is writing to this index (it holds the index's write.lock); wait for it to end, or index into another folder");
      }
      ExecutorService pool = Executors.newFixedThreadPool(config.threads(), parserThreads());
      boolean closed = false;
      try {
        Tracker tracker = new Tracker(previous);
        Reading reading = new Reading(writer, snapshot, tracker, pool, previous);
        // The same file named twice is read once: within a run nothing would stop a second copy.
        java.util.LinkedHashSet<Path> distinct = new java.util.LinkedHashSet<>();
        for (Path input : inputs) {
          distinct.add(input.toAbsolutePath().normalize());
        }
        for (Path input : distinct) {
          if (stopping) {
            break;
          }
          reading.read(input);
        }
        flushInParallel(writer, pool, config.threads());
        pool.shutdown();
        awaitQuietly(pool);
        reading.awaitCommit();
        rethrowFailure();
        if (stopping) {
          // The test hook: behave as a killed process, leaving only what was committed.
          writer.rollback();
          closed = true;
          return status();
        }
        prune(writer, snapshot, distinct, reading.files.keySet(), tracker);
        duplicates = Duplicates.mark(writer);
        commit(writer, commitData(tracker));
        documents = writer.getDocStats().numDocs;
        writer.close();
        closed = true;
        complete = true;
        joinQuietly(sizing);
        return status();
      } finally {
        pool.shutdownNow();
        if (!closed) {
          writer.rollback();
        }
        if (snapshot != null) {
          snapshot.close();
        }
      }
    }
  }

  /** The buffer's share per parser thread, within the writer's limits (1 to 2047 MB). */
  static int perThreadLimitMb(IndexConfig config) {
    return Math.max(1, Math.min(2047, config.ramBufferMb() / config.threads()));
  }

  /**
   * Queues one flush task per parser thread behind the last message: each writes out a pending
   * in-memory segment, so the final flush (otherwise done one segment after another by the
   * committing thread) uses all cores.
   */
  private void flushInParallel(IndexWriter writer, ExecutorService pool, int threads) {
    for (int i = 0; i < threads; i++) {
      pool.execute(
          () -> {
            try {
              while (!stopping && writer.flushNextBuffer()) {
                // One more segment written; look for another.
              }
            } catch (Throwable t) {
              failure.compareAndSet(null, t);
              stopping = true;
            }
          });
    }
  }

  /** Reads the inputs in order and dispatches messages to the parser pool. */
  private final class Reading {
    private final IndexWriter writer;
    /** What the index held when the run began; null for a new index. */
    private final IndexedLocations indexed;
    private final Tracker tracker;
    private final ExecutorService pool;
    private final Map<String, SourceProgress> previous;
    final Map<String, FileState> files = new HashMap<>();
    private final Semaphore budget = new Semaphore(BUDGET_KB);
    private long read;
    private int inputNumber;
    private long readAtCommit;
    private long lastCommitNanos = System.nanoTime();
    private Thread committing;
    /** The file being read, from its admission to the next file's; null when none. */
    private Opened reading;
    /** Whether the file being read could not be read to its end. */
    private boolean readingBroken;

    Reading(IndexWriter writer, DirectoryReader snapshot, Tracker tracker, ExecutorService pool, Map<String, SourceProgress> previous) {
      this.writer = writer;
      this.indexed = snapshot == null ? null : new IndexedLocations(snapshot);
      this.tracker = tracker;
      this.pool = pool;
      this.previous = previous;
    }

    void read(Path input) throws IOException {
      inputNumber++;
      ArchiveReader reader;
      try {
        reader = ArchiveReader.open(input, ArchiveFormat.AUTO, ReaderConfig.DEFAULT, this::admit, this::skip);
      } catch (IOException failed) {
        skip(input, failed);
        return;
      }
      try (reader) {
        while (!stopping) {
          RawMessage raw;
          try {
            raw = reader.next();
          } catch (IOException failed) {
            // A named file that fails part way: what was read is indexed, the rest passed over.
            skip(reading != null ? Path.of(reading.file()) : input, failed);
            break;
          }
          if (raw == null) {
            break;
          }
          dispatch(raw);
          read++;
          maybeCommit();
        }
        if (!stopping) {
          finishReading();
        }
      }
    }

    /** A file or folder that cannot be read: told, counted, and a file left part way not stamped. */
    private void skip(Path path, IOException why) throws IOException {
      if (reading != null && reading.file().equals(path.toString())) {
        readingBroken = true;
      }
      unreadable.incrementAndGet();
      warn.skip(path, why);
    }

    private void dispatch(RawMessage raw) throws IOException {
      Source s = raw.source();
      FileState state = files.get(s.file());
      if (state == null) {
        state = check(s.file());
        files.put(s.file(), state);
      }
      long stamp = state.stamp();
      Tracker.Entry entry = tracker.begin(raw);
      if (state.input != inputNumber) {
        // Already read from an earlier input of this run (a folder and a file inside it).
        bytes.addAndGet(s.length());
        skipped.incrementAndGet();
        tracker.done(entry);
        return;
      }
      if (state.progress != null && s.offset() + s.length() <= state.progress.end()) {
        bytes.addAndGet(s.length());
        skipped.incrementAndGet();
        tracker.done(entry);
        return;
      }
      if (!state.reset && indexed != null && indexed.holds(s)) {
        if (stamp != 0 && s.offset() == 0 && indexed.recordsStamps()) {
          // Read although indexed: its document has no stamp (the file was modified as it was
          // read) or an old one (touched since). Without the new stamp it would be read every time.
          writer.updateNumericDocValue(
              new Term(MessageFields.LOCATION, MessageDocument.location(s.file(), 0)), MessageFields.FILE_STAMP, stamp);
        }
        bytes.addAndGet(s.length());
        skipped.incrementAndGet();
        tracker.done(entry);
        return;
      }
      int weight = (int) Math.min(BUDGET_KB, Math.max(4, s.length() >> 10));
      try {
        budget.acquire(weight);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("indexing interrupted");
      }
      pool.execute(
          () -> {
            try {
              if (!stopping) {
                index(writer, raw, indexed == null, stamp);
                tracker.done(entry);
                bytes.addAndGet(s.length());
                addedBytes.addAndGet(s.length());
                long n = added.incrementAndGet();
                if (config.stopAfter() > 0 && n >= config.stopAfter()) {
                  stopping = true;
                }
              }
            } catch (Throwable t) {
              failure.compareAndSet(null, t);
              stopping = true;
            } finally {
              budget.release(weight);
            }
          });
    }

    /**
     * Asked before the reader opens a file (so the reader is done with the one before): a file
     * indexed as it is now, by its {@link FileStamp}, is counted as already indexed and not read.
     * For a file of several messages (an mbox) the stamp is in its recorded progress, put there
     * once the file was read to its end and all of it indexed; for a single-message file (Maildir,
     * .eml) it is on its document, which must also end where the file ends.
     */
    private boolean admit(Path file, BasicFileAttributes attributes) {
      finishReading();
      String name = file.toString();
      long stamp = FileStamp.of(attributes, System.currentTimeMillis());
      if (!unchanged(name, attributes.size(), stamp)) {
        reading = new Opened(name, stamp);
        readingBroken = false;
        return true;
      }
      SourceProgress p = previous.get(name);
      files.put(name, new FileState(p, false, inputNumber, stamp));
      bytes.addAndGet(attributes.size());
      skipped.addAndGet(p == null ? 1 : p.lastIndex() + 1);
      return false;
    }

    private boolean unchanged(String name, long size, long stamp) {
      if (indexed == null || stamp == 0 || files.containsKey(name)) {
        return false;
      }
      SourceProgress p = previous.get(name);
      if (p != null) {
        return p.stamp() == stamp;
      }
      try {
        return indexed.unchanged(name, size, stamp);
      } catch (IOException unreadableIndex) {
        // Reading the file is always correct; the index's own trouble shows when it is written.
        return false;
      }
    }

    /** The reader has reached the end of the file it was reading: its progress may take its stamp. */
    private void finishReading() {
      if (reading != null && !readingBroken) {
        tracker.finish(reading.file(), reading.stamp());
      }
      reading = null;
    }

    /** Trusts a file's recorded progress only if its last indexed message is still there unchanged. */
    private FileState check(String file) throws IOException {
      // The stamp the file had when the reader opened it; 0 for one that never went through the gate.
      long stamp = reading != null && reading.file().equals(file) ? reading.stamp() : 0;
      SourceProgress p = previous.get(file);
      if (p == null) {
        return new FileState(null, false, inputNumber, stamp);
      }
      try {
        SourceBytes.read(new Source(file, p.lastOffset(), p.lastLength(), p.lastSha256()));
        return new FileState(p, false, inputNumber, stamp);
      } catch (SourceMismatchException changed) {
        // Handled below: the recorded progress no longer describes this file.
      }
      // The file was rewritten: what the index says about it is stale.
      writer.deleteDocuments(new Term(MessageFields.FILE, file));
      tracker.forget(file);
      return new FileState(null, true, inputNumber, stamp);
    }

    /**
     * Commits in the background when one is due. A commit writes out every in-memory segment,
     * seconds of single-threaded work with a large buffer: on this thread it would leave the
     * parsers without messages for that long (measured: ~2.5 s of one idle core per commit at
     * 256 MB). The progress recorded is taken here, so it names only documents already in the
     * writer, which the commit then contains. A commit still running when the next is due delays
     * that one.
     */
    private void maybeCommit() throws IOException {
      long now = System.nanoTime();
      boolean byCount = config.commitEveryMessages() > 0 && read - readAtCommit >= config.commitEveryMessages();
      boolean due = byCount || now - lastCommitNanos >= config.commitInterval().toNanos();
      if (!due) {
        return;
      }
      if (byCount) {
        // The test hook's commits hold at least the messages read so far. Without the wait the
        // reader, far ahead of the parsers, could commit before any document was added, and a
        // run stopped by the hook would leave nothing to resume from.
        awaitIndexed();
      }
      if (committing != null && committing.isAlive()) {
        return;
      }
      rethrowFailure();
      if (!stopping) {
        Map<String, String> data = commitData(tracker);
        committing =
            Thread.ofPlatform()
                .name("mailtrace-commit")
                .daemon(true)
                .start(
                    () -> {
                      try {
                        commit(writer, data);
                      } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                        stopping = true;
                      }
                    });
      }
      readAtCommit = read;
      lastCommitNanos = System.nanoTime();
    }

    /** Test hook: waits until every message read is indexed or skipped, or the run stops. */
    private void awaitIndexed() throws InterruptedIOException {
      while (!stopping && added.get() + skipped.get() < read) {
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("indexing interrupted");
        }
      }
    }

    /** Waits for the background commit, if any. */
    void awaitCommit() throws InterruptedIOException {
      if (committing != null) {
        joinQuietly(committing);
      }
    }
  }

  /** A file met in this run: its recorded progress, whether its documents were dropped, the input it came from, its stamp. */
  private record FileState(SourceProgress progress, boolean reset, int input, long stamp) {}

  /** A file the reader opened, with the stamp it had then. */
  private record Opened(String file, long stamp) {}

  private void index(IndexWriter writer, RawMessage raw, boolean fresh, long stamp) throws IOException {
    Authenticity verified = verifier == null ? null : verifier.verify(raw.content());
    if (add(writer, parser.parse(raw), classifier, fresh, stamp, verified)) {
      problems.incrementAndGet();
    }
  }

  /**
   * Analyses a parsed message (hops, delivery report) and adds its document, replacing any document
   * at the same location; {@code fresh} says the index was empty when the run began, so there is
   * nothing to replace and the cheaper add will do. True when the document records a problem (of
   * the message or of a Received field), as {@code has:problem} finds it.
   */
  private static boolean add(
      IndexWriter writer, Message m, BounceClassifier classifier, boolean fresh, long stamp, Authenticity verified)
      throws IOException {
    HopChain chain = HopChain.of(m);
    DeliveryReport report = classifier.classify(m);
    Source s = m.source();
    var doc = MessageDocument.of(m, chain, report);
    if (verified != null) {
      AuthFields.addVerified(doc, verified);
    }
    // Only a message that starts its file can vouch for it; Reading.admit checks that it ends it too.
    if (stamp != 0 && s.offset() == 0) {
      doc.add(new NumericDocValuesField(MessageFields.FILE_STAMP, stamp));
    }
    if (fresh) {
      writer.addDocument(doc);
    } else {
      writer.updateDocument(new Term(MessageFields.LOCATION, MessageDocument.location(s.file(), s.offset())), doc);
    }
    return !MessageDocument.problems(m, chain).isEmpty();
  }

  /**
   * Adds already-parsed messages to an index folder (created when missing), marks duplicates and
   * commits: for tools and tests that build messages themselves rather than read archives.
   */
  public static void addAll(Path indexDir, Iterable<Message> messages) throws IOException {
    Files.createDirectories(indexDir);
    try (Directory dir = FSDirectory.open(indexDir);
        IndexWriter writer =
            new IndexWriter(
                dir,
                new IndexWriterConfig(new MailAnalyzer())
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND))) {
      BounceClassifier classifier = new BounceClassifier();
      for (Message m : messages) {
        add(writer, m, classifier, false, 0, null);
      }
      Duplicates.mark(writer);
      writer.commit();
    }
  }

  /** What a commit records: each file's progress (see {@link Tracker}) and the schema. */
  private static Map<String, String> commitData(Tracker tracker) {
    Map<String, String> data = tracker.snapshot();
    data.put(SCHEMA_KEY, SCHEMA);
    return data;
  }

  private static void commit(IndexWriter writer, Map<String, String> data) throws IOException {
    writer.setLiveCommitData(data.entrySet());
    writer.commit();
  }

  private void rethrowFailure() throws IOException {
    Throwable t = failure.get();
    if (t == null) {
      return;
    }
    switch (t) {
      case IOException io -> throw io;
      case UncheckedIOException u -> throw u.getCause();
      case RuntimeException r -> throw r;
      case Error e -> throw e;
      default -> throw new IllegalStateException(t);
    }
  }

  /**
   * Removes the documents of files that were indexed under a folder given again but are no longer
   * in it: Maildir clients rename a message file when its flags change (":2,S" becomes ":2,RS")
   * and delete it when it is expunged; the new name is indexed as a new file.
   */
  private static void prune(
      IndexWriter writer, DirectoryReader snapshot, Iterable<Path> inputs, java.util.Set<String> seen, Tracker tracker)
      throws IOException {
    if (snapshot == null) {
      return;
    }
    for (Path input : inputs) {
      if (!Files.isDirectory(input)) {
        continue;
      }
      BytesRef prefix = new BytesRef(input + java.io.File.separator);
      java.util.Set<String> gone = new java.util.HashSet<>();
      for (LeafReaderContext ctx : snapshot.leaves()) {
        Terms terms = ctx.reader().terms(MessageFields.FILE);
        if (terms == null) {
          continue;
        }
        TermsEnum te = terms.iterator();
        if (te.seekCeil(prefix) == TermsEnum.SeekStatus.END) {
          continue;
        }
        for (BytesRef t = te.term(); t != null && org.apache.lucene.util.StringHelper.startsWith(t, prefix); t = te.next()) {
          String file = t.utf8ToString();
          // Paths longer than the keyword cap were stored cut short and cannot be compared.
          if (!seen.contains(file) && file.length() < MessageDocument.MAX_KEYWORD) {
            gone.add(file);
          }
        }
      }
      for (String file : gone) {
        writer.deleteDocuments(new Term(MessageFields.FILE, file));
        tracker.forget(file);
      }
    }
  }

  private static long sizeOf(List<Path> inputs) throws IOException {
    long total = 0;
    for (Path input : inputs) {
      total += ArchiveReader.sizeOf(input);
    }
    return total;
  }

  private static void joinQuietly(Thread t) throws InterruptedIOException {
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("indexing interrupted");
    }
  }

  private static void awaitQuietly(ExecutorService pool) throws InterruptedIOException {
    try {
      while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
        // Parsers still busy; keep waiting.
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("indexing interrupted");
    }
  }

  private static java.util.concurrent.ThreadFactory parserThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "mailtrace-parser-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Per-file progress without gaps: messages finish out of order on the pool, but a file's progress
   * only moves past a message once it and every message read before it are in the writer.
   */
  static final class Tracker {
    private final ArrayDeque<Entry> inFlight = new ArrayDeque<>();
    private final Map<String, SourceProgress> progress;

    Tracker(Map<String, SourceProgress> previous) {
      this.progress = new HashMap<>(previous);
    }

    /** A message read, in read order; or, with no source, the end of a file read whole. */
    static final class Entry {
      final Source source;
      final int index;
      final String finishedFile;
      final long stamp;
      boolean done;

      Entry(Source source, int index) {
        this(source, index, null, 0);
      }

      private Entry(Source source, int index, String finishedFile, long stamp) {
        this.source = source;
        this.index = index;
        this.finishedFile = finishedFile;
        this.stamp = stamp;
      }
    }

    synchronized Entry begin(RawMessage raw) {
      Entry e = new Entry(raw.source(), raw.index());
      inFlight.add(e);
      return e;
    }

    synchronized void done(Entry e) {
      e.done = true;
      drain();
    }

    /**
     * The reader has read {@code file} to its end, having seen it with {@code stamp}: once every
     * message read so far is indexed, the file's progress carries the stamp, and a later run that
     * finds the file with the same stamp leaves it unread.
     */
    synchronized void finish(String file, long stamp) {
      Entry e = new Entry(null, 0, file, stamp);
      e.done = true;
      inFlight.add(e);
      drain();
    }

    private void drain() {
      while (!inFlight.isEmpty() && inFlight.peek().done) {
        Entry h = inFlight.poll();
        if (h.source == null) {
          SourceProgress p = progress.get(h.finishedFile);
          if (p != null) {
            progress.put(h.finishedFile, p.withStamp(h.stamp));
          }
          continue;
        }
        // Single-message files (Maildir, .eml) are found again by id; keeping them here would
        // make the commit data as large as the archive.
        if (h.index >= 1) {
          Source s = h.source;
          progress.put(
              s.file(), new SourceProgress(s.offset() + s.length(), s.offset(), s.length(), s.sha256(), h.index, 0));
        }
      }
    }

    synchronized void forget(String file) {
      progress.remove(file);
    }

    synchronized Map<String, String> snapshot() {
      Map<String, String> data = new HashMap<>();
      for (Map.Entry<String, SourceProgress> e : progress.entrySet()) {
        data.put(SourceProgress.KEY_PREFIX + e.getKey(), e.getValue().encode());
      }
      return data;
    }
  }
}
