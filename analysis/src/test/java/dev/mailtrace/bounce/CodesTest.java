package dev.mailtrace.bounce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class CodesTest {
  @Test
  void specificStatusWinsOverVagueOne() {
    assertEquals("5.1.1", Codes.findStatus("550 5.0.0 <a@b.c>... 5.1.1 User unknown", (char) 0));
    assertEquals("5.0.0", Codes.findStatus("550 5.0.0 rejected", (char) 0));
  }

  @Test
  void ipAddressesAndVersionsAreNotStatusCodes() {
    assertNull(Codes.findStatus("host 192.0.2.1 said no", (char) 0));
    assertNull(Codes.findStatus("Exim v4.2.1 here", (char) 0));
    assertEquals("5.5.0", Codes.findStatus("Unknown user a@b.c (#5.5.0)", (char) 0));
  }

  @Test
  void replyCodeIsFoundInMultilineReplies() {
    assertEquals("550", Codes.findReply("host mx[192.0.2.5]: 550-5.7.1 blocked", (char) 0));
    assertEquals("452", Codes.findReply("said: 452 4.2.2 full", '4'));
    assertNull(Codes.findReply("port 25550 id 555A", (char) 0));
    assertNull(Codes.findReply("in 840 minutes", (char) 0));
  }

  @Test
  void lastCommandOfATranscriptIsTheOneThatFailed() {
    assertEquals("RCPT", Codes.findCommand("said: 550 no (in reply to rcpt to command)"));
    assertEquals("DATA", Codes.findCommand(">>> mail from:<a@b.c> <<< 250 ok >>> data <<< 554 no"));
    assertEquals(
        "CONN", Codes.findCommand("smtp error from remote mail server after initial connection"));
    assertNull(Codes.findCommand("nothing here"));
  }
}
