package dev.mailtrace.header;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailtrace.message.Charsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Header fields of the messages in Stalwart's eml corpus (mime/stalwart/eml/{rfc,malformed,legacy,
 * thirdparty}), each cut from the .eml by the byte offsets in the NNN.json next to it and paired
 * with Stalwart's parsed value: real fields for the grammar conformance tests. Tests using it are
 * skipped when the corpus is absent.
 */
final class StalwartMessages {
  private StalwartMessages() {}

  /** One field: where it comes from, its raw value, and Stalwart's value node (e.g. "Address"). */
  record Field(String where, String value, JsonNode expected) {}

  /**
   * The fields with header name {@code name} (Stalwart's snake_case) whose value has {@code kind}.
   */
  static List<Field> fields(String name, String kind) throws IOException {
    List<Field> fields = new ArrayList<>();
    for (Header h : all()) {
      if (!h.name().equals(name)) {
        continue;
      }
      JsonNode v = h.value();
      boolean empty = v.isTextual() && v.asText().equals("Empty");
      if (empty || v.has(kind)) {
        fields.add(new Field(h.where(), h.raw(), empty ? null : v.get(kind)));
      }
    }
    return fields;
  }

  /** A header of the corpus: name, where, raw value and Stalwart's value node. */
  private record Header(String name, String where, String raw, JsonNode value) {}

  private static List<Header> cache;

  /** Every header of the corpus, read once per test run (several test classes use it). */
  private static synchronized List<Header> all() throws IOException {
    Path dir =
        Path.of(System.getProperty("mailtrace.root", "."))
            .resolve("../shared/corpora/mime/stalwart/eml")
            .normalize();
    Assumptions.assumeTrue(Files.isDirectory(dir), "corpus absent: " + dir);
    if (cache != null) {
      return cache;
    }
    List<Path> jsons;
    try (Stream<Path> s = Files.walk(dir)) {
      jsons =
          s.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(".crlf.json"))
              .sorted()
              .toList();
    }
    ObjectMapper mapper = new ObjectMapper();
    List<Header> headers = new ArrayList<>();
    for (Path json : jsons) {
      Path eml = json.resolveSibling(json.getFileName().toString().replace(".json", ".eml"));
      if (!Files.isRegularFile(eml)) {
        continue;
      }
      // NNN.json holds offsets into the message with LF line ends (NNN.crlf.json: with CRLF).
      byte[] raw = toLf(Files.readAllBytes(eml));
      JsonNode root = mapper.readTree(json.toFile());
      for (JsonNode part : root.path("parts")) {
        for (JsonNode h : part.path("headers")) {
          if (!h.path("name").isTextual()) {
            continue;
          }
          int start = h.get("offset_start").asInt();
          int end = Math.min(h.get("offset_end").asInt(), raw.length);
          String value = Charsets.decodeGuessing(raw, start, Math.max(0, end - start), null);
          String where = dir.relativize(eml) + "@" + start;
          headers.add(
              new Header(
                  h.get("name").asText(), where, StalwartTable.fieldValue(value), h.get("value")));
        }
      }
    }
    cache = headers;
    return headers;
  }

  private static byte[] toLf(byte[] b) {
    byte[] out = new byte[b.length];
    int n = 0;
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '\r' && i + 1 < b.length && b[i + 1] == '\n') {
        continue;
      }
      out[n++] = b[i];
    }
    return java.util.Arrays.copyOf(out, n);
  }
}
