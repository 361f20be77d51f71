package dev.mailtrace.replay;

import dev.mailtrace.json.JsonWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** The per-message log as JSON lines: one object per message, absent values left out. */
final class JsonLinesResultLog implements ResultLog {
  private final Writer out;

  JsonLinesResultLog(Writer out) {
    this.out = out;
  }

  @Override
  public void record(MessageResult result) throws IOException {
    // Formatted by the calling session; only the append is shared.
    List<Object> values = ResultLog.values(result);
    StringBuilder line = new StringBuilder(512);
    JsonWriter json = new JsonWriter(line);
    json.beginObject();
    for (int i = 0; i < values.size(); i++) {
      Object v = values.get(i);
      if (v != null) {
        json.field(COLUMNS.get(i), v);
      }
    }
    json.endObject().newline();
    synchronized (this) {
      out.append(line);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
