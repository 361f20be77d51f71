package dev.mailtrace.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailtrace.message.Address;
import dev.mailtrace.message.Header;
import dev.mailtrace.message.Message;
import dev.mailtrace.message.Part;
import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden files: {@code src/test/resources/mime/<origin>/<case>.eml} next to {@code <case>.json},
 * the expected model in a line-end-neutral form. Every case runs with LF and CRLF line ends; a
 * missing or different expectation writes {@code <case>.actual.json} and fails.
 */
class MessageParserGoldenTest {
  private static final Path ROOT =
      Path.of(System.getProperty("mailtrace.root", ".")).resolve("mail/src/test/resources/mime");
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @TestFactory
  Stream<DynamicTest> goldenCases() throws IOException {
    Path dir = Files.isDirectory(ROOT) ? ROOT : Path.of("src/test/resources/mime");
    List<Path> cases;
    try (Stream<Path> s = Files.walk(dir)) {
      cases = s.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
    }
    assertTrue(cases.size() >= 8, "golden cases found in " + dir);
    return cases.stream().flatMap(eml -> Stream.of("LF", "CRLF").map(eol -> DynamicTest.dynamicTest(
        dir.relativize(eml) + " " + eol, () -> check(eml, eol.equals("LF") ? "\n" : "\r\n"))));
  }

  private static void check(Path eml, String eol) throws IOException {
    byte[] content = Messages.convertLineEnds(Files.readAllBytes(eml), eol);
    JsonNode actual = model(new MessageParser().parse(Messages.raw(content)));
    String base = eml.getFileName().toString().replaceAll("\\.eml$", "");
    Path expectedFile = eml.resolveSibling(base + ".json");
    Path actualFile = eml.resolveSibling(base + ".actual.json");
    if (!Files.exists(expectedFile)) {
      JSON.writeValue(actualFile.toFile(), actual);
      throw new AssertionError("no expectation " + expectedFile + "; review " + actualFile
          + " and rename it");
    }
    JsonNode expected = JSON.readTree(expectedFile.toFile());
    if (!expected.equals(actual)) {
      JSON.writeValue(actualFile.toFile(), actual);
    } else {
      Files.deleteIfExists(actualFile);
    }
    assertEquals(JSON.writeValueAsString(expected), JSON.writeValueAsString(actual),
        "model of " + eml + " with " + (eol.equals("\n") ? "LF" : "CRLF"));
  }

  /** The model without provenance; bodies of text as LF text, others by size and hash. */
  static JsonNode model(Message m) {
    ObjectNode o = JSON.createObjectNode();
    ArrayNode headers = o.putArray("headers");
    for (Header h : m.headers()) {
      headers.addObject().put("name", h.name()).put("value", h.value());
    }
    o.put("subject", m.subject());
    o.put("date", m.date() == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(m.date()));
    addresses(o, "from", m.from());
    addresses(o, "sender", m.sender());
    addresses(o, "replyTo", m.replyTo());
    addresses(o, "to", m.to());
    addresses(o, "cc", m.cc());
    addresses(o, "bcc", m.bcc());
    o.put("messageId", m.messageId());
    o.put("inReplyTo", m.inReplyTo());
    ArrayNode refs = o.putArray("references");
    m.references().forEach(refs::add);
    o.set("root", part(m.root()));
    o.put("text", lf(m.text()));
    ArrayNode problems = o.putArray("problems");
    m.problems().forEach(p -> problems.add(p.replaceAll("offset \\d+", "offset N")));
    return o;
  }

  private static void addresses(ObjectNode o, String key, List<Address> list) {
    ArrayNode a = o.putArray(key);
    for (Address x : list) {
      a.addObject().put("name", x.name()).put("address", x.address());
    }
  }

  private static ObjectNode part(Part p) {
    ObjectNode o = JSON.createObjectNode();
    o.put("path", p.path());
    o.put("contentType", p.contentType());
    o.put("charset", p.charset());
    o.put("transferEncoding", p.transferEncoding());
    o.put("disposition", p.disposition());
    o.put("filename", p.filename());
    if (p.isLeaf()) {
      boolean text = p.contentType().startsWith("text/") || p.contentType().startsWith("message/")
          || p.contentType().startsWith("multipart/");
      if (text) {
        o.put("body", lf(p.text()));
      } else {
        o.put("size", p.size());
        o.put("sha256", p.sha256());
      }
    } else {
      ArrayNode children = o.putArray("children");
      p.children().forEach(c -> children.add(part(c)));
    }
    return o;
  }

  private static String lf(String s) {
    return s == null ? null : s.replace("\r\n", "\n");
  }
}
