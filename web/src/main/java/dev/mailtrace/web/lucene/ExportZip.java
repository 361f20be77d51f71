package dev.mailtrace.web.lucene;

import dev.mailtrace.export.ExportFormat;
import dev.mailtrace.export.ExportResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Packs an export made in a scratch folder into one zip download: the export (an mbox, a folder of
 * .eml files, CSV or JSON lines), its custody manifest with paths as they are inside the zip, and
 * the list of refused messages when there are any.
 */
final class ExportZip {
  private ExportZip() {}

  /** The name of the export inside the zip. */
  static String exportName(ExportFormat format) {
    return switch (format) {
      case MBOX -> "messages.mbox";
      case EML -> "messages";
      case CSV -> "messages.csv";
      case JSON -> "messages.jsonl";
    };
  }

  static void write(Path work, ExportResult result, OutputStream out) throws IOException {
    ZipOutputStream zip = new ZipOutputStream(out);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(work)) {
      files = new ArrayList<>(walk.filter(Files::isRegularFile).sorted().toList());
    }
    String prefix = work.toString() + work.getFileSystem().getSeparator();
    for (Path f : files) {
      String name = work.relativize(f).toString().replace('\\', '/');
      zip.putNextEntry(new ZipEntry(name));
      if (f.equals(result.manifest())) {
        // The manifest names where each message went: inside the zip, not the scratch folder.
        zip.write(Files.readString(f, StandardCharsets.UTF_8).replace(prefix, "").getBytes(StandardCharsets.UTF_8));
      } else {
        Files.copy(f, zip);
      }
      zip.closeEntry();
    }
    if (!result.refused().isEmpty()) {
      zip.putNextEntry(new ZipEntry("refused.txt"));
      zip.write((String.join("\n", result.refused()) + "\n").getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    zip.finish();
  }

  static void delete(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
