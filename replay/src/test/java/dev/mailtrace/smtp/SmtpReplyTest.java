package dev.mailtrace.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SmtpReplyTest {

  @Test
  void multilineReplyKeepsEveryLineWithoutTheCode() {
    SmtpReply r = SmtpReply.parse(List.of("250-mx.example.test", "250-PIPELINING", "250 SIZE 1000"));
    assertEquals(250, r.code());
    assertEquals(List.of("mx.example.test", "PIPELINING", "SIZE 1000"), r.lines());
    assertNull(r.enhancedStatus());
  }

  @Test
  void enhancedStatusCodeIsSplitOff() {
    SmtpReply r = SmtpReply.parse(List.of("550-5.1.1 first", "550 5.1.1 User unknown"));
    assertEquals("5.1.1", r.enhancedStatus());
    assertEquals("first User unknown", r.text());
    assertTrue(r.isPermanent());
  }

  @Test
  void enhancedStatusMustMatchTheReplyClass() {
    SmtpReply r = SmtpReply.parse(List.of("451 5.1.1 mismatched"));
    assertNull(r.enhancedStatus());
    assertEquals("5.1.1 mismatched", r.text());
    assertTrue(r.isTransient());
  }

  @Test
  void numbersThatAreNotStatusCodesStayInTheText() {
    assertNull(SmtpReply.parse(List.of("250 2.0 queued as 2.0.1")).enhancedStatus());
    assertNull(SmtpReply.parse(List.of("354 Start mail input")).enhancedStatus());
    assertEquals("2.0.0", SmtpReply.parse(List.of("250 2.0.0")).enhancedStatus());
  }

  @Test
  void bareCodeHasNoText() {
    SmtpReply r = SmtpReply.parse(List.of("250"));
    assertEquals(List.of(""), r.lines());
    assertEquals("250 ", r.toString());
  }

  @Test
  void extensionKeywordsAreCaseInsensitiveAndOpen() {
    assertEquals(SmtpExtension.PIPELINING, SmtpExtension.of("pipelining"));
    assertEquals(SmtpExtension.EIGHT_BIT_MIME, SmtpExtension.of("8bitmime"));
    assertEquals("XFORWARD", SmtpExtension.of("xforward").keyword());
  }
}
