package dev.mailtrace.search;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StandardDirectoryReader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Index readers kept open between searches, for a long-lived process that answers many queries.
 *
 * <p>{@link #acquire} gives a {@link MailSearcher} on the latest commit of an index folder: the
 * first call opens the index, later calls reuse the open reader and reopen it (sharing unchanged
 * segments) when an index run has committed since. Close each searcher when done; that gives back
 * its reference, it does not close the shared reader. At most {@code capacity} folders stay open,
 * the least recently used is closed first. Thread-safe.
 */
public final class OpenIndexes implements Closeable {
  private final int capacity;
  private final Map<Path, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private boolean closed;

  /** Keeps at most {@code capacity} index folders open. */
  public OpenIndexes(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * A searcher on the latest commit of the index in {@code indexDir}; close it when done.
   *
   * @throws IOException when the folder holds no readable index
   */
  public MailSearcher acquire(Path indexDir) throws IOException {
    Path key = indexDir.toAbsolutePath().normalize();
    Entry entry;
    List<Entry> evicted = new ArrayList<>();
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the open indexes are closed");
      }
      entry = entries.computeIfAbsent(key, Entry::new);
      Iterator<Entry> oldest = entries.values().iterator();
      while (entries.size() > capacity) {
        evicted.add(oldest.next());
        oldest.remove();
      }
    }
    for (Entry e : evicted) {
      e.close();
    }
    try {
      return entry.acquire();
    } catch (IOException | RuntimeException e) {
      // Deleted or damaged since the last look: forget it, so the next call starts afresh.
      synchronized (this) {
        entries.remove(key, entry);
      }
      entry.close();
      throw e;
    }
  }

  /** How many index folders are open now. */
  public synchronized int size() {
    return entries.size();
  }

  /** Closes every reader; searchers still in use keep theirs until they are closed. */
  @Override
  public void close() {
    List<Entry> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(entries.values());
      entries.clear();
    }
    for (Entry e : all) {
      e.close();
    }
  }

  /** One index folder: its directory and the reader on the newest commit seen. */
  private static final class Entry {
    /**
     * A folder changed less than this long ago may change again within the same tick of the file
     * system's clock (a few milliseconds) without a new modification time: its time is not trusted.
     */
    private static final long SETTLED_MS = 1000;

    private final Path path;
    private Directory dir;
    private DirectoryReader reader;
    /** The folder's modification time and identity when the reader was last found current, or null. */
    private FileTime seenTime;
    private Object seenKey;

    Entry(Path path) {
      this.path = path;
    }

    synchronized MailSearcher acquire() throws IOException {
      if (dir == null) {
        if (!Files.isDirectory(path)) {
          // FSDirectory would create the folder: a search must not leave one behind.
          throw new NoSuchFileException(path.toString());
        }
        // Memory-mapped: a long-lived process pays the mapping once and then reads from the page cache.
        dir = FSDirectory.open(path);
      }
      BasicFileAttributes folder = Files.readAttributes(path, BasicFileAttributes.class);
      if (reader == null) {
        reader = DirectoryReader.open(dir);
      } else if (!folder.lastModifiedTime().equals(seenTime) || !Objects.equals(folder.fileKey(), seenKey)) {
        refresh();
      }
      settle(folder);
      reader.incRef();
      return new MailSearcher(dir, reader, true);
    }

    /**
     * Remembers the folder's time, read before the reader was opened or checked: a commit writes
     * a new segments file into the folder, so while its time stays the same the reader is current
     * and the next search skips reading the commit point (about a sixth of the daemon's CPU per
     * query).
     */
    private void settle(BasicFileAttributes folder) {
      boolean settled = System.currentTimeMillis() - folder.lastModifiedTime().toMillis() > SETTLED_MS;
      seenTime = settled ? folder.lastModifiedTime() : null;
      seenKey = settled ? folder.fileKey() : null;
    }

    /**
     * Moves to the latest commit. Reading the commit point is a few small file reads; when the
     * index was deleted and built again in the same folder, its id differs and Lucene must not
     * mix segments of the two, so it is opened afresh.
     */
    private void refresh() throws IOException {
      SegmentInfos latest = SegmentInfos.readLatestCommit(dir);
      SegmentInfos current = ((StandardDirectoryReader) reader).getSegmentInfos();
      if (latest.getVersion() == current.getVersion() && Arrays.equals(latest.getId(), current.getId())) {
        return;
      }
      DirectoryReader newer =
          Arrays.equals(latest.getId(), current.getId()) ? DirectoryReader.openIfChanged(reader) : DirectoryReader.open(dir);
      if (newer != null) {
        DirectoryReader old = reader;
        reader = newer;
        old.decRef();
      }
    }

    synchronized void close() {
      try {
        if (reader != null) {
          reader.decRef();
        }
        if (dir != null) {
          dir.close();
        }
      } catch (IOException ignored) {
        // Closing read-only files: nothing is lost, and the caller has no one to tell.
      } finally {
        reader = null;
        dir = null;
      }
    }
  }
}
