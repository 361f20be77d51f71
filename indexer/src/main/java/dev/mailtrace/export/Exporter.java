package dev.mailtrace.export;

import dev.mailtrace.index.SourceBytes;
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
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes search results out of the archive, verifying each message against its indexed SHA-256
 * first, and records a manifest of what went where.
 */
public final class Exporter {
  private static final DateTimeFormatter ASCTIME =
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final byte[] FROM = "From ".getBytes(StandardCharsets.US_ASCII);
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
    } else if (output.getParent() != null) {
      Files.createDirectories(output.toAbsolutePath().getParent());
    }
    Path manifestPath = manifest();
    Path tmp = format == ExportFormat.EML ? null : output.resolveSibling(output.getFileName() + ".part");
    try (Writer mw = Files.newBufferedWriter(manifestPath, StandardCharsets.UTF_8);
        CSVPrinter manifest = CSVFormat.RFC4180.builder().setHeader(MANIFEST_COLUMNS).get().print(mw);
        OutputStream single = tmp == null ? null : new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
        Metadata metadata = tmp == null || format == ExportFormat.MBOX ? null : new Metadata(format, single)) {
      long position = 0;
      for (Hit h : hits) {
        byte[] bytes;
        try {
          bytes = SourceBytes.read(Path.of(h.file()), h.offset(), h.length());
        } catch (IOException e) {
          refused.add(h.file() + ":" + h.offset() + ": cannot read the source (" + e.getMessage() + ")");
          continue;
        }
        String sha = SourceBytes.sha256(bytes);
        if (bytes.length != h.length() || !sha.equals(h.sha256())) {
          refused.add(h.file() + ":" + h.offset() + ": bytes changed since indexing (indexed sha256 " + h.sha256()
              + ", now " + (bytes.length == h.length() ? sha : bytes.length + " of " + h.length() + " bytes") + ")");
          continue;
        }
        String exportedPath;
        long exportedOffset = 0;
        switch (format) {
          case EML -> {
            Path file = output.resolve(sha + ".eml");
            if (!Files.exists(file)) {
              Path part = output.resolve(sha + ".eml.part");
              Files.write(part, bytes);
              Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
            }
            exportedPath = file.toString();
          }
          case MBOX -> {
            exportedOffset = position;
            position += writeMbox(single, h, bytes);
            exportedPath = output.toString();
          }
          default -> {
            metadata.write(h);
            exportedPath = output.toString();
          }
        }
        manifest.printRecord(h.file(), h.offset(), h.length(), sha, exportedPath, exportedOffset, time.toString(), query);
        exported++;
      }
    }
    if (tmp != null) {
      Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING);
    }
    return new ExportResult(exported, refused, output, manifestPath);
  }

  /** Writes one mboxrd entry and returns the bytes written. */
  private static long writeMbox(OutputStream out, Hit h, byte[] bytes) throws IOException {
    String envelope = h.envelope();
    if (envelope == null || !envelope.startsWith("From ")) {
      envelope = "From MAILER-DAEMON " + ASCTIME.format(h.date() != null ? h.date() : Instant.EPOCH);
    }
    byte[] line = (envelope + "\n").getBytes(StandardCharsets.ISO_8859_1);
    out.write(line);
    long written = line.length;
    // Bytes from an mbox are stored with their quoting intact; others get mboxrd quoting here.
    boolean quoted = h.envelope() != null;
    int start = 0;
    for (int i = 0; i <= bytes.length; i++) {
      if (i == bytes.length || bytes[i] == '\n') {
        int end = i == bytes.length ? i : i + 1;
        if (!quoted && needsQuote(bytes, start, end)) {
          out.write('>');
          written++;
        }
        out.write(bytes, start, end - start);
        written += end - start;
        start = end;
      }
    }
    if (bytes.length == 0 || bytes[bytes.length - 1] != '\n') {
      out.write('\n');
      written++;
    }
    out.write('\n');
    return written + 1;
  }

  /** mboxrd: a line of zero or more {@code >} followed by {@code From } gets one more {@code >}. */
  private static boolean needsQuote(byte[] b, int start, int end) {
    int i = start;
    while (i < end && b[i] == '>') {
      i++;
    }
    if (end - i < FROM.length) {
      return false;
    }
    for (int k = 0; k < FROM.length; k++) {
      if (b[i + k] != FROM[k]) {
        return false;
      }
    }
    return true;
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
      StringBuilder b = new StringBuilder("{");
      for (int i = 0; i < values.length; i++) {
        if (i > 0) {
          b.append(',');
        }
        b.append('"').append(METADATA_COLUMNS[i]).append("\":");
        Object v = values[i];
        if (v == null) {
          b.append("null");
        } else if (v instanceof Number) {
          b.append(v);
        } else {
          jsonString(b, v.toString());
        }
      }
      writer.write(b.append("}\n").toString());
    }

    @Override
    public void close() throws IOException {
      if (csv != null) {
        csv.flush();
      }
      writer.flush();
    }
  }

  private static void jsonString(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
