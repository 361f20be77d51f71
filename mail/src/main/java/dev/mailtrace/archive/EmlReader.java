package dev.mailtrace.archive;

import dev.mailtrace.message.RawMessage;
import dev.mailtrace.message.Sha256;
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
  /** The file's bytes when already read whole (see {@link StoredInput#readPlain}), else null. */
  private byte[] whole;
  private boolean done;

  EmlReader(Path path, ReaderConfig config) {
    this(path, null, config);
  }

  /** A reader of a file whose complete bytes, no more than the content cap, are in hand. */
  EmlReader(Path path, byte[] whole, ReaderConfig config) {
    this.path = path;
    this.cap = config.maxMessageBytes();
    this.whole = whole != null && whole.length <= cap ? whole : null;
  }

  @Override
  public RawMessage next() throws IOException {
    if (done) {
      return null;
    }
    done = true;
    if (whole != null) {
      byte[] content = whole;
      whole = null;
      return content.length == 0 ? null : message(content.length, Sha256.of(content), content, new ArrayList<>(0));
    }
    MessageAccumulator acc = new MessageAccumulator(cap);
    long opened = StoredInput.plainSize(path);
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
    acc.reportTruncation(problems, 0);
    if (opened >= 0 && opened != acc.length()) {
      problems.add("the file was " + opened + " bytes when opened and " + acc.length() + " when read"
          + " (it changed while it was read): the message may be cut; read it again: offset 0");
    }
    return message(acc.length(), acc.sha256Hex(), acc.content(), problems);
  }

  /** The message of the whole file, flagged when too short to be one. */
  private RawMessage message(long length, String sha256, byte[] content, List<String> problems) {
    if (length < TINY) {
      problems.add("too short to be a message: " + length + " bytes at offset 0");
    }
    return new RawMessage(new Source(path.toString(), 0, length, sha256), 0, null, content, problems);
  }

  @Override
  public void close() {
    done = true;
  }
}
