package dev.mailtrace.fuzz;

import dev.mailtrace.archive.ArchiveFormat;
import dev.mailtrace.archive.ArchiveReader;
import dev.mailtrace.archive.ReaderConfig;
import dev.mailtrace.archive.SourceBytes;
import dev.mailtrace.message.RawMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/**
 * The archive readers on any file: the first byte picks the format asked for (auto, the four mbox
 * variants, one message) and whether the file is gzipped; the rest is the file. Every message's
 * stored range lies in the file and reads back to its SHA-256; content stays within its limit.
 */
public final class ArchiveReaderFuzz {
  private static final ArchiveFormat[] FORMATS = {
    ArchiveFormat.AUTO, ArchiveFormat.MBOXO, ArchiveFormat.MBOXRD, ArchiveFormat.MBOXCL, ArchiveFormat.MBOXCL2,
    ArchiveFormat.EML
  };
  private static final ReaderConfig SMALL = ReaderConfig.DEFAULT.withMaxMessageBytes(1000);
  private static final Path FILE;

  static {
    try {
      FILE = Files.createTempFile("mailtrace-fuzz-", ".mbox");
      FILE.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ArchiveReaderFuzz() {}

  /** Jazzer's entry point. */
  public static void fuzzerTestOneInput(byte[] data) throws IOException {
    if (data.length == 0) {
      return;
    }
    ArchiveFormat format = FORMATS[(data[0] & 0x7f) % FORMATS.length];
    boolean gzip = (data[0] & 0x80) != 0;
    byte[] file = Arrays.copyOfRange(data, 1, data.length);
    try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(FILE)) : Files.newOutputStream(FILE)) {
      out.write(file);
    }
    long size = file.length;
    try (ArchiveReader r = ArchiveReader.open(FILE, format, SMALL)) {
      for (RawMessage m; (m = r.next()) != null; ) {
        Invariants.oneLineEach(m.problems());
        Invariants.check(m.source().offset() + m.source().length() <= size, "range beyond the file: " + m.source());
        Invariants.check(m.content().length <= SMALL.maxMessageBytes(), "content over its limit");
        SourceBytes.read(m.source()); // reads back, and throws when the hash differs
      }
    }
  }
}
