package dev.mailtrace.cli;

import dev.mailtrace.archive.ArchiveReader;
import dev.mailtrace.message.Message;
import dev.mailtrace.message.RawMessage;
import dev.mailtrace.mime.MessageParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The archives named on a command line ({@code show}, {@code routes}, {@code bounces}), read
 * message by message with {@link ArchiveReader} and parsed with {@link MessageParser}.
 *
 * <p>A missing path fails before anything is printed ({@link NoSuchFileException}, exit code 3);
 * an input that cannot be read stops the command the same way.
 */
final class Archives {
  private final List<Path> paths;
  private final MessageParser parser = new MessageParser();

  /** Checks that every path exists. */
  Archives(List<Path> paths) throws NoSuchFileException {
    for (Path p : paths) {
      if (!Files.exists(p)) {
        throw new NoSuchFileException(p.toString());
      }
    }
    this.paths = paths;
  }

  /** What to do with each parsed message, in archive order. */
  interface MessageAction {
    void accept(Message m) throws IOException;
  }

  /** Parses every message the filter keeps, in order, on the calling thread. */
  void read(Predicate<RawMessage> filter, MessageAction action) throws IOException {
    for (Path p : paths) {
      try (ArchiveReader reader = ArchiveReader.open(p)) {
        RawMessage raw;
        while ((raw = reader.next()) != null) {
          if (filter.test(raw)) {
            action.accept(parser.parse(raw));
          }
        }
      }
    }
  }

  /** Parses every message on the calling thread, in order. */
  void read(MessageAction action) throws IOException {
    read(raw -> true, action);
  }

  /** What to do with each raw message, in archive order. */
  interface RawAction {
    void accept(RawMessage raw) throws IOException;
  }

  /** Reads every message without parsing it, in order, on the calling thread. */
  void readRaw(RawAction action) throws IOException {
    for (Path p : paths) {
      try (ArchiveReader reader = ArchiveReader.open(p)) {
        RawMessage raw;
        while ((raw = reader.next()) != null) {
          action.accept(raw);
        }
      }
    }
  }

  /** The number of threads {@link #parseInParallel} uses: one per core. */
  static int threads() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Parses every message the filter keeps on a fixed pool sized to the cores and hands it, with its
   * raw form, to {@code action}, which must be thread-safe; returns when all are done. Reading stays
   * on the calling thread and waits when the pool's queue is full, so memory stays bounded.
   */
  void parseInParallel(Predicate<RawMessage> filter, Consumer<Parsed> action) throws IOException {
    int threads = threads();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(threads * 64), new ThreadPoolExecutor.CallerRunsPolicy());
    try {
      for (Path p : paths) {
        try (ArchiveReader reader = ArchiveReader.open(p)) {
          RawMessage raw;
          while ((raw = reader.next()) != null) {
            if (!filter.test(raw)) {
              continue;
            }
            RawMessage r = raw;
            pool.execute(() -> action.accept(new Parsed(r, parser.parse(r))));
          }
        }
      }
    } finally {
      pool.shutdown();
      try {
        pool.awaitTermination(1, TimeUnit.DAYS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A message with the raw bytes it was parsed from. */
  record Parsed(RawMessage raw, Message message) {}
}
