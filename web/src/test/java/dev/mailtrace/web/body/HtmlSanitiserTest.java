package dev.mailtrace.web.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailtrace.message.Message;
import dev.mailtrace.message.Part;
import dev.mailtrace.message.RawMessage;
import dev.mailtrace.message.Source;
import dev.mailtrace.mime.MessageParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HtmlSanitiserTest {
  private static final String CANARY = "127.0.0.1:9";
  /** Markup that may run code or fetch something; none of it may survive. */
  private static final List<Pattern> FORBIDDEN = List.of(
      Pattern.compile("<script", Pattern.CASE_INSENSITIVE),
      Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE),
      Pattern.compile("<(form|input|button|meta|base|link|style|svg|math|iframe|frame|object|embed|video|audio|noscript)\\b", Pattern.CASE_INSENSITIVE),
      Pattern.compile("\\s(href|srcset|background|poster|action|formaction|data|xlink:href)\\s*=", Pattern.CASE_INSENSITIVE),
      Pattern.compile("\\ssrc\\s*=\\s*\"(?!data:image/(png|gif|jpeg|webp);)", Pattern.CASE_INSENSITIVE),
      Pattern.compile("style\\s*=\\s*\"[^\"]*(url|expression|\\\\)", Pattern.CASE_INSENSITIVE),
      Pattern.compile("(src|style)\\s*=\\s*\"[^\"]*" + Pattern.quote(CANARY)));

  private final HtmlSanitiser sanitiser = new HtmlSanitiser();

  @ParameterizedTest
  @ValueSource(strings = {"scripts", "links", "refresh", "forms", "css", "images", "svg", "encodings"})
  void nothingThatRunsOrFetchesSurvivesInTheHostileCorpus(String name) throws IOException {
    Message m = parse(name);
    int htmlParts = 0;
    for (Part p : m.leaves()) {
      if (!p.contentType().equals("text/html")) {
        continue;
      }
      htmlParts++;
      String clean = sanitiser.sanitise(p.text(), Map.of()).html();
      for (Pattern f : FORBIDDEN) {
        assertFalse(f.matcher(clean).find(), name + " part " + p.path() + " keeps " + f + ":\n" + clean);
      }
    }
    assertTrue(htmlParts > 0, name);
  }

  @Test
  void remoteReferencesAreListedAsBlocked() throws IOException {
    assertEquals(List.of(
            "image http://" + CANARY + "/pixel.gif",
            "image https://" + CANARY + "/https-image.png",
            "image http://" + CANARY + "/srcset.png 2x",
            "background image http://" + CANARY + "/table-bg.png",
            "background image http://" + CANARY + "/td-bg.png",
            "media http://" + CANARY + "/poster.png",
            "media http://" + CANARY + "/video.mp4",
            "media http://" + CANARY + "/audio.mp3",
            "image //" + CANARY + "/protocol-relative.png"),
        blocked("images", "2"));
    assertEquals(List.of(
            "style sheet import http://" + CANARY + "/import.css",
            "style sheet image (style) http://" + CANARY + "/css-body",
            "style sheet image (div) http://" + CANARY + "/css-inline"),
        blocked("css", "2"));
    assertEquals(List.of(
            "refresh to http://" + CANARY + "/refresh",
            "base address http://" + CANARY + "/base/",
            "linked stylesheet http://" + CANARY + "/link.css",
            "linked prefetch http://" + CANARY + "/prefetch",
            "image relative.png"),
        blocked("refresh", "2"));
    assertEquals(List.of("form target http://" + CANARY + "/form", "button formaction http://" + CANARY + "/formaction",
        "input src http://" + CANARY + "/input-image"), blocked("forms", "2"));
  }

  @Test
  void linksStayReadableButCannotBeFollowed() {
    SanitisedHtml s = sanitiser.sanitise("<p><a href=\"https://bank.example/login\">your bank</a></p>", Map.of());
    assertEquals("<p><a title=\"https://bank.example/login\">your bank</a></p>", s.html());
    assertEquals(1, s.inertLinks());
  }

  @Test
  void inlineImagesComeFromTheMessageAndHarmlessStylesStay() {
    SanitisedHtml s = sanitiser.sanitise("<p style=\"color: #b00; font-weight: bold\">hi<img src=\"cid:logo@x\" alt=\"logo\"><img src=\"cid:missing@x\"></p>",
        Map.of("logo@x", "data:image/png;base64,AAAA"));
    assertEquals("<p style=\"color: #b00; font-weight: bold\">hi<img src=\"data:image/png;base64,AAAA\" alt=\"logo\"><img></p>", s.html());
    assertEquals(List.of(), s.blocked());
  }

  @Test
  void theUtf7BodyIsDecodedThenCleaned() throws IOException {
    Message m = parse("encodings");
    Part utf7 = m.leaves().get(0);
    assertEquals("utf-7", utf7.charset());
    assertTrue(utf7.text().contains("<script>"), "the parser decodes UTF-7, so the sanitiser sees the real tags");
    assertEquals(List.of("image http://" + CANARY + "/utf7-image"), sanitiser.sanitise(utf7.text(), Map.of()).blocked());
  }

  private List<String> blocked(String name, String path) throws IOException {
    Message m = parse(name);
    List<String> out = new ArrayList<>();
    for (Part p : m.leaves()) {
      if (p.path().equals(path)) {
        out.addAll(sanitiser.sanitise(p.text(), Map.of()).blocked());
      }
    }
    return out;
  }

  static Message parse(String name) throws IOException {
    byte[] bytes;
    try (InputStream in = HtmlSanitiserTest.class.getResourceAsStream("/hostile/" + name + ".eml")) {
      String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).replace("CANARY", CANARY);
      StringBuilder b = new StringBuilder();
      for (String line : text.split("\n", -1)) {
        if (line.startsWith("@base64 ")) {
          line = java.util.Base64.getMimeEncoder().encodeToString(line.substring(8).getBytes(StandardCharsets.UTF_8));
        }
        b.append(line.replace("\\0", "\0")).append('\n');
      }
      bytes = b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
    return new MessageParser().parse(new RawMessage(new Source(name + ".eml", 0, bytes.length, "0".repeat(64)), 0, null, bytes));
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
