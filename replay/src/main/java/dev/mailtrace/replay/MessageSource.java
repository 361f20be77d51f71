package dev.mailtrace.replay;

import dev.mailtrace.archive.ArchiveFormat;
import dev.mailtrace.archive.ArchiveReader;
import dev.mailtrace.archive.ReaderConfig;
import dev.mailtrace.message.RawMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Where a replay gets its messages, pulled one at a time. The command line fills it from archive
 * paths ({@link #archives}) or from an index query; tests use {@link #of(List)}.
 */
public interface MessageSource extends AutoCloseable {

  /** The next message, or null when there are no more. */
  RawMessage next() throws IOException;

  /**
   * How the message last returned by {@link #next()} was captured on the wire (its SMTP envelope),
   * or null for a message read from an archive, whose envelope comes from its header.
   */
  default Capture capture() {
    return null;
  }

  @Override
  default void close() throws IOException {}

  /** Messages from a list in memory. */
  static MessageSource of(List<RawMessage> messages) {
    Iterator<RawMessage> it = List.copyOf(messages).iterator();
    return () -> it.hasNext() ? it.next() : null;
  }

  /** Messages from archive files or folders, read in the order given with {@link ArchiveReader}. */
  static MessageSource archives(List<Path> paths) {
    return archives(paths, ReplayConfig.IN_MEMORY_LIMIT);
  }

  /**
   * As {@link #archives(List)}, keeping at most {@code inMemoryLimit} bytes of each message in
   * memory (the planner streams the rest of a longer one from its file: give it the same limit).
   */
  static MessageSource archives(List<Path> paths, int inMemoryLimit) {
    ReaderConfig limits = ReaderConfig.DEFAULT.withMaxMessageBytes(inMemoryLimit);
    Deque<Path> todo = new ArrayDeque<>(paths);
    return new MessageSource() {
      private ArchiveReader current;

      @Override
      public RawMessage next() throws IOException {
        while (true) {
          if (current == null) {
            Path p = todo.poll();
            if (p == null) {
              return null;
            }
            current = ArchiveReader.open(p, ArchiveFormat.AUTO, limits);
          }
          RawMessage m = current.next();
          if (m != null) {
            return m;
          }
          current.close();
          current = null;
        }
      }

      @Override
      public void close() throws IOException {
        if (current != null) {
          current.close();
          current = null;
        }
      }
    };
  }
}
