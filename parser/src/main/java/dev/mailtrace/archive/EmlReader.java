package dev.mailtrace.archive;

import dev.mailtrace.message.RawMessage;
import dev.mailtrace.message.Source;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a file that holds one message (plain or gzip): the whole file is the stored range. */
final class EmlReader implements ArchiveReader {
  /** Shorter than the shortest header field with its line end ("a:\n" plus one byte). */
  static final int TINY = 4;

  private final Path path;
  private final int cap;
  private boolean done;

  EmlReader(Path path, ReaderConfig config) {
    this.path = path;
    this.cap = config.maxMessageBytes();
  }

  @Override
  public RawMessage next() throws IOException {
    if (done) {
      return null;
    }
    done = true;
    MessageAccumulator acc = new MessageAccumulator(cap);
    byte[] chunk = new byte[64 << 10];
    try (InputStream in = StoredInput.open(path, 0)) {
      for (int n; (n = in.read(chunk)) >= 0; ) {
        acc.add(chunk, 0, n);
      }
    }
    if (acc.length() == 0) {
      return null; // an empty file holds no message
    }
    List<String> problems = new ArrayList<>(0);
    if (acc.length() < TINY) {
      problems.add("too short to be a message: " + acc.length() + " bytes at offset 0");
    }
    acc.reportTruncation(problems, 0);
    Source source = new Source(path.toString(), 0, acc.length(), acc.sha256Hex());
    return new RawMessage(source, 0, null, acc.content(), problems);
  }

  @Override
  public void close() {
    done = true;
  }
}
