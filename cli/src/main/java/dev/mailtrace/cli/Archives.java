package dev.mailtrace.cli;

import dev.mailtrace.archive.ArchiveFormat;
import dev.mailtrace.archive.ArchiveReader;
import dev.mailtrace.archive.FileGate;
import dev.mailtrace.archive.ReaderConfig;
import dev.mailtrace.archive.Unreadable;
import dev.mailtrace.message.Message;
import dev.mailtrace.message.RawMessage;
import dev.mailtrace.mime.MessageParser;
import java.io.IOException;
import java.io.PrintWriter;
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
 * <p>A missing path fails before anything is printed ({@link NoSuchFileException}, exit code 3).
 * A file or folder that cannot be read (a named input, or one met while walking a folder, or the
 * rest of a file after a read error) is passed over with a one-line warning on stderr and counted;
 * {@link #finish()} then says how many and gives exit code 1 (partial).
 */
final class Archives {
  private final List<Path> paths;
  private final PrintWriter err;
  private final MessageParser parser = new MessageParser();
  private final java.util.concurrent.atomic.AtomicLong unreadable = new java.util.concurrent.atomic.AtomicLong();

  /** Checks that every path exists; warnings about unreadable inputs go to {@code err}. */
  Archives(List<Path> paths, PrintWriter err) throws NoSuchFileException {
    for (Path p : paths) {
      if (!Files.exists(p)) {
        throw new NoSuchFileException(p.toString());
      }
    }
    this.paths = paths;
    this.err = err;
  }

  /** Tells a person about a file or folder passed over: one line, what, where and what to do. */
  private void skip(Path path, IOException why) {
    unreadable.incrementAndGet();
    err.println("mailtrace: warning: cannot read " + path + " (" + Unreadable.reason(why) + "), skipped; check it and run again");
    err.flush();
  }

  /** The exit code of a read: 0, or 1 with a closing line when inputs were passed over. */
  int finish() {
    long n = unreadable.get();
    if (n == 0) {
      return 0;
    }
    err.println("mailtrace: " + n + (n == 1 ? " file or folder" : " files or folders")
        + " could not be read and were skipped (see the warnings above); the rest was read");
    err.flush();
    return 1;
  }

  /** Files and folders passed over so far. */
  long unreadable() {
    return unreadable.get();
  }

  /** Reads every message of one input in order, passing over what cannot be read. */
  private void each(Path p, RawAction action) throws IOException {
    ArchiveReader reader;
    try {
      reader = ArchiveReader.open(p, ArchiveFormat.AUTO, ReaderConfig.DEFAULT, FileGate.ALL, (path, why) -> skip(path, why));
    } catch (IOException failed) {
      skip(p, failed);
      return;
    }
    try (reader) {
      while (true) {
        RawMessage raw;
        try {
          raw = reader.next();
        } catch (IOException failed) {
          skip(p, failed);
          return;
        }
        if (raw == null) {
          return;
        }
        action.accept(raw);
      }
    }
  }


  /** What to do with each parsed message, in archive order. */
  interface MessageAction {
    void accept(Message m) throws IOException;
  }

  /** Parses every message the filter keeps, in order, on the calling thread. */
  void read(Predicate<RawMessage> filter, MessageAction action) throws IOException {
    for (Path p : paths) {
      each(p, raw -> {
        if (filter.test(raw)) {
          action.accept(parser.parse(raw));
        }
      });
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
      each(p, action);
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
        each(p, raw -> {
          if (filter.test(raw)) {
            pool.execute(() -> action.accept(new Parsed(raw, parser.parse(raw))));
          }
        });
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
