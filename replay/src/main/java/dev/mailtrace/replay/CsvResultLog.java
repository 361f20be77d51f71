package dev.mailtrace.replay;

import java.io.IOException;
import java.io.Writer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** The per-message log as CSV with a header row (RFC 4180). */
final class CsvResultLog implements ResultLog {
  private final CSVPrinter printer;

  CsvResultLog(Writer out) throws IOException {
    printer = CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(String[]::new)).get().print(out);
  }

  @Override
  public synchronized void record(MessageResult result) throws IOException {
    printer.printRecord(ResultLog.values(result));
  }

  @Override
  public synchronized void close() throws IOException {
    printer.close(true);
  }
}
