package dev.mailtrace.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailtrace.message.Message;
import dev.mailtrace.message.Part;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Conformance over the shared corpora: Stalwart mail-parser's expected models, mime4j's structure
 * tests, and line-end variants of the same messages. Skipped when the corpora are absent.
 */
class MessageParserCorpusTest {
  private static final Path CORPORA =
      Path.of(System.getProperty("mailtrace.root", ".")).resolve("../shared/corpora").normalize();
  private static final ObjectMapper JSON = new ObjectMapper();
  private final MessageParser parser = new MessageParser();

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private Message parse(byte[] content) {
    return parser.parse(Messages.raw(content));
  }

  @Test
  void everyCorpusFileParsesWithoutInternalFailure() throws IOException {
    Assumptions.assumeTrue(Files.isDirectory(CORPORA));
    int count = 0;
    List<String> failures = new ArrayList<>();
    for (Path f : files(CORPORA)) {
      Message m = parse(Files.readAllBytes(f));
      count++;
      if (m.problems().stream().anyMatch(p -> p.startsWith("parser failure"))) {
        failures.add(f + ": " + m.problems());
      }
    }
    System.out.printf("corpus files parsed: %d, internal failures: %d%n", count, failures.size());
    assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
  }

  // ---- Stalwart mail-parser ----

  /** One expected leaf of mail-parser's model. */
  private record Leaf(String type, String text, byte[] bytes, String filename) {}

  private static void expectedLeaves(JsonNode message, List<Leaf> out) {
    JsonNode parts = message.get("parts");
    if (parts == null || parts.isEmpty()) {
      return;
    }
    walk(parts, 0, out);
  }

  private static void walk(JsonNode parts, int index, List<Leaf> out) {
    JsonNode part = parts.get(index);
    JsonNode body = part.get("body");
    String kind = body.fieldNames().next();
    JsonNode v = body.get(kind);
    switch (kind) {
      case "Multipart" -> {
        for (JsonNode child : v) {
          walk(parts, child.asInt(), out);
        }
      }
      case "Message" -> expectedLeaves(v, out);
      default -> {
        String type = "text/plain";
        String filename = null;
        for (JsonNode h : part.get("headers")) {
          JsonNode ct = h.path("value").path("ContentType");
          if (ct.isMissingNode()) {
            continue;
          }
          String name = h.get("name").asText();
          if (name.equals("content_type")) {
            type = (ct.path("c_type").asText() + "/" + ct.path("c_subtype").asText(""))
                .toLowerCase(Locale.ROOT);
            String n = attribute(ct, "name");
            if (filename == null) {
              filename = n;
            }
          } else if (name.equals("content_disposition")) {
            String n = attribute(ct, "filename");
            if (n != null) {
              filename = n;
            }
          }
        }
        if (kind.equals("Text") || kind.equals("Html")) {
          out.add(new Leaf(type, v.asText(), null, filename));
        } else {
          byte[] b = new byte[v.size()];
          for (int i = 0; i < b.length; i++) {
            b[i] = (byte) v.get(i).asInt();
          }
          out.add(new Leaf(type, null, b, filename));
        }
      }
    }
  }

  private static String attribute(JsonNode ct, String name) {
    for (JsonNode a : ct.path("attributes")) {
      if (a.path("name").asText().equalsIgnoreCase(name)) {
        return a.path("value").asText();
      }
    }
    return null;
  }

  private static String expectedSubject(JsonNode message) {
    for (JsonNode h : message.path("parts").path(0).path("headers")) {
      if (h.path("name").asText().equals("subject")) {
        return h.path("value").path("Text").asText(null);
      }
    }
    return null;
  }

