package dev.mailtrace.export;

import dev.mailtrace.archive.ArchiveFormat;
import dev.mailtrace.archive.MboxWriter;
import dev.mailtrace.json.JsonWriter;
import dev.mailtrace.archive.SourceBytes;
import dev.mailtrace.archive.SourceMismatchException;
import dev.mailtrace.message.Source;
import java.io.FilterOutputStream;
import java.nio.file.NoSuchFileException;
import dev.mailtrace.search.Hit;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes search results out of the archive, verifying each message against its indexed SHA-256
 * first, and records a manifest of what went where.
 */
public final class Exporter {
  static final String[] MANIFEST_COLUMNS = {
    "source_file", "offset", "length", "sha256", "exported_path", "exported_offset", "export_time", "query"
  };
  static final String[] METADATA_COLUMNS = {
    "date", "from", "to", "subject", "file", "offset", "length", "sha256", "message_id", "thread"
  };

  private final ExportFormat format;
  private final Path output;
  private final String query;
  private final Instant time;

  /**
   * An export of one format to a path: a folder for {@link ExportFormat#EML}, a file otherwise.
   *
   * @param query the query that selected the messages, recorded in the manifest
   * @param time the export time recorded in the manifest
   */
  public Exporter(ExportFormat format, Path output, String query, Instant time) {
    this.format = format;
    this.output = output;
    this.query = query;
    this.time = time;
  }

  /** Where the manifest goes: {@code manifest.csv} in an eml folder, else next to the file. */
  public Path manifest() {
    return format == ExportFormat.EML
        ? output.resolve("manifest.csv")
        : output.resolveSibling(output.getFileName() + ".manifest.csv");
  }

  /**
   * Exports messages; messages whose source bytes no longer match are refused and listed.
   *
   * <p>Nothing is written where the user did not ask: the output folder is taken by its real path
   * (links in the path the user gave are resolved once, and said so in {@link ExportResult#output()}),
   * and every file is created new, never opened through a link and never overwritten. A file of
   * the same name already there ends the export before anything is written (the manifest, the
   * output file) or refuses that one message (an .eml whose name is taken by other bytes).
   *
   * @throws java.nio.file.FileAlreadyExistsException when the output file or the manifest exists
   * @throws IOException when an output cannot be written
   */
  public ExportResult export(List<Hit> hits) throws IOException {
    List<String> refused = new ArrayList<>();
    int exported = 0;
    Path folder = format == ExportFormat.EML ? output : output.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    Path real = folder.toRealPath();
    Path out = format == ExportFormat.EML ? real : real.resolve(output.getFileName());
    Path manifestPath = format == ExportFormat.EML
        ? out.resolve("manifest.csv")
        : out.resolveSibling(out.getFileName() + ".manifest.csv");
    refuseExisting(manifestPath);
    if (format != ExportFormat.EML) {
      refuseExisting(out);
    }
    Path tmp = format == ExportFormat.EML ? null : Files.createTempFile(real, "." + out.getFileName() + ".", ".part");
    boolean done = false;
    try (Writer mw = new java.io.OutputStreamWriter(createNew(manifestPath), StandardCharsets.UTF_8);
        CSVPrinter manifest = CSVFormat.RFC4180.builder().setHeader(MANIFEST_COLUMNS).get().print(mw);
        CountingStream single = tmp == null ? null : new CountingStream(new BufferedOutputStream(Files.newOutputStream(tmp, LinkOption.NOFOLLOW_LINKS), 1 << 16));
        MboxWriter mbox = format == ExportFormat.MBOX ? new MboxWriter(single) : null;
        Metadata metadata = tmp == null || format == ExportFormat.MBOX ? null : new Metadata(format, single)) {
      for (Hit h : hits) {
        Source source = new Source(h.file(), h.offset(), h.length(), h.sha256());
        String exportedPath = out.toString();
        long exportedOffset = 0;
        try {
          switch (format) {
            case EML -> {
              // The stored bytes as they are in the source, so the file hashes to its name.
              Path file = out.resolve(h.sha256() + ".eml");
              String taken = writeEml(source, file);
              if (taken != null) {
                refused.add(h.file() + ":" + h.offset() + ": " + taken);
                continue;
              }
              exportedPath = file.toString();
            }
            case MBOX -> {
              // The content with the source's mbox quoting undone, quoted again the mboxrd way.
              byte[] content = SourceBytes.readContent(source, ArchiveFormat.AUTO);
              mbox.flush();
              exportedOffset = single.count;
              String envelope = h.envelope() != null ? h.envelope() : MboxWriter.fromLine(null, h.date());
              mbox.write(envelope, content);
            }
            default -> {
              SourceBytes.read(source);
              metadata.write(h);
            }
          }
        } catch (SourceMismatchException changed) {
          refused.add(h.file() + ":" + h.offset() + ": " + changed.getMessage());
          continue;
        } catch (NoSuchFileException gone) {
          refused.add(h.file() + ":" + h.offset() + ": the source file is gone");
          continue;
        }
        manifest.printRecord(h.file(), h.offset(), h.length(), h.sha256(), exportedPath, exportedOffset, time.toString(), query);
        exported++;
      }
      done = true;
    } finally {
      if (tmp != null && !done) {
        Files.deleteIfExists(tmp);
      }
    }
    if (tmp != null) {
      place(tmp, out);
    }
    return new ExportResult(exported, refused, out, manifestPath);
  }

