package dev.mailtrace.cli;

import static dev.mailtrace.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutesCommandTest {
  /** Three hops: a submission from a private address, a public relay, and a slow, skewed last hop. */
  private static final String FIRST =
      """
      From alice@example.org Mon Jan  1 10:00:00 2024
      Received: from mx.example.net (mx.example.net [198.51.100.20])
      \tby store.example.net (Dovecot) with LMTP id s1 for <bob@example.net>;
      \tMon, 1 Jan 2024 12:10:00 +0000
      Received: from out.example.org (out.example.org [8.8.8.8])
      \t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))
      \tby mx.example.net (Postfix) with ESMTPS id 4AB for <bob@example.net>;
      \tMon, 1 Jan 2024 10:00:05 +0000
      Received: from [192.168.1.20] (pc.example.org [203.0.113.7])
      \t(Authenticated sender: alice) by out.example.org (Postfix) with ESMTPSA id 1CD;
      \tMon, 1 Jan 2024 10:00:00 +0000
      Message-ID: <m1@example.org>
      From: alice@example.org
      To: bob@example.net
      Subject: one

      hello
      """;

  private static final String SECOND =
      """
      From carol@example.com Mon Jan  1 11:00:00 2024
      Received: from relay.example.com (relay.example.com [9.9.9.9]) by mx.example.net
      \twith ESMTP id 9ZZ; Mon, 1 Jan 2024 10:59:58 +0000
      Received: by relay.example.com (Postfix, from userid 1000) id 8YY;
      \tMon, 1 Jan 2024 11:00:00 +0000
      Message-ID: <m2@example.com>
      From: carol@example.com
      Subject: two

      hi
      """;

  @TempDir Path dir;

  private Path mbox() throws IOException {
    Path f = dir.resolve("two.mbox");
    Files.writeString(f, FIRST + "\n" + SECOND);
    return f;
  }

  @Test
  void tableListsHopsOldestFirstWithDelaysTlsAndAnomalies() throws IOException {
    CliRun r = run("routes", mbox().toString());
    assertEquals(0, r.code(), r.err());
    String out = r.out();
    int first = out.indexOf("out.example.org");
    int last = out.indexOf("store.example.net");
    assertTrue(first > 0 && last > first, out);
    assertTrue(out.contains("TLSv1.3 TLS_AES_256_GCM_SHA384"), out);
    assertTrue(out.contains("2h10m"), out);
    assertTrue(out.contains("slow-hop: hop 3"), out);
    assertTrue(out.contains("private-address: hop 3: 198.51.100.20 (documentation)"), out);
    assertTrue(out.contains("clock-skew: hop 2"), out);
    assertTrue(out.contains("<m2@example.com>"), out);
    assertTrue(out.contains("1*"), "the Postfix pickup line is marked as a local handoff:\n" + out);
  }

  @Test
  void jsonGivesOneObjectPerMessageWithTheDocumentedKeys() throws IOException {
    CliRun r = run("routes", "--json", mbox().toString());
    assertEquals(0, r.code(), r.err());
    String[] lines = r.out().split("\n");
    assertEquals(2, lines.length, r.out());
    JsonNode j = new ObjectMapper().readTree(lines[0]);
    List<String> keys = new ArrayList<>();
    j.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("source", "index", "messageId", "hops", "total", "totalMs", "anomalies", "problems"), keys);
    List<String> sourceKeys = new ArrayList<>();
    j.get("source").fieldNames().forEachRemaining(sourceKeys::add);
    assertEquals(List.of("file", "offset", "length", "sha256"), sourceKeys);
    assertEquals("m1@example.org", j.get("messageId").asText());
    assertEquals(3, j.get("hops").size());
    JsonNode hop1 = j.get("hops").get(0);
    assertEquals("203.0.113.7", hop1.get("ip").asText());
    assertEquals("alice", hop1.get("authUser").asText());
    assertEquals("ESMTPSA", hop1.get("with").asText());
    assertEquals(5000, j.get("hops").get(1).get("delayMs").asLong());
    assertEquals((2 * 3600 + 10 * 60) * 1000L, j.get("totalMs").asLong());
    assertEquals("PT2H10M", j.get("total").asText());
    assertTrue(j.get("anomalies").toString().contains("\"kind\":\"slow-hop\""), j.get("anomalies").toString());
  }

  @Test
  void csvHasOneRowPerHop() throws IOException {
    CliRun r = run("routes", "--csv", mbox().toString());
    assertEquals(0, r.code(), r.err());
    List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(r.out())).getRecords();
    assertEquals(5, rows.size());
    assertEquals("1", rows.get(0).get("hop"));
    assertEquals("out.example.org", rows.get(0).get("by"));
    assertEquals("TLSv1.3", rows.get(1).get("tlsVersion"));
    assertTrue(rows.get(2).get("anomalies").contains("slow-hop"), rows.get(2).toString());
    assertEquals("m2@example.com", rows.get(4).get("messageId"));
  }

  @Test
  void summaryCountsHopsSlowestHopsRelaysAndAnomalies() throws IOException {
    CliRun r = run("routes", "--summary", "--json", mbox().toString());
    assertEquals(0, r.code(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals(2, j.get("messages").asInt());
    assertEquals(5, j.get("hops").asInt());
    assertEquals(1, j.get("hopsPerMessage").get("2").asInt());
    assertEquals(1, j.get("hopsPerMessage").get("3").asInt());
    assertEquals((2 * 3600 + 10 * 60 - 5) * 1000L, j.get("slowestHops").get(0).get("delayMs").asLong());
    assertEquals(2, j.get("commonRelays").get("mx.example.net").asInt());
    assertEquals(1, j.get("anomalies").get("slow-hop").asInt());
    assertEquals(1, j.get("anomalies").get("clock-skew").asInt());

    CliRun text = run("routes", "--summary", mbox().toString());
    assertEquals(0, text.code(), text.err());
    assertTrue(text.out().contains("slowest hops:"), text.out());
    assertTrue(text.out().contains("most common relays"), text.out());
  }

  @Test
  void missingInputIsAnEnvironmentError() {
    CliRun r = run("routes", dir.resolve("absent.mbox").toString());
    assertEquals(3, r.code());
    assertTrue(r.err().startsWith("mailtrace: no such file or folder"), r.err());
  }

  @Test
  void jsonWithCsvIsBadUsage() throws IOException {
    CliRun r = run("routes", "--json", "--csv", mbox().toString());
    assertEquals(2, r.code());
  }

  @Test
  void aReceivedChainCutByTheHeaderLimitSaysSo(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    StringBuilder m = new StringBuilder();
    for (int i = 20_000; i > 0; i--) {
      m.append("Received: from r").append(i - 1).append(".example.org by r").append(i)
          .append(".example.org; Mon, 1 Jan 2024 00:00:00 +0000\n");
    }
    m.append("Subject: a long way\n\nbody\n");
    Path f = Files.writeString(dir.resolve("long.eml"), m);
    CliRun r = run("routes", "--json", f.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode o = new ObjectMapper().readTree(r.out());
    assertEquals(10_000, o.get("hops").size());
    assertEquals("more than 10000 header fields, the rest skipped: message header", o.get("problems").get(0).asText());
    CliRun table = run("routes", f.toString());
    assertTrue(table.out().contains("  ! more than 10000 header fields, the rest skipped: message header"), table.out());
  }
}
