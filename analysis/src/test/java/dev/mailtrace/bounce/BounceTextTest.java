package dev.mailtrace.bounce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BounceTextTest {
  @Test
  void qmailRecipientAndItsLinesAreFound() {
    List<BounceText.Finding> f =
        BounceText.scan(
            """
            Hi. This is the qmail-send program at mx.example.net.
            I'm afraid I wasn't able to deliver your message to the following addresses.

            <kim@example.com>:
            192.0.2.3 does not like recipient.
            Remote host said: 550 5.1.1 no such user
            Giving up on 192.0.2.3.

            """,
            Set.of());
    assertEquals(1, f.size());
    assertEquals("kim@example.com", f.get(0).recipient());
    assertEquals(
        "192.0.2.3 does not like recipient. Remote host said: 550 5.1.1 no such user"
            + " Giving up on 192.0.2.3.",
        f.get(0).diagnostic());
  }

  @Test
  void inlineOriginalIsCutOff() {
    BounceText.Split s =
        BounceText.split(
            "oops\n--- Below this line is a copy of the message.\n"
                + "Subject: hi\nMessage-ID: <x@y.z>\n");
    assertEquals("oops\n", s.report());
    assertEquals("Subject: hi\nMessage-ID: <x@y.z>\n", s.originalHeaders());
  }

  @Test
  void senderLinesAreNotRecipients() {
    assertNull(BounceText.recipientOf("<me@example.org> wrote:", Set.of("me@example.org")));
    assertEquals("lee@example.com", BounceText.recipientOf("   * lee@example.com", Set.of()));
    assertEquals(
        "lee@example.com",
        BounceText.recipientOf("Could not be delivered to: <lee@example.com>", Set.of()));
    assertNull(BounceText.recipientOf("target mail address: lee@example.com", Set.of()));
  }

  @Test
  void sendmailTranscriptReplyLeadsTheRecipientDiagnostic() {
    List<BounceText.Finding> f =
        BounceText.scan(
            """
               ----- Transcript of session follows -----
            While talking to mx.example.edu:
            >>> MAIL From:<pat@example.jp>
            <<< 550 Insecure Mail Relay
            554 <kim@example.edu>... Remote protocol error
            421 example.org (smtp)... Deferred: Connection timed out with example.org
            """,
            Set.of("pat@example.jp"));
    assertEquals(1, f.size());
    assertEquals("kim@example.edu", f.get(0).recipient());
    // the server's answer comes first; the per-host line after it belongs to no recipient
    assertEquals(
        "550 Insecure Mail Relay 554 <kim@example.edu>... Remote protocol error",
        f.get(0).diagnostic());
  }
}
