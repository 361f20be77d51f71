package dev.mailtrace.replay;

import java.io.IOException;
import java.io.Writer;
import org.apache.commons.csv.CSVFormat;

/**
 * The per-message log as CSV with a header row (RFC 4180). Each session formats its own records;
 * only appending the finished line to the file is shared, so sessions do not wait for each other's
 * formatting.
 */
final class CsvResultLog implements ResultLog {
  private static final CSVFormat FORMAT = CSVFormat.RFC4180;
  private final Writer out;

  CsvResultLog(Writer out) throws IOException {
    this.out = out;
    StringBuilder header = new StringBuilder(256);
    FORMAT.printRecord(header, COLUMNS.toArray());
    out.append(header);
  }

  @Override
  public void record(MessageResult result) throws IOException {
    StringBuilder line = new StringBuilder(384);
    FORMAT.printRecord(line, ResultLog.values(result).toArray());
    synchronized (this) {
      out.append(line);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