  @Test
  void stalwartModelsAgree() throws IOException {
    Path dir = CORPORA.resolve("mime/stalwart/eml");
    Assumptions.assumeTrue(Files.isDirectory(dir));
    Map<String, int[]> table = new TreeMap<>(); // metric -> {agree, total}
    List<String> misses = new ArrayList<>();
    for (Path eml : files(dir)) {
      String name = eml.getFileName().toString();
      if (!name.endsWith(".eml")) {
        continue;
      }
      String base = name.substring(0, name.length() - 4);
      byte[] content = Files.readAllBytes(eml);
      for (String variant : List.of("lf", "crlf")) {
        Path json = eml.resolveSibling(base + (variant.equals("lf") ? ".json" : ".crlf.json"));
        if (!Files.exists(json)) {
          continue;
        }
        byte[] input = Messages.convertLineEnds(content, variant.equals("lf") ? "\n" : "\r\n");
        Message m = parse(input);
        JsonNode expected = JSON.readTree(json.toFile());
        List<Leaf> want = new ArrayList<>();
        expectedLeaves(expected, want);
        List<Part> got = m.leaves();
        String id = dir.relativize(eml) + " " + variant;
        count(table, "subject", eq(expectedSubject(expected), m.subject()), misses, id);
        boolean sameCount = want.size() == got.size();
        count(table, "leaf count", sameCount, misses, id + " " + want.size() + " vs " + got.size());
        if (!sameCount) {
          continue;
        }
        for (int i = 0; i < want.size(); i++) {
          Leaf w = want.get(i);
          Part g = got.get(i);
          String where = id + " leaf " + g.path();
          count(table, "content type", w.type().equals(g.contentType()), misses,
              where + " " + w.type() + " vs " + g.contentType());
          boolean body = w.text() != null
              ? w.text().equals(g.text()) || w.text().equals(new String(g.body(), StandardCharsets.UTF_8))
              : Arrays.equals(w.bytes(), g.body());
          count(table, "decoded body", body, misses, where + " body");
          if (w.filename() != null || g.filename() != null) {
            count(table, "file name", eq(w.filename(), g.filename()), misses,
                where + " " + w.filename() + " vs " + g.filename());
          }
        }
      }
    }
    print("stalwart mail-parser", table);
    misses.stream().filter(s -> !s.startsWith("subject")).limit(60).forEach(s -> System.out.println("  differs: " + s));
    assertTrue(rate(table, "leaf count") >= 0.85, "leaf count agreement");
    assertTrue(rate(table, "decoded body") >= 0.80, "decoded body agreement");
  }

  // ---- mime4j ----

  @Test
  void mime4jStructureAndBodiesAgree() throws Exception {
    Path dir = CORPORA.resolve("mime/mime4j/testmsgs");
    Assumptions.assumeTrue(Files.isDirectory(dir));
    Map<String, int[]> table = new TreeMap<>();
    List<String> misses = new ArrayList<>();
    var factory = DocumentBuilderFactory.newInstance();
    for (Path msg : files(dir)) {
      String name = msg.getFileName().toString();
      if (!name.endsWith(".msg")) {
        continue;
      }
      String base = name.substring(0, name.length() - 4);
      Path xml = dir.resolve(base + "_decoded.xml");
      if (!Files.exists(xml)) {
        continue;
      }
      Element doc = factory.newDocumentBuilder().parse(xml.toFile()).getDocumentElement();
      List<String> bodies = new ArrayList<>();
      collectBodies(doc, bodies);
      Message m = parse(Files.readAllBytes(msg));
      List<Part> got = m.leaves();
      boolean same = bodies.size() == got.size();
      count(table, "leaf count", same, misses, base + " " + bodies.size() + " vs " + got.size());
      if (!same) {
        continue;
      }
      for (int i = 0; i < bodies.size(); i++) {
        byte[] want = Files.readAllBytes(dir.resolve(bodies.get(i)));
        Part g = got.get(i);
        boolean body = Arrays.equals(want, g.body())
            || new String(want, StandardCharsets.UTF_8).equals(g.text());
        count(table, "decoded body", body, misses, base + " " + bodies.get(i) + " vs " + g.path());
      }
    }
    print("mime4j testmsgs", table);
    misses.forEach(s -> System.out.println("  differs: " + s));
    // Known, chosen differences: a multipart whose boundary never appears is one leaf here (mime4j:
    // an empty multipart); a white-space line ends the header; text in a header section with no
    // field after it starts the body.
    assertTrue(rate(table, "leaf count") >= 0.80, "leaf count agreement");
    assertTrue(rate(table, "decoded body") >= 0.80, "decoded body agreement");
  }

