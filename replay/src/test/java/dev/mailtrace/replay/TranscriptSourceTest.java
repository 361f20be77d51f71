package dev.mailtrace.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailtrace.message.RawMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptSourceTest {
  /** What Postfix 3.7's smtp-sink -D wrote for two transactions (addresses and ids changed). */
  private static final String SINK_DUMP = """
      X-Client-Addr: 127.0.0.1
      X-Client-Proto: SMTP
      X-Helo-Args: client.test
      X-Mail-Args: <a@origin.test> SIZE=120
      X-Rcpt-Args: <b@lab.test>
      X-Rcpt-Args: <c@lab.test> NOTIFY=NEVER
      Received: from client.test ([127.0.0.1])
      \tby smtp-sink (smtp-sink) with SMTP id 6cf508ed;
      \tMon,  7 Dec 2026 23:01:41 +0000 (UTC)
      From: <a@origin.test>
      Subject: one

      first body
      .dot line

      X-Client-Addr: 127.0.0.1
      X-Client-Proto: ESMTP
      X-Helo-Args: client.test
      X-Mail-Args: <>
      X-Rcpt-Args: <d@lab.test>
      Received: from client.test ([127.0.0.1])
      \tby smtp-sink (smtp-sink) with ESMTP id 56cf7234;
      \tMon,  7 Dec 2026 23:01:42 +0000 (UTC)
      Subject: two

      second body

      """;

  private static final String CLIENT_SERVER = """
      S: 220 mx.lab.test ESMTP
      C: HELO client.test
      S: 250 mx.lab.test
      C: MAIL FROM:<a@origin.test>
      S: 250 ok
      C: RCPT TO:<b@lab.test>
      S: 250 ok
      C: DATA
      S: 354 go ahead
      C: Subject: kept
      C:
      C: ..leading dot
      C: body
      C: .
      S: 250 queued
      C: SEND FROM:<old@origin.test>
      S: 250 ok
      C: RCPT TO:<tty@lab.test>
      S: 250 ok
      C: DATA
      S: 354 go ahead
      C: Subject: to a terminal
      C:
      C: hi
      C: .
      S: 250 ok
      C: TURN
      S: 502 no
      C: QUIT
      S: 221 bye
      """;

  private record Item(RawMessage message, Capture capture) {}

  private static List<Item> read(Path file) throws Exception {
    List<Item> out = new ArrayList<>();
    try (TranscriptSource s = TranscriptSource.of(List.of(file))) {
      RawMessage m;
      while ((m = s.next()) != null) {
        out.add(new Item(m, s.capture()));
      }
    }
    return out;
  }

  @Test
  void smtpSinkDumpsGiveEnvelopesAndMessagesWithoutTheSinksReceived(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("sink.dump");
    Files.writeString(f, SINK_DUMP);
    List<Item> items = read(f);
    assertEquals(2, items.size());
    assertEquals("a@origin.test", items.get(0).capture().sender());
    assertEquals(List.of("b@lab.test", "c@lab.test"), items.get(0).capture().recipients());
    assertEquals("From: <a@origin.test>\nSubject: one\n\nfirst body\n.dot line\n", new String(items.get(0).message().content(), StandardCharsets.UTF_8));
    assertEquals("", items.get(1).capture().sender());
    assertEquals("Subject: two\n\nsecond body\n", new String(items.get(1).message().content(), StandardCharsets.UTF_8));
    assertNull(items.get(1).capture().notReplayable());
    assertEquals(f.toString(), items.get(1).message().source().file());
    assertTrue(items.get(1).message().source().offset() > items.get(0).message().source().offset());
  }

  @Test
  void clientServerTranscriptsUndoDotStuffingAndReportObsoleteVerbs(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("session.txt");
    Files.writeString(f, CLIENT_SERVER);
    List<Item> items = read(f);
    assertEquals(3, items.size());
    assertEquals("a@origin.test", items.get(0).capture().sender());
    assertEquals(List.of("b@lab.test"), items.get(0).capture().recipients());
    assertEquals("Subject: kept\n\n.leading dot\nbody\n", new String(items.get(0).message().content(), StandardCharsets.UTF_8));
    assertNull(items.get(0).capture().notReplayable());
    assertTrue(items.get(1).capture().notReplayable().startsWith("SEND (RFC 821"), items.get(1).capture().notReplayable());
    assertTrue(items.get(2).capture().notReplayable().startsWith("TURN (RFC 821"), items.get(2).capture().notReplayable());
  }

  @Test
  void obsoleteTransactionsAreRefusedLocallyAndNeverSent(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("session.txt");
    Files.writeString(f, CLIENT_SERVER);
    try (var server = new dev.mailtrace.smtp.FakeSmtpServer()) {
      ReplayConfig c = ReplayConfig.builder("127.0.0.1", server.port()).policy(RecipientPolicy.fixed(List.of("sink@lab.test"))).build();
      ReplayerTest.Collected log = new ReplayerTest.Collected();
      ReplaySummary s = new Replayer(c).run(TranscriptSource.of(List.of(f)), log, null);
      assertEquals(1, s.count(Outcome.ACCEPTED));
      assertEquals(2, s.count(Outcome.REFUSED_LOCALLY));
      assertEquals(1, server.received.size());
      assertEquals("a@origin.test", server.received.get(0).from());
      assertTrue(server.commands.stream().noneMatch(x -> x.startsWith("SEND") || x.startsWith("TURN") || x.startsWith("SOML") || x.startsWith("SAML")), server.commands.toString());
    }
  }
}
