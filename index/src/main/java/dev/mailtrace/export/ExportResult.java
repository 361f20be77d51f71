package dev.mailtrace.export;

import java.nio.file.Path;
import java.util.List;

/**
 * What an export did.
 *
 * @param exported messages written
 * @param refused one line per message not exported because its bytes changed or vanished
 * @param output the file or folder written
 * @param manifest the manifest CSV
 */
public record ExportResult(int exported, List<String> refused, Path output, Path manifest) {
  public ExportResult {
    refused = List.copyOf(refused);
  }
}
