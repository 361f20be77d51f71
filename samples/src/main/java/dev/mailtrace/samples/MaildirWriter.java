package dev.mailtrace.samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stores messages in a Maildir++ folder: read mail in {@code cur/} with the {@code :2,S} info
 * suffix, some unread mail in {@code new/}, and bounces in a {@code .Bounces} subfolder. File
 * names follow the Maildir convention ({@code time.Munique.host,S=size}) and depend only on the
 * message, so the same seed gives the same tree.
 */
public final class MaildirWriter {
  private final Path root;
  private long bytes;
  private int messages;

  /** Creates {@code cur}, {@code new} and {@code tmp} under {@code root} if they are missing. */
  public MaildirWriter(Path root) throws IOException {
    this.root = root;
    folder(root);
  }

  private static void folder(Path dir) throws IOException {
    for (String sub : new String[] {"cur", "new", "tmp"}) {
      Files.createDirectories(dir.resolve(sub));
    }
  }

  /** Writes one message as its own file. */
  public void write(Sample sample) throws IOException {
    Path dir = root;
    if (sample.kind() == Kind.DSN || sample.kind() == Kind.NONSTANDARD_BOUNCE) {
      dir = root.resolve(".Bounces");
      if (!Files.isDirectory(dir.resolve("cur"))) {
        folder(dir);
      }
    }
    String base =
        sample.envelopeTime() + ".M" + sample.index() + "P" + (4000 + sample.index() % 997)
            + ".mailtrace.example,S=" + sample.content().length;
    boolean unread = sample.index() % 7 == 3;
    Path file = unread ? dir.resolve("new").resolve(base) : dir.resolve("cur").resolve(base + ":2,S");
    Files.write(file, sample.content());
    bytes += sample.content().length;
    messages++;
  }

  /** Bytes written so far. */
  public long bytesWritten() {
    return bytes;
  }

  /** Messages written so far. */
  public int messagesWritten() {
    return messages;
  }
}