  private static void collectBodies(Node n, List<String> out) {
    for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c instanceof Element e) {
        String tag = e.getTagName();
        if (tag.equals("text-body") || tag.equals("binary-body")) {
          out.add(e.getAttribute("name"));
        } else if (!tag.equals("header")) {
          collectBodies(e, out);
        }
      }
    }
  }

  // ---- line ends ----

  @Test
  void lineEndVariantsGiveTheSameModel() throws IOException {
    Path dir = CORPORA.resolve("mime");
    Assumptions.assumeTrue(Files.isDirectory(dir));
    int same = 0;
    int total = 0;
    List<String> misses = new ArrayList<>();
    for (Path f : files(dir)) {
      String name = f.getFileName().toString();
      if (!name.endsWith(".eml") && !name.endsWith(".msg")) {
        continue;
      }
      byte[] content = Files.readAllBytes(f);
      if (parse(content).leaves().stream().anyMatch(p -> p.transferEncoding().equals("binary"))) {
        continue; // converting line ends corrupts binary bodies (UTF-16 text, for one)
      }
      String lf = ModelText.of(parse(Messages.convertLineEnds(content, "\n")));
      String crlf = ModelText.of(parse(Messages.convertLineEnds(content, "\r\n")));
      String cr = ModelText.of(parse(Messages.convertLineEnds(content, "\r")));
      total++;
      if (lf.equals(crlf) && lf.equals(cr)) {
        same++;
      } else {
        misses.add(dir.relativize(f).toString());
      }
    }
    System.out.printf("line-end variants (LF, CRLF, CR) with equal models: %d/%d%n", same, total);
    misses.forEach(s -> System.out.println("  differs: " + s));
    assertEquals(total, same, "models differ between line-end variants");
  }

  @Test
  void sisimaiLineEndCopiesGiveTheSameModel() throws IOException {
    Path maildir = CORPORA.resolve("bounces/sisimai/maildir");
    Assumptions.assumeTrue(Files.isDirectory(maildir.resolve("bsd")));
    int same = 0;
    int total = 0;
    List<String> misses = new ArrayList<>();
    for (String variant : List.of("dos", "mac")) {
      Path vdir = maildir.resolve(variant);
      if (!Files.isDirectory(vdir)) {
        continue;
      }
      for (Path f : files(vdir)) {
        Path bsd = maildir.resolve("bsd").resolve(f.getFileName());
        if (!Files.exists(bsd)) {
          continue;
        }
        total++;
        String a = ModelText.summary(parse(Files.readAllBytes(bsd)));
        String b = ModelText.summary(parse(Files.readAllBytes(f)));
        if (a.equals(b)) {
          same++;
        } else {
          misses.add(variant + "/" + f.getFileName());
        }
      }
    }
    System.out.printf("sisimai bsd vs dos/mac copies with equal models: %d/%d%n", same, total);
    misses.forEach(s -> System.out.println("  differs: " + s));
    assertTrue(total == 0 || same >= total * 0.9, "sisimai line-end copies agreement");
  }

  // ---- table ----

  private static boolean eq(Object a, Object b) {
    return a == null ? b == null : a.equals(b);
  }

  private static void count(
      Map<String, int[]> table, String metric, boolean ok, List<String> misses, String id) {
    int[] c = table.computeIfAbsent(metric, k -> new int[2]);
    c[1]++;
    if (ok) {
      c[0]++;
    } else {
      misses.add(metric + ": " + id);
    }
  }

  private static double rate(Map<String, int[]> table, String metric) {
    int[] c = table.getOrDefault(metric, new int[] {0, 0});
    return c[1] == 0 ? 1.0 : (double) c[0] / c[1];
  }

  private static void print(String title, Map<String, int[]> table) {
    System.out.println(title + " agreement:");
    table.forEach((k, c) -> System.out.printf("  %-14s %4d/%-4d %5.1f%%%n", k, c[0], c[1],
        100.0 * c[0] / Math.max(1, c[1])));
  }
}
