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
import java.nio.file.StandardCopyOption;
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
   * @throws IOException when an output cannot be written
   */
  public ExportResult export(List<Hit> hits) throws IOException {
    List<String> refused = new ArrayList<>();
    int exported = 0;
    if (format == ExportFormat.EML) {
      Files.createDirectories(output);
    } else if (output.toAbsolutePath().getParent() != null) {
      Files.createDirectories(output.toAbsolutePath().getParent());
    }
    Path manifestPath = manifest();
    Path tmp = format == ExportFormat.EML ? null : output.resolveSibling(output.getFileName() + ".part");
    try (Writer mw = Files.newBufferedWriter(manifestPath, StandardCharsets.UTF_8);
        CSVPrinter manifest = CSVFormat.RFC4180.builder().setHeader(MANIFEST_COLUMNS).get().print(mw);
        CountingStream single = tmp == null ? null : new CountingStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16));
        MboxWriter mbox = format == ExportFormat.MBOX ? new MboxWriter(single) : null;
        Metadata metadata = tmp == null || format == ExportFormat.MBOX ? null : new Metadata(format, single)) {
      for (Hit h : hits) {
        Source source = new Source(h.file(), h.offset(), h.length(), h.sha256());
        String exportedPath = output.toString();
        long exportedOffset = 0;
        try {
          switch (format) {
            case EML -> {
              // The stored bytes as they are in the source, so the file hashes to its name.
              byte[] bytes = SourceBytes.read(source);
              Path file = output.resolve(h.sha256() + ".eml");
              if (!Files.exists(file)) {
                Path part = output.resolve(h.sha256() + ".eml.part");
                Files.write(part, bytes);
                Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
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
    }
    if (tmp != null) {
      Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING);
    }
    return new ExportResult(exported, refused, output, manifestPath);
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
