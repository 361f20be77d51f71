package dev.mailtrace.index;

import static dev.mailtrace.index.TestMessages.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class ThreadKeyTest {
  @Test
  void replyJoinsTheThreadOfTheFirstReference() {
    String root = ThreadKey.of(message().messageId("a@x").subject("Plan").build());
    String reply = ThreadKey.of(message().messageId("b@x").inReplyTo("a@x").references("a@x").subject("Re: Plan").build());
    String deep = ThreadKey.of(message().messageId("c@x").inReplyTo("b@x").references("a@x", "b@x").build());
    assertEquals(root, reply);
    assertEquals(root, deep);
  }

  @Test
  void inReplyToAloneIsUsedWithoutReferences() {
    assertEquals(ThreadKey.ofMessageId("a@x"), ThreadKey.of(message().messageId("b@x").inReplyTo("a@x").build()));
  }

  @Test
  void repliesWithoutIdsFallBackToTheNormalisedSubject() {
    String a = ThreadKey.of(message().subject("Re: [list] Budget  2024").build());
    String b = ThreadKey.of(message().subject("AW: RE: budget 2024").build());
    assertEquals(a, b);
    assertNotEquals(a, ThreadKey.of(message().subject("Re: other").build()));
  }

  @Test
  void subjectIsNormalised() {
    assertEquals("budget 2024", ThreadKey.normaliseSubject("Re: Fwd: [team] Budget   2024"));
    assertEquals("x", ThreadKey.normaliseSubject("Re[2]: x"));
  }

  @Test
  void threadIdIsSixteenHexDigits() {
    assertEquals(16, ThreadKey.of(message().messageId("a@x").build()).length());
  }
}
