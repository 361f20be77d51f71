package dev.mailtrace.header;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MediaTypeTest {

  /** Input, then {@code type/subtype} and the parameters as the map prints them. */
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '#',
      value = {
        "text/plain # text/plain {}",
        "Text/HTML; Charset=\"UTF-8\" # text/html {charset=UTF-8}",
        "(c) text (c) / (c) plain (c) ; format = flowed (c) # text/plain {format=flowed}",
        "multipart/mixed; boundary=\"a\\\"b\" # multipart/mixed {boundary=a\"b}",
        "application/pdf; name=foo bar.pdf; x=1 # application/pdf {name=foo bar.pdf, x=1}",
        "application/pdf; name=a.pdf size=3 # application/pdf {name=a.pdf, size=3}",
        "application/pdf; name*1=\"b.pdf\"; name*0=\"a\" # application/pdf {name=ab.pdf}",
        "application/pdf; name*0*=utf-8''%C3%A4; name*1*=%C3%B6.pdf # application/pdf"
            + " {name=äö.pdf}",
        "application/pdf; name*=utf-8'de'%E2%82; name*1*=%AC # application/pdf {name=€}",
        "application/pdf; name=\"old.pdf\"; name*=utf-8''new.pdf # application/pdf {name=new.pdf}",
        "application/pdf; name=first; name=second # application/pdf {name=first}",
        "application/pdf; name=\"\"; name=second # application/pdf {name=second}",
        "application/pdf; name=\"=?utf-8?B?w6Q=?=.pdf\" # application/pdf {name=ä.pdf}",
        "text/plain/format # text/plain/format {}",
        "image/png; name=\"C:\\TEMP\\a.png\" # image/png {name=C:\\TEMP\\a.png}",
        "image/png; name=\"a\\\\b \\\"c\\\"\" # image/png {name=a\\b \"c\"}",
        "text # text/plain {}",
        "/plain; charset=utf-8 # text/plain {charset=utf-8}",
        "'' # text/plain {}",
      })
  void readsContentTypes(String input, String expected) {
    MediaType t = MediaType.parse(input, new ArrayList<>());
    assertEquals(expected, t.mimeType() + " " + t.params());
  }

  @Test
  void garbageTypeIsTextPlainWithAProblem() {
    List<String> problems = new ArrayList<>();
    assertEquals("text/plain", MediaType.parse("garbage", problems).mimeType());
    assertFalse(problems.isEmpty());
  }

  @Test
  void dispositionHasNoSubtype() {
    List<String> problems = new ArrayList<>();
    MediaType d =
        MediaType.parseDisposition(
            "Attachment;\r\n filename*=iso-8859-1''r%E9sum%E9.pdf; size=10", problems);
    assertEquals("attachment", d.mimeType());
    assertEquals("résumé.pdf", d.param("FILENAME"));
    assertEquals("10", d.param("size"));
    assertEquals(List.of(), problems);
    assertEquals("attachment", MediaType.parseDisposition("", problems).type());
  }

  /**
   * Stalwart's content_type.json. Mapping: where Stalwart gives no type (null) or no subtype, we
   * give text/plain with a problem (RFC 2045 section 5.2) and the same parameters; their {@code
   * name-language} parameters are dropped (we do not keep RFC 2231 languages); parameters are
   * compared as maps. Two rows are not followed on purpose: the quoted filename with encoded words
   * in different charsets separated by spaces, where Stalwart keeps the spaces though RFC 2047
   * section 6.2 says whitespace between adjacent encoded words is dropped (as it does itself for
   * the same value unquoted), and the "malicious/attempt" row of malformed RFC 2231 names (such as
   * {@code 4***}, {@code 1 * 999999999999999999 *}), whose expectation is an accident of Stalwart's
   * implementation; we drop such names.
   */
  @Test
  void agreesWithStalwartContentTypeTable() throws Exception {
    StalwartTable table = StalwartTable.load("mime/stalwart/content_type.json");
    Agreement agreement = new Agreement("content_type.json");
    for (StalwartTable.Row row : table.rows()) {
      String[] r = compare(row.value(), row.expected(), false);
      agreement.add(StalwartTable.agrees(r[0], r[1]), () -> UnstructuredTest.show(row.raw()) + " -> " + r[0] + ", expected " + r[1]);
    }
    agreement.assertAtLeast(0.95);
  }

  /**
   * Content-Type and Content-Disposition fields of Stalwart's eml corpus, mapped as for the table;
   * dispositions are read with {@link MediaType#parseDisposition}. Known difference: a quoted
   * Windows path ({@code "C:\TEMP\a.png"}) keeps its backslashes here (see {@link MediaType}),
   * Stalwart reads them as quoted pairs and drops them.
   */
  @Test
  void agreesWithStalwartMessageContentTypes() throws Exception {
    Agreement agreement = new Agreement("eml content-type fields");
    for (String name : List.of("content_type", "content_disposition")) {
      boolean disposition = name.equals("content_disposition");
      for (StalwartMessages.Field f : StalwartMessages.fields(name, "ContentType")) {
        String[] r = compare(f.value(), f.expected(), disposition);
        agreement.add(StalwartTable.agrees(r[0], r[1]), () -> f.where() + " " + UnstructuredTest.show(f.value()) + " -> " + r[0] + ", expected " + r[1]);
      }
    }
    agreement.assertAtLeast(0.95);
  }

  /** Ours and theirs, printed alike; attributes as [[name, value]] or [{name, value}]. */
  static String[] compare(String value, JsonNode e, boolean disposition) {
    List<String> problems = new ArrayList<>();
    MediaType t =
        disposition
            ? MediaType.parseDisposition(value, problems)
            : MediaType.parse(value, problems);
    if (e == null || e.isNull()) {
      String fallback = disposition ? "attachment" : "text/plain";
      return new String[] {
        t.mimeType() + (problems.isEmpty() ? "" : " (problem)"), fallback + " (problem)"
      };
    }
    Map<String, String> params = new LinkedHashMap<>();
    JsonNode attrs = e.get("attributes");
    if (attrs != null && !attrs.isNull()) {
      for (JsonNode a : attrs) {
        String n = a.isArray() ? a.get(0).asText() : a.get("name").asText();
        String v = a.isArray() ? a.get(1).asText() : a.get("value").asText();
        if (!n.endsWith("-language")) {
          params.putIfAbsent(n, v);
        }
      }
    }
    JsonNode sub = e.get("c_subtype");
    boolean valid = disposition || (sub != null && !sub.isNull());
    String type =
        disposition
            ? e.get("c_type").asText().toLowerCase(java.util.Locale.ROOT)
            : valid ? e.get("c_type").asText() + "/" + sub.asText() : "text/plain";
    return new String[] {
      t.mimeType() + " " + sorted(t.params()) + (valid || problems.isEmpty() ? "" : " (problem)"),
      type + " " + sorted(params) + (valid ? "" : " (problem)")
    };
  }

  private static String sorted(Map<String, String> m) {
    return new java.util.TreeMap<>(m).toString();
  }

  /**
   * Round trip: a random Unicode filename written as RFC 2231 sections (UTF-8, percent-encoded, cut
   * at random byte positions, sections in shuffled order, some unencoded) and as a quoted plain
   * parameter comes back unchanged.
   */
  @Test
  void rfc2231SectionsInAnyOrderRoundTrip() {
    RandomText random = new RandomText("MediaTypeTest.rfc2231SectionsInAnyOrderRoundTrip");
    java.util.Random r = random.random;
    for (int i = 0; i < 1_000; i++) {
      StringBuilder name = new StringBuilder();
      int len = 1 + r.nextInt(20);
      for (int k = 0; k < len; k++) {
        name.appendCodePoint(r.nextBoolean() ? 0x21 + r.nextInt(0x5e) : 0xc0 + r.nextInt(0x3000));
      }
      byte[] bytes = name.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      List<String> sections = new ArrayList<>();
      int pos = 0;
      while (pos < bytes.length) {
        int n = Math.min(bytes.length - pos, 1 + r.nextInt(8));
        StringBuilder v = new StringBuilder();
        for (int k = pos; k < pos + n; k++) {
          v.append(String.format("%%%02X", bytes[k] & 0xff));
        }
        int index = sections.size();
        sections.add("filename*" + index + "*=" + (index == 0 ? "utf-8'en'" : "") + v);
        pos += n;
      }
      java.util.Collections.shuffle(sections, r);
      String field = "attachment; " + String.join(";\r\n ", sections);
      String quoted = name.toString().replace("\\", "\\\\").replace("\"", "\\\"");
      String plain = "attachment; filename=\"" + quoted + "\"";
      List<String> problems = new ArrayList<>();
      assertEquals(
          name.toString(),
          MediaType.parseDisposition(field, problems).param("filename"),
          "seed " + random.seed + " " + field);
      assertEquals(
          name.toString(),
          MediaType.parseDisposition(plain, problems).param("filename"),
          "seed " + random.seed + " " + plain);
    }
  }

  @Test
  void randomInputNeverThrows() {
    RandomText random = new RandomText("MediaTypeTest.randomInputNeverThrows");
    String[] pieces = {
      "text",
      "/",
      ";",
      "=",
      "\"",
      "\\",
      "(",
      ")",
      "name",
      "*",
      "*0*",
      "*1",
      "''",
      "'en'",
      "%",
      "%E2",
      "utf-8",
      "=?utf-8?q?a?=",
      " ",
      "\r\n ",
      "*9999999999="
    };
    random.check(5_000, i -> i % 2 == 0 ? random.fragments(pieces, "/;=\"\\()*'% ab0", 14) : random.next("/;=\"*'%( a1", 40), s -> {
      MediaType.parse(s, new ArrayList<>());
      MediaType.parseDisposition(s, new ArrayList<>());
    });
  }
}