  /** Ends the export before anything is written when {@code path} exists (a link counts, dangling or not). */
  private static void refuseExisting(Path path) throws java.nio.file.FileAlreadyExistsException {
    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      throw new java.nio.file.FileAlreadyExistsException(path.toString(), null,
          "already exists (export never overwrites nor writes through links); choose a new name or folder, or remove it");
    }
  }

  /** A new file, created exclusively (O_EXCL) and not through a link (O_NOFOLLOW). */
  private static OutputStream createNew(Path path) throws IOException {
    return Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * Writes one message's stored bytes to {@code file}, verified, through a new temporary file of
   * a random name that is then linked into place: a half-written file is never seen under the
   * message's name. Returns null when written or already there with the same bytes (an export into
   * the same folder again), else why not.
   */
  private static String writeEml(Source source, Path file) throws IOException {
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.size(file) == source.length()
          && sameHash(file, source.sha256())) {
        return null;
      }
      return file + " already exists and is not this message; export never overwrites: choose a new folder";
    }
    Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", ".part");
    try {
      try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(tmp, LinkOption.NOFOLLOW_LINKS), 1 << 16)) {
        SourceBytes.copy(source, o);
      }
      place(tmp, file);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return null;
  }

  /**
   * Gives {@code tmp} the name {@code target} unless that name is taken: a hard link fails when the
   * target exists, where a rename would replace it; a file system without hard links gets a
   * checked move.
   */
  private static void place(Path tmp, Path target) throws IOException {
    try {
      Files.createLink(target, tmp);
      Files.delete(tmp);
    } catch (UnsupportedOperationException | java.nio.file.FileSystemException noLinks) {
      if (noLinks instanceof java.nio.file.FileAlreadyExistsException exists) {
        throw exists;
      }
      refuseExisting(target);
      Files.move(tmp, target);
    }
  }

  private static boolean sameHash(Path file, String sha256) throws IOException {
    java.security.MessageDigest sha = dev.mailtrace.message.Sha256.newDigest();
    try (var in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      byte[] chunk = new byte[64 << 10];
      for (int n; (n = in.read(chunk)) >= 0; ) {
        sha.update(chunk, 0, n);
      }
    }
    return dev.mailtrace.message.Sha256.hex(sha.digest()).equals(sha256);
  }

  /** Counts the bytes written, for the offset of each message in an mbox export. */
  private static final class CountingStream extends FilterOutputStream {
    long count;

    CountingStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }

  /** Metadata rows as CSV or JSON lines. */
  private static final class Metadata implements AutoCloseable {
    private final ExportFormat format;
    private final Writer writer;
    private final CSVPrinter csv;

    Metadata(ExportFormat format, OutputStream out) throws IOException {
      this.format = format;
      this.writer = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
      this.csv = format == ExportFormat.CSV ? CSVFormat.RFC4180.builder().setHeader(METADATA_COLUMNS).get().print(writer) : null;
    }

    void write(Hit h) throws IOException {
      Object[] values = {
        h.date() == null ? null : h.date().toString(), h.from(), h.to(), h.subject(), h.file(), h.offset(), h.length(),
        h.sha256(), h.messageId(), h.thread()
      };
      if (csv != null) {
        csv.printRecord(values);
        return;
      }
      JsonWriter json = new JsonWriter(writer).beginObject();
      for (int i = 0; i < values.length; i++) {
        json.field(METADATA_COLUMNS[i], values[i]);
      }
      json.endObject().newline();
    }

    @Override
    public void close() throws IOException {
      if (csv != null) {
        csv.flush();
      }
      writer.flush();
    }
  }
}
