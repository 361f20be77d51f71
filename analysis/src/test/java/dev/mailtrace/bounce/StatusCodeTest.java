package dev.mailtrace.bounce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatusCodeTest {
  @Test
  void codeIsReadWithItsMeaning() {
    StatusCode c = StatusCode.parse("5.1.1");
    assertEquals(new StatusCode(5, 1, 1), c);
    assertTrue(c.isPermanent());
    assertEquals("Addressing status", c.subjectDescription());
    assertEquals("Bad destination mailbox address", c.detailDescription());
    assertEquals("5.1.1", c.toString());
  }

  @Test
  void transientAndMultiDigitDetailsAreRead() {
    StatusCode c = StatusCode.parse(" 4.7.26 ");
    assertTrue(c.isTransient());
    assertEquals("Multiple authentication checks failed", c.detailDescription());
    assertEquals("Recipient domain has a null MX", StatusCode.parse("5.1.10").detailDescription());
  }

  @Test
  void unknownDetailFallsBackToSubject() {
    assertEquals("Mailbox status", StatusCode.parse("5.2.99").detailDescription());
  }

  @Test
  void malformedCodesAreNull() {
    assertNull(StatusCode.parse("550"));
    assertNull(StatusCode.parse("3.1.1"));
    assertNull(StatusCode.parse("5.1"));
    assertNull(StatusCode.parse("5.1.1.1"));
    assertNull(StatusCode.parse("5.x.1"));
    assertNull(StatusCode.parse(null));
  }
}
