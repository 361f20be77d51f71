package dev.mailtrace.web.view;

import dev.mailtrace.archive.ArchiveFormat;
import dev.mailtrace.archive.SourceBytes;
import dev.mailtrace.archive.SourceMismatchException;
import dev.mailtrace.message.Message;
import dev.mailtrace.message.RawMessage;
import dev.mailtrace.message.Source;
import dev.mailtrace.mime.MessageParser;
import dev.mailtrace.web.backend.MessageRow;
import dev.mailtrace.web.backend.SearchBackend;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A message opened from the index: every stored copy verified against its SHA-256 (provenance
 * is checked each time a message is opened, not trusted from the index), the first good copy read
 * and parsed.
 *
 * @param sha256 the SHA-256 the message is named by
 * @param checks one verification per stored copy, oldest first
 * @param row the index's row of the copy that was read, or of the first copy when none could be
 * @param stored the stored bytes of that copy (mbox quoting intact: they hash to {@code sha256}),
 *     or null when no copy verified
 * @param message the parsed message, or null when no copy verified
 */
public record OpenedMessage(String sha256, List<Check> checks, MessageRow row, byte[] stored, Message message) {
  private static final dev.mailtrace.mime.ParserConfig WHOLE_BODIES =
      dev.mailtrace.mime.ParserConfig.DEFAULT.withMaxBodyBytes(Integer.MAX_VALUE).withMaxKeptBytes(Integer.MAX_VALUE);

  public OpenedMessage {
    checks = List.copyOf(checks);
  }

  /**
   * The verification of one stored copy.
   *
   * @param file the source file
   * @param offset the byte offset there
   * @param length the stored length
   * @param verified whether the bytes there hash to the recorded SHA-256
   * @param problem why not, or null
   */
  public record Check(String file, long offset, long length, boolean verified, String problem) {}

  /** Whether a copy verified and the message could be read. */
  public boolean isReadable() {
    return message != null;
  }

  /**
   * Opens the message whose stored bytes have this SHA-256.
   *
   * @throws NoSuchElementException when the index has no such message
   */
  public static OpenedMessage open(SearchBackend backend, String sha256) throws IOException {
    List<MessageRow> copies = backend.copies(sha256);
    if (copies.isEmpty()) {
      throw new NoSuchElementException("no message with SHA-256 " + sha256 + " in this index");
    }
    List<Check> checks = new ArrayList<>();
    MessageRow read = null;
    byte[] stored = null;
    byte[] content = null;
    for (MessageRow c : copies) {
      Source source = new Source(c.file(), c.offset(), c.length(), c.sha256());
      try {
        if (stored == null) {
          stored = SourceBytes.read(source);
          content = SourceBytes.readContent(source, ArchiveFormat.AUTO);
          read = c;
        } else {
          SourceBytes.read(source);
        }
        checks.add(new Check(c.file(), c.offset(), c.length(), true, null));
      } catch (SourceMismatchException changed) {
        checks.add(new Check(c.file(), c.offset(), c.length(), false, changed.getMessage()));
      } catch (NoSuchFileException gone) {
        checks.add(new Check(c.file(), c.offset(), c.length(), false, "the source file is gone: " + c.file()));
      }
    }
    if (read == null) {
      return new OpenedMessage(sha256, checks, copies.get(0), null, null);
    }
    Source source = new Source(read.file(), read.offset(), read.length(), read.sha256());
    // One message opened to be viewed and its parts downloaded: every body kept whole (the content
    // itself is bounded by the reader's limit), not cut at the parser's per-part default.
    Message m = new MessageParser(WHOLE_BODIES).parse(new RawMessage(source, 0, read.envelope(), content));
    return new OpenedMessage(sha256, checks, read, stored, m);
  }
}
