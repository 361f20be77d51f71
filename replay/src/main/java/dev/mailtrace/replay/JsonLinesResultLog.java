package dev.mailtrace.replay;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** The per-message log as JSON lines: one object per message, absent values left out. */
final class JsonLinesResultLog implements ResultLog {
  private final Writer out;
  private final StringBuilder line = new StringBuilder(512);

  JsonLinesResultLog(Writer out) {
    this.out = out;
  }

  @Override
  public synchronized void record(MessageResult result) throws IOException {
    List<Object> values = ResultLog.values(result);
    line.setLength(0);
    line.append('{');
    boolean first = true;
    for (int i = 0; i < values.size(); i++) {
      Object v = values.get(i);
      if (v == null) {
        continue;
      }
      if (!first) {
        line.append(',');
      }
      first = false;
      string(COLUMNS.get(i));
      line.append(':');
      if (v instanceof Number) {
        line.append(v);
      } else {
        string(v.toString());
      }
    }
    line.append("}\n");
    out.append(line);
  }

  private void string(String s) {
    line.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> line.append("\\\"");
        case '\\' -> line.append("\\\\");
        case '\n' -> line.append("\\n");
        case '\r' -> line.append("\\r");
        case '\t' -> line.append("\\t");
        default -> {
          if (c < 0x20) {
            line.append(String.format("\\u%04x", (int) c));
          } else {
            line.append(c);
          }
        }
      }
    }
    line.append('"');
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
