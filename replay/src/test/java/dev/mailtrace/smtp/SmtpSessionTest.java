package dev.mailtrace.smtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SmtpSessionTest {
  private static final byte[] MESSAGE =
      "From: a@example.test\nTo: b@example.test\nSubject: hi\n\n.leading dot\nbody\r\n..two\rend".getBytes(StandardCharsets.UTF_8);
  private static final byte[] EXPECTED =
      "From: a@example.test\r\nTo: b@example.test\r\nSubject: hi\r\n\r\n.leading dot\r\nbody\r\n..two\r\nend\r\n".getBytes(StandardCharsets.UTF_8);

  private FakeSmtpServer server;
  private SmtpClientConfig config;

  @BeforeEach
  void start() throws Exception {
    server = new FakeSmtpServer();
    config = SmtpClientConfig.defaults().withTimeouts(Timeouts.all(Duration.ofSeconds(5)));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private SmtpSession open() throws SmtpException {
    return SmtpSession.open("127.0.0.1", server.port(), config);
  }

  private static Envelope envelope(String... rcpts) {
    return new Envelope("a@example.test", java.util.Arrays.stream(rcpts).map(Envelope.Recipient::of).toList());
  }

  @Test
  void messageArrivesWithCrlfLineEndsAndDotsUnstuffedByTheServer() throws Exception {
    try (SmtpSession s = open()) {
      Transaction t = s.send(envelope("b@example.test"), MessageData.of(MESSAGE));
      assertTrue(t.isAccepted(), t.toString());
      assertEquals(250, t.end().code());
      assertEquals("2.0.0", t.end().enhancedStatus());
      s.quit();
    }
    assertEquals(1, server.received.size());
    assertArrayEquals(EXPECTED, server.received.get(0).content());
    assertEquals("a@example.test", server.received.get(0).from());
    assertEquals(List.of("b@example.test"), server.received.get(0).recipients());
  }

  @Test
  void refusedEhloFallsBackToHeloWithoutExtensions() throws Exception {
    server.ehloRefused = true;
    try (SmtpSession s = open()) {
      assertFalse(s.isEsmtp());
      assertEquals(Capabilities.NONE, s.capabilities());
      assertTrue(s.send(envelope("b@example.test"), MessageData.of(MESSAGE)).isAccepted());
    }
    assertTrue(server.commands.stream().anyMatch(c -> c.startsWith("HELO ")));
    // Without the extensions: no SIZE= or BODY= parameters, no pipelining.
    assertEquals("MAIL FROM:<a@example.test>", server.received.get(0).mailLine());
  }

  @Test
  void multilineEhloReplyIsReadIntoCapabilities() throws Exception {
    server.extensions = List.of("PIPELINING", "SIZE 1000000", "AUTH=LOGIN", "AUTH PLAIN LOGIN", "DSN", "X-CUSTOM thing");
    try (SmtpSession s = open()) {
      Capabilities c = s.capabilities();
      assertTrue(c.has(SmtpExtension.PIPELINING));
      assertEquals(1_000_000, c.sizeLimit());
      assertTrue(c.authMechanisms().contains("PLAIN"));
      assertTrue(c.has(SmtpExtension.of("x-custom")));
      assertEquals(7, s.helloReply().lines().size());
    }
  }

  @Test
  void pipelinedGroupIsSentBeforeAnyReply() throws Exception {
    server.holdRepliesUntilData = true;
    try (SmtpSession s = open()) {
      Transaction t = s.send(envelope("b@example.test", "c@example.test"), MessageData.of(MESSAGE));
      assertTrue(t.isAccepted());
      assertEquals(2, t.acceptedRecipients());
    }
    List<String> cmds = server.commands;
    int mail = indexOf(cmds, "MAIL");
    assertEquals("RCPT TO:<b@example.test>", cmds.get(mail + 1));
    assertEquals("RCPT TO:<c@example.test>", cmds.get(mail + 2));
    assertEquals("DATA", cmds.get(mail + 3));
  }

  @Test
  void partialRecipientFailureStillDeliversToTheOthers() throws Exception {
    server.rules.add((c, line) -> line.contains("<nobody@") ? "550 5.1.1 <nobody@example.test>: Recipient address rejected" : null);
    try (SmtpSession s = open()) {
      Transaction t = s.send(envelope("nobody@example.test", "b@example.test"), MessageData.of(MESSAGE));
      assertTrue(t.isAccepted());
      assertEquals(550, t.recipients().get(0).code());
      assertEquals("5.1.1", t.recipients().get(0).enhancedStatus());
      assertEquals(1, t.acceptedRecipients());
    }
    assertEquals(List.of("b@example.test"), server.received.get(0).recipients());
  }

  @Test
  void noAcceptedRecipientEndsWithDataRefusedAndNextMessageResets() throws Exception {
    server.rules.add((c, line) -> line.contains("<nobody@") ? "550 5.1.1 no such user" : null);
    try (SmtpSession s = open()) {
      Transaction t = s.send(envelope("nobody@example.test"), MessageData.of(MESSAGE));
      assertFalse(t.isAccepted());
      assertEquals(554, t.data().code());
      assertEquals(550, t.decidingReply().code());
      assertTrue(s.send(envelope("b@example.test"), MessageData.of(MESSAGE)).isAccepted());
    }
    assertTrue(server.commands.contains("RSET"));
    assertEquals(1, server.received.size());
  }

  @Test
  void sizeOverTheServerLimitIsRefusedLocally() throws Exception {
    server.extensions = List.of("SIZE 20");
    try (SmtpSession s = open()) {
      Transaction t = s.send(envelope("b@example.test"), MessageData.of(MESSAGE));
      assertTrue(t.isRefusedLocally());
      assertTrue(t.refusal().contains("SIZE"));
    }
    assertEquals(-1, indexOf(server.commands, "MAIL"));
  }

  @Test
  void sizeIsAnnouncedWhenOffered() throws Exception {
    server.extensions = List.of("SIZE 100000", "8BITMIME");
    byte[] eight = "Subject: x\n\ncaf\u00e9\n".getBytes(StandardCharsets.UTF_8);
    try (SmtpSession s = open()) {
      assertTrue(s.send(envelope("b@example.test"), MessageData.of(eight)).isAccepted());
    }
    assertEquals("MAIL FROM:<a@example.test> SIZE=" + (eight.length + 3) + " BODY=8BITMIME", server.received.get(0).mailLine());
  }

  private static final byte[] EIGHT_BIT_MULTIPART = ("""
      From: Alice <alice@example.test>
      To: bob@example.test
      Subject: Gr\u00fc\u00dfe aus K\u00f6ln
      MIME-Version: 1.0
      Content-Type: multipart/alternative; boundary="b"

      --b
      Content-Type: text/plain; charset=utf-8
      Content-Transfer-Encoding: 8bit

      Gr\u00fc\u00dfe
      --b
      Content-Type: text/html; charset=utf-8
      Content-Transfer-Encoding: 8bit

      <p>Gr\u00fc\u00dfe</p>
      --b--
      """).getBytes(StandardCharsets.UTF_8);

  private static List<String> readerView(byte[] content) {
    var m = new dev.mailtrace.mime.MessageParser().parse(new dev.mailtrace.message.RawMessage(
        new dev.mailtrace.message.Source("t.eml", 0, content.length, "0"), 0, null, content));
    List<String> view = new java.util.ArrayList<>();
    view.add(m.subject());
    for (var leaf : m.leaves()) {
      view.add(leaf.contentType() + " " + leaf.sha256());
    }
    return view;
  }

  @Test
  void eightBitIsDowngradedToSevenBitWhenTheServerLacksEightBitMime() throws Exception {
    server.extensions = List.of("PIPELINING");
    config = config.withEightBit(SmtpClientConfig.EightBitFallback.DOWNGRADE);
    try (SmtpSession s = open()) {
      // Streamed: the first message's reply is read with the second's, its note kept.
      List<Transaction> first = s.submit(envelope("b@example.test"), MessageData.of(EIGHT_BIT_MULTIPART));
      assertTrue(first.isEmpty());
      List<Transaction> done = new java.util.ArrayList<>(s.submit(envelope("c@example.test"), MessageData.of(EIGHT_BIT_MULTIPART)));
      done.addAll(s.drain());
      assertEquals(2, done.size());
      for (Transaction t : done) {
        assertTrue(t.isAccepted(), t.toString());
        assertNotNull(t.adjustment());
        assertTrue(t.adjustment().contains("downgraded to 7-bit"), t.adjustment());
      }
      s.quit();
    }
    assertEquals(2, server.received.size());
    for (FakeSmtpServer.Received r : server.received) {
      assertEquals("MAIL FROM:<a@example.test>", r.mailLine());
      for (byte b : r.content()) {
        assertTrue(b >= 0, "8-bit byte sent");
      }
      assertEquals(readerView(EIGHT_BIT_MULTIPART), readerView(r.content()));
    }
  }

  @Test
  void downgradeRefusesAnEightBitAddressLocally() throws Exception {
    server.extensions = List.of("PIPELINING");
    config = config.withEightBit(SmtpClientConfig.EightBitFallback.DOWNGRADE);
    byte[] eight = "From: J\u00fcrgen <j@example.test>\nSubject: x\n\ncaf\u00e9\n".getBytes(StandardCharsets.UTF_8);
    try (SmtpSession s = open()) {
      Transaction t = s.send(envelope("b@example.test"), MessageData.of(eight));
      assertTrue(t.isRefusedLocally());
      assertTrue(t.refusal().contains("From") && t.refusal().contains("SMTPUTF8"), t.refusal());
    }
    assertEquals(-1, indexOf(server.commands, "MAIL"));
  }

  @Test
  void eightBitSubjectIsEncodedWhenTheServerLacksSmtpUtf8() throws Exception {
    server.extensions = List.of("8BITMIME", "CHUNKING");
    config = config.withEightBit(SmtpClientConfig.EightBitFallback.DOWNGRADE);
    byte[] utf8 = "Subject: caf\u00e9\n\nbody\n".getBytes(StandardCharsets.UTF_8);
    try (SmtpSession s = open()) {
      Transaction t = s.send(envelope("b@example.test"), MessageData.of(utf8));
      assertTrue(t.isAccepted(), t.toString());
      assertNotNull(t.adjustment());
    }
    assertEquals("MAIL FROM:<a@example.test>", server.received.get(0).mailLine());
    assertEquals("Subject: =?UTF-8?B?Y2Fmw6k=?=\r\n\r\nbody\r\n", new String(server.received.get(0).content(), StandardCharsets.US_ASCII));
  }

  @Test
  void downgradeLeavesMessagesAloneWhenNotNeeded() throws Exception {
    server.extensions = List.of("PIPELINING", "8BITMIME");
    config = config.withEightBit(SmtpClientConfig.EightBitFallback.DOWNGRADE);
    byte[] eight = "Subject: x\n\ncaf\u00e9\n".getBytes(StandardCharsets.UTF_8);
    try (SmtpSession s = open()) {
      Transaction t = s.send(envelope("b@example.test"), MessageData.of(eight));
      assertTrue(t.isAccepted());
      assertNull(t.adjustment());
      t = s.send(envelope("b@example.test"), MessageData.of(MESSAGE));
      assertTrue(t.isAccepted());
      assertNull(t.adjustment());
    }
    assertTrue(server.received.get(0).mailLine().endsWith(" BODY=8BITMIME"));
    assertArrayEquals("Subject: x\r\n\r\ncaf\u00e9\r\n".getBytes(StandardCharsets.UTF_8), server.received.get(0).content());
    assertArrayEquals(EXPECTED, server.received.get(1).content());
  }

  @Test
  void eightBitWithoutEightBitMimeIsRefusedWhenTheUserSaysSo() throws Exception {
    server.extensions = List.of("PIPELINING");
    config = config.withEightBit(SmtpClientConfig.EightBitFallback.REFUSE);
    byte[] eight = "Subject: x\n\ncaf\u00e9\n".getBytes(StandardCharsets.UTF_8);
    try (SmtpSession s = open()) {
      assertTrue(s.send(envelope("b@example.test"), MessageData.of(eight)).isRefusedLocally());
    }
    config = config.withEightBit(SmtpClientConfig.EightBitFallback.SEND_ANYWAY);
    try (SmtpSession s = open()) {
      assertTrue(s.send(envelope("b@example.test"), MessageData.of(eight)).isAccepted());
    }
  }

  @Test
  void utf8HeaderUsesSmtpUtf8WhenOffered() throws Exception {
    server.extensions = List.of("8BITMIME", "SMTPUTF8");
    byte[] utf8 = "Subject: caf\u00e9\n\nbody\n".getBytes(StandardCharsets.UTF_8);
    try (SmtpSession s = open()) {
      assertTrue(s.send(envelope("b@example.test"), MessageData.of(utf8)).isAccepted());
    }
    assertTrue(server.received.get(0).mailLine().endsWith("BODY=8BITMIME SMTPUTF8"));
  }

  @Test
  void chunkingSendsBdatWithoutDotStuffing() throws Exception {
    server.extensions = List.of("CHUNKING", "PIPELINING");
    config = config.withChunking(true, 512);
    byte[] big = ("Subject: big\n\n" + ".dot line\n".repeat(200)).getBytes(StandardCharsets.UTF_8);
    try (SmtpSession s = open()) {
      Transaction t = s.send(envelope("b@example.test"), MessageData.of(big));
      assertTrue(t.isAccepted(), t.toString());
      assertNull(t.data());
    }
    assertArrayEquals(MessageData.of(big).toByteArray(), server.received.get(0).content());
    assertTrue(server.commands.stream().anyMatch(c -> c.matches("BDAT \\d+ LAST")));
    assertTrue(server.commands.stream().filter(c -> c.startsWith("BDAT")).count() > 2);
    assertEquals(-1, indexOf(server.commands, "DATA"));
  }

  @Test
  void startTlsUpgradesAndAsksEhloAgain() throws Exception {
    server.tls = FakeSmtpServer.testTls();
    server.extensions = List.of("STARTTLS", "PIPELINING");
    Path trust = Path.of(getClass().getResource("/tls/trust.p12").toURI());
    config = config.withTls(TlsMode.REQUIRED).withTrustStore(trust, "changeit");
    try (SmtpSession s = open()) {
      assertTrue(s.isTls());
      assertFalse(s.capabilities().has(SmtpExtension.STARTTLS));
      assertTrue(s.send(envelope("b@example.test"), MessageData.of(MESSAGE)).isAccepted());
    }
    assertEquals(2, server.commands.stream().filter(c -> c.startsWith("EHLO")).count());
  }

  @Test
  void startTlsWithTrustAllAcceptsASelfSignedCertificate() throws Exception {
    server.tls = FakeSmtpServer.testTls();
    server.extensions = List.of("STARTTLS");
    config = config.withTls(TlsMode.OPPORTUNISTIC).withTrustAll(true);
    try (SmtpSession s = open()) {
      assertTrue(s.isTls());
    }
  }

  @Test
  void startTlsFailsWithoutTrustForASelfSignedCertificate() throws Exception {
    server.tls = FakeSmtpServer.testTls();
    server.extensions = List.of("STARTTLS");
    config = config.withTls(TlsMode.REQUIRED);
    SmtpException e = assertThrows(SmtpException.class, this::open);
    assertEquals(SmtpException.Kind.TLS, e.kind());
  }

  @Test
  void requiredTlsFailsWhenTheServerDoesNotOfferIt() {
    config = config.withTls(TlsMode.REQUIRED);
    SmtpException e = assertThrows(SmtpException.class, this::open);
    assertEquals(SmtpException.Kind.TLS, e.kind());
    assertEquals(Stage.STARTTLS, e.stage());
  }

  @Test
  void authPlainAfterTls() throws Exception {
    server.tls = FakeSmtpServer.testTls();
    server.extensions = List.of("STARTTLS", "AUTH PLAIN LOGIN");
    config = config.withTls(TlsMode.REQUIRED).withTrustAll(true).withAuth("user", "secret", false);
    try (SmtpSession s = open()) {
      assertTrue(s.isAuthenticated());
    }
    assertTrue(server.commands.stream().anyMatch(c -> c.startsWith("AUTH PLAIN ")));
  }

  @Test
  void authLoginWhenPlainIsNotOffered() throws Exception {
    server.extensions = List.of("AUTH LOGIN");
    config = config.withTls(TlsMode.OFF).withAuth("user", "secret", true);
    try (SmtpSession s = open()) {
      assertTrue(s.isAuthenticated());
    }
  }

  @Test
  void authWithoutTlsIsRefusedUnlessAllowed() {
    server.extensions = List.of("AUTH PLAIN");
    config = config.withTls(TlsMode.OFF).withAuth("user", "secret", false);
    SmtpException e = assertThrows(SmtpException.class, this::open);
    assertEquals(Stage.AUTH, e.stage());
    assertFalse(server.commands.stream().anyMatch(c -> c.startsWith("AUTH")));
  }

  @Test
  void wrongPasswordIsAPermanentRefusal() {
    server.extensions = List.of("AUTH PLAIN");
    config = config.withTls(TlsMode.OFF).withAuth("user", "wrong", true);
    SmtpException e = assertThrows(SmtpException.class, this::open);
    assertEquals(535, e.reply().code());
    assertFalse(e.isTransient());
  }

  @Test
  void transientReplyIsReportedNotThrown() throws Exception {
    server.endReply = "451 4.3.0 Try again later";
    try (SmtpSession s = open()) {
      Transaction t = s.send(envelope("b@example.test"), MessageData.of(MESSAGE));
      assertFalse(t.isAccepted());
      assertTrue(t.decidingReply().isTransient());
      assertEquals("4.3.0", t.decidingReply().enhancedStatus());
    }
  }

  @Test
  void dsnParametersAreSentOnlyWhenOffered() throws Exception {
    server.extensions = List.of("DSN");
    Envelope env = new Envelope("a@example.test",
        List.of(new Envelope.Recipient("sink@example.test", "real+x=y@example.org")), "FAILURE,DELAY", "HDRS", "id 1");
    try (SmtpSession s = open()) {
      assertTrue(s.send(env, MessageData.of(MESSAGE)).isAccepted());
    }
    FakeSmtpServer.Received r = server.received.get(0);
    assertEquals("MAIL FROM:<a@example.test> RET=HDRS ENVID=id+201", r.mailLine());
    assertEquals("RCPT TO:<sink@example.test> NOTIFY=FAILURE,DELAY ORCPT=rfc822;real+2Bx+3Dy@example.org", r.rcptLines().get(0));
  }

  @Test
  void droppedConnectionMidDataIsAConnectionFailure() throws Exception {
    server.dropInDataOnConnections.add(1);
    SmtpSession s = open();
    byte[] big = ("Subject: x\n\n" + "line of text\n".repeat(100)).getBytes(StandardCharsets.UTF_8);
    SmtpException e = assertThrows(SmtpException.class, () -> s.send(envelope("b@example.test"), MessageData.of(big)));
    assertEquals(SmtpException.Kind.CONNECTION, e.kind());
    assertTrue(e.isTransient());
    assertFalse(s.isOpen());
  }

  @Test
  void slowServerHitsTheStageTimeout() throws Exception {
    server.rules.add((c, line) -> {
      if (line.startsWith("MAIL")) {
        Thread.sleep(3000);
      }
      return null;
    });
    config = config.withTimeouts(new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(300),
        Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5)));
    try (SmtpSession s = open()) {
      SmtpException e = assertThrows(SmtpException.class, () -> s.send(envelope("b@example.test"), MessageData.of(MESSAGE)));
      assertEquals(SmtpException.Kind.TIMEOUT, e.kind());
      assertEquals(Stage.MAIL, e.stage());
    }
  }

  @Test
  void serviceClosingIsAnExceptionAndClosesTheSession() throws Exception {
    server.rules.add((c, line) -> line.startsWith("MAIL") ? "421 4.3.2 Shutting down" : null);
    server.extensions = List.of();
    try (SmtpSession s = open()) {
      SmtpException e = assertThrows(SmtpException.class, () -> s.send(envelope("b@example.test"), MessageData.of(MESSAGE)));
      assertEquals(421, e.reply().code());
      assertTrue(e.isTransient());
      assertFalse(s.isOpen());
    }
  }

  @Test
  void noopAndSeveralMessagesOnOneConnection() throws Exception {
    try (SmtpSession s = open()) {
      assertEquals(250, s.noop().code());
      for (int i = 0; i < 5; i++) {
        assertTrue(s.send(envelope("b@example.test"), MessageData.of(MESSAGE)).isAccepted());
      }
      s.quit();
    }
    assertEquals(5, server.received.size());
    assertEquals(1, server.connections());
    assertNotNull(server.commands.get(server.commands.size() - 1));
    assertEquals("QUIT", server.commands.get(server.commands.size() - 1));
  }

  @Test
  void submittedMessagesShareARoundTripAndComeBackInOrder() throws Exception {
    server.holdRepliesUntilData = true;
    java.util.concurrent.atomic.AtomicInteger dots = new java.util.concurrent.atomic.AtomicInteger();
    server.rules.add((c, line) -> line.equals(".") && dots.incrementAndGet() == 2 ? "554 5.7.1 second refused" : null);
    try (SmtpSession s = open()) {
      assertTrue(s.submit(envelope("b@example.test"), MessageData.of(MESSAGE)).isEmpty());
      assertTrue(s.hasPending());
      List<Transaction> first = s.submit(envelope("c@example.test"), MessageData.of(MESSAGE));
      assertEquals(1, first.size());
      assertTrue(first.get(0).isAccepted());
      List<Transaction> second = s.submit(envelope("d@example.test"), MessageData.of(MESSAGE));
      assertEquals(554, second.get(0).end().code());
      List<Transaction> third = s.drain();
      assertTrue(third.get(0).isAccepted());
      assertFalse(s.hasPending());
    }
    assertEquals(2, server.received.size());
    assertEquals(List.of("d@example.test"), server.received.get(1).recipients());
  }

  private static int indexOf(List<String> cmds, String verb) {
    for (int i = 0; i < cmds.size(); i++) {
      if (cmds.get(i).startsWith(verb)) {
        return i;
      }
    }
    return -1;
  }
}
