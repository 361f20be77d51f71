package dev.mailtrace.web.backend;

import java.util.List;

/**
 * What an export wrote.
 *
 * @param exported messages written
 * @param refused one line per message left out because its source changed or vanished
 */
public record ExportSummary(int exported, List<String> refused) {
  public ExportSummary {
    refused = List.copyOf(refused);
  }
}
