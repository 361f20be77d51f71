package dev.mailtrace.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderSectionTest {

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void foldedFieldSpansItsContinuationLines() {
    byte[] c = bytes("To: a@x.test,\r\n  b@x.test\r\nSubject: s\r\n\r\nbody");
    HeaderSection h = HeaderSection.scan(c);
    assertEquals(2, h.fields().size());
    HeaderSection.Field to = h.fields().get(0);
    assertEquals(0, to.start());
    assertEquals("To: a@x.test,\r\n  b@x.test\r\n".length(), to.end());
    assertEquals("a@x.test,  b@x.test", to.value(c));
    assertEquals(c.length - 4, h.bodyStart());
  }

  @Test
  void everyLineEndStyleIsAccepted() {
    for (String eol : List.of("\n", "\r", "\r\n")) {
      byte[] c = bytes("A: 1" + eol + "B: 2" + eol + " 3" + eol + eol + "body");
      HeaderSection h = HeaderSection.scan(c);
      assertEquals("1", h.first("a"));
      assertEquals("2 3", h.first("B"));
      assertEquals(c.length - 4, h.bodyStart());
    }
  }

  @Test
  void headerWithoutBodyAndLinesWithoutColonDoNotBreakTheScan() {
    byte[] c = bytes("junk line\nX-A : v\nX-A: w");
    HeaderSection h = HeaderSection.scan(c);
    assertEquals(3, h.fields().size());
    assertEquals("", h.fields().get(0).name(c));
    assertEquals(List.of("v", "w"), h.all("x-a"));
    assertNull(h.first("Missing"));
    assertEquals(c.length, h.bodyStart());
  }
}
