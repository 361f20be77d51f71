package dev.mailtrace.cli;

import dev.mailtrace.json.JsonWriter;
import dev.mailtrace.search.Hit;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Option;

/**
 * The {@code --fields} option of the commands that list index hits, and printing the hits as a
 * readable table, JSON lines or CSV with those fields.
 */
final class HitListing {
  static final List<String> DEFAULT_FIELDS = List.of("date", "from", "to", "subject", "source");
  static final List<String> ALL_FIELDS =
      List.of("date", "from", "to", "subject", "source", "file", "offset", "length", "sha256", "msgid", "thread", "duplicate", "score", "id");
  private static final DateTimeFormatter TABLE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  @Option(names = "--fields", split = ",", paramLabel = "FIELD", description = "Fields to show: date,from,to,subject,source (default), file, offset, length, sha256, msgid, thread, duplicate, score, id.")
  List<String> requested;

  private List<String> fields;

  /** Checks {@code --fields}; commands call it before opening the index, so a typo is reported first. */
  void check() {
    List<String> chosen = requested == null || requested.isEmpty() ? DEFAULT_FIELDS : new ArrayList<>();
    if (requested != null) {
      for (String f : requested) {
        String name = f.strip().toLowerCase(Locale.ROOT);
        if (!ALL_FIELDS.contains(name)) {
          throw CliException.usage("unknown field '" + f + "' in --fields; choose from " + String.join(",", ALL_FIELDS));
        }
        chosen.add(name);
      }
    }
    this.fields = List.copyOf(chosen);
  }

  private static Object value(Hit h, String field, boolean forTable) {
    return switch (field) {
      case "date" -> h.date() == null ? null : forTable ? TABLE_DATE.format(h.date()) : h.date().toString();
      case "from" -> h.from();
      case "to" -> h.to();
      case "subject" -> h.subject();
      case "source" -> h.file() + ":" + h.offset();
      case "file" -> h.file();
      case "offset" -> h.offset();
      case "length" -> h.length();
      case "sha256" -> h.sha256();
      case "msgid" -> h.messageId();
      case "thread" -> h.thread();
      case "duplicate" -> duplicate(h.duplicate());
      case "score" -> Float.isNaN(h.score()) ? null : (Object) h.score();
      case "id" -> h.id();
      default -> throw new IllegalStateException(field);
    };
  }

  private static String duplicate(long flags) {
    if (flags == 0) {
      return "";
    }
    List<String> kinds = new ArrayList<>();
    if ((flags & 1) != 0) {
      kinds.add("sha256");
    }
    if ((flags & 2) != 0) {
      kinds.add("msgid");
    }
    return String.join("+", kinds);
  }

  /** Prints the hits in the format the output options choose: JSON lines, CSV or a table. */
  void print(List<Hit> hits, OutputOptions output, PrintWriter out) {
    if (output.json) {
      json(hits, out);
    } else if (output.csv) {
      csv(hits, out);
    } else {
      table(hits, out);
    }
  }

  void json(List<Hit> hits, PrintWriter out) {
    JsonWriter w = new JsonWriter(out);
    for (Hit h : hits) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (String f : fields) {
        row.put(f, value(h, f, false));
      }
      w.value(row).newline();
    }
    out.flush();
  }

  void csv(List<Hit> hits, PrintWriter out) {
    try {
      CSVPrinter p = CSVFormat.RFC4180.builder().setHeader(fields.toArray(String[]::new)).get().print(out);
      for (Hit h : hits) {
        List<Object> row = new ArrayList<>();
        for (String f : fields) {
          row.add(value(h, f, false));
        }
        p.printRecord(row);
      }
      p.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void table(List<Hit> hits, PrintWriter out) {
    List<String[]> rows = new ArrayList<>();
    rows.add(fields.stream().map(f -> f.toUpperCase(Locale.ROOT)).toArray(String[]::new));
    for (Hit h : hits) {
      String[] row = new String[fields.size()];
      for (int i = 0; i < row.length; i++) {
        Object v = value(h, fields.get(i), true);
        row[i] = v == null ? "-" : oneLine(v.toString());
      }
      rows.add(row);
    }
    int[] width = new int[fields.size()];
    for (int i = 0; i < width.length; i++) {
      int max = maxWidth(fields.get(i));
      for (String[] r : rows) {
        width[i] = Math.min(max, Math.max(width[i], r[i].length()));
      }
    }
    for (String[] r : rows) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        String cell = r[i].length() > width[i] ? r[i].substring(0, Math.max(0, width[i] - 1)) + "…" : r[i];
        b.append(cell);
        if (i < r.length - 1) {
          b.append(" ".repeat(width[i] - cell.length() + 2));
        }
      }
      out.println(b.toString().stripTrailing());
    }
    out.flush();
  }

  private static int maxWidth(String field) {
    return switch (field) {
      case "from", "to" -> 30;
      case "subject" -> 50;
      case "source", "file", "id" -> 60;
      default -> 64;
    };
  }

  private static String oneLine(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(Character.isISOControl(c) ? ' ' : c);
    }
    return b.toString();
  }
}
