package dev.mailtrace.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.mailtrace.message.RawMessage;
import dev.mailtrace.smtp.SmtpClientConfig;
import dev.mailtrace.smtp.Timeouts;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Replays into GreenMail, a real SMTP server in the test JVM, and compares what it stored. */
class ReplayerGreenMailTest {
  @RegisterExtension
  static final GreenMailExtension GREENMAIL =
      new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

  private static final String[] MESSAGES = {
    "Return-Path: <alice@origin.test>\n"
        + "From: Alice <alice@origin.test>\n"
        + "To: bob@lab.test\n"
        + "Bcc: carol@lab.test,\n"
        + " dave@lab.test\n"
        + "Subject: dots and line ends\n"
        + "\n"
        + ".a line starting with a dot\n"
        + "..two dots\r\n"
        + ".\n"
        + "mixed\rline\r\nends\n",
    "From: eve@origin.test\r\n"
        + "To: frank@lab.test\r\n"
        + "Cc: Grace <grace@lab.test>\r\n"
        + "Subject: no final line end\r\n"
        + "\r\n"
        + "last line",
  };

  @Test
  void receivedBytesEqualTheNormalisedSourceWithoutBccOrReturnPath() throws Exception {
    List<RawMessage> raws = new ArrayList<>();
    for (int i = 0; i < MESSAGES.length; i++) {
      raws.add(Messages.raw(i, MESSAGES[i]));
    }
    int port = GREENMAIL.getSmtp().getPort();
    ReplayConfig c = ReplayConfig.builder("127.0.0.1", port)
        .client(SmtpClientConfig.defaults().withTimeouts(Timeouts.all(Duration.ofSeconds(10))))
        .policy(new RecipientPolicy(List.of(), List.of(), Set.of("lab.test"), false))
        .sessions(2)
        .build();
    ReplaySummary s = new Replayer(c).run(MessageSource.of(raws), ResultLog.NONE, null);
    assertEquals(2, s.count(Outcome.ACCEPTED), s.format());

    MimeMessage[] received = GREENMAIL.getReceivedMessages();
    // One stored copy per envelope recipient: bob, carol, dave (Bcc) and frank, grace.
    assertEquals(5, received.length);
    for (MimeMessage m : received) {
      // GreenMail does not always keep the CRLF before the final dot when it stores a message,
      // so both sides are compared without trailing line ends.
      byte[] got = trimEnd(withoutTraceFields(bytes(m)));
      String subject = m.getSubject();
      int i = subject.startsWith("dots") ? 0 : 1;
      String expected = expected(MESSAGES[i]);
      assertArrayEquals(trimEnd(expected.getBytes(StandardCharsets.UTF_8)), got, "message " + i + ":\n" + new String(got, StandardCharsets.UTF_8));
      assertFalse(new String(got, StandardCharsets.UTF_8).contains("Bcc"));
      String[] returnPath = m.getHeader("Return-Path");
      assertEquals(i == 0 ? "<alice@origin.test>" : "<eve@origin.test>", returnPath[0]);
    }
    // Envelope: every recipient has one message in its mailbox, the Bcc ones included.
    for (String r : List.of("bob@lab.test", "carol@lab.test", "dave@lab.test", "frank@lab.test", "grace@lab.test")) {
      var user = GREENMAIL.getUserManager().getUserByEmail(r);
      assertEquals(1, GREENMAIL.getManagers().getImapHostManager().getInbox(user).getMessageCount(), r);
    }
  }

  /**
   * The source with CRLF line ends, a final CRLF, and without the Bcc field and the archived
   * Return-Path (RFC 5321 section 4.4: added at final delivery, not sent on).
   */
  private static String expected(String source) {
    String crlf = source.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
    crlf = crlf.replace("Bcc: carol@lab.test,\r\n dave@lab.test\r\n", "").replaceFirst("^Return-Path: <[^>]*>\r\n", "");
    return crlf.endsWith("\r\n") ? crlf : crlf + "\r\n";
  }

  private static byte[] trimEnd(byte[] b) {
    int n = b.length;
    while (n > 0 && (b[n - 1] == '\r' || b[n - 1] == '\n')) {
      n--;
    }
    return Arrays.copyOf(b, n);
  }

  private static byte[] bytes(MimeMessage m) throws Exception {
    var out = new ByteArrayOutputStream();
    m.writeTo(out);
    return out.toByteArray();
  }

  /** GreenMail puts one Return-Path and one Received field in front of what it got; take them off. */
  private static byte[] withoutTraceFields(byte[] b) {
    String s = new String(b, StandardCharsets.UTF_8);
    for (String name : new String[] {"Return-Path:", "Received:"}) {
      if (!s.startsWith(name)) {
        continue;
      }
      int end = s.indexOf("\r\n");
      while (end + 2 < s.length() && (s.charAt(end + 2) == ' ' || s.charAt(end + 2) == '\t')) {
        end = s.indexOf("\r\n", end + 2);
      }
      s = s.substring(end + 2);
    }
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
