package dev.mailtrace.header;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A field table from Stalwart's mail-parser ({@code [{"header": raw, "expected": parsed}]}) under
 * {@code ../shared/corpora}; tests using it are skipped when the corpus is absent.
 */
record StalwartTable(String name, List<Row> rows) {

  /** One row: the field value as our parsers receive it, and Stalwart's expectation. */
  record Row(String raw, String value, JsonNode expected) {}

  static StalwartTable load(String relative) throws IOException {
    Path file =
        Path.of(System.getProperty("mailtrace.root", "."))
            .resolve("../shared/corpora")
            .resolve(relative)
            .normalize();
    Assumptions.assumeTrue(Files.isRegularFile(file), "corpus absent: " + file);
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    List<Row> rows = new ArrayList<>();
    for (JsonNode n : root) {
      String raw = n.get("header").asText();
      rows.add(new Row(raw, fieldValue(raw), n.get("expected")));
    }
    return new StalwartTable(relative, rows);
  }

  /**
   * The raw text up to the end of the field: Stalwart's rows carry the line break that ends the
   * field and sometimes the next field; splitting fields is the MIME parser's job, not ours, so the
   * value stops at the first line break not followed by a space or tab (RFC 5322 section 2.2.3).
   */
  static String fieldValue(String raw) {
    int n = raw.length();
    for (int i = 0; i < n; i++) {
      char c = raw.charAt(i);
      if (c == '\n' || (c == '\r' && i + 1 < n && raw.charAt(i + 1) == '\n')) {
        int next = c == '\r' ? i + 2 : i + 1;
        if (next >= n || (raw.charAt(next) != ' ' && raw.charAt(next) != '\t')) {
          return raw.substring(0, i);
        }
        i = next - 1;
      }
    }
    return raw;
  }

  /**
   * Whether our result agrees with Stalwart's, printed alike. Stalwart decodes raw 8-bit header
   * bytes as UTF-8 and writes U+FFFD where they are not; we decode them with a fallback charset
   * (windows-1252), so their U+FFFD matches any one character of ours.
   */
  static boolean agrees(String ours, String theirs) {
    if (ours.equals(theirs)) {
      return true;
    }
    if (ours.length() != theirs.length() || theirs.indexOf('\uFFFD') < 0) {
      return false;
    }
    for (int i = 0; i < ours.length(); i++) {
      if (ours.charAt(i) != theirs.charAt(i) && theirs.charAt(i) != '\uFFFD') {
        return false;
      }
    }
    return true;
  }
}
