package dev.mailtrace.received;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class HopChainTest {

  private static final Path MHA =
      Path.of(System.getProperty("mailtrace.root", ".")).resolve("../shared/corpora/received/mha/mha-received-cases.json");

  @Test
  void matchesMessageHeaderAnalyzerDelaysSharesAndTotals() throws IOException {
    Assumptions.assumeTrue(Files.isRegularFile(MHA), "corpus absent: " + MHA);
    JsonNode root = new ObjectMapper().readTree(MHA.toFile());
    ReceivedParserTest.Tally tally = new ReceivedParserTest.Tally();
    for (JsonNode chain : root.get("chains")) {
      List<String> fields = new ArrayList<>();
      chain.get("headers_in_message_order").forEach(h -> fields.add(ReceivedParserTest.unfold(h.asText())));
      HopChain c = HopChain.ofFields(fields);
      JsonNode hops = chain.get("expected_hops");
      tally.count("hops", hops.size() == c.hops().size(), fields.get(0), "" + hops.size(), "" + c.hops().size());
      for (int i = 0; i < Math.min(hops.size(), c.hops().size()); i++) {
        JsonNode e = hops.get(i);
        Hop h = c.hops().get(i);
        Duration d = c.delays().get(i);
        long dateNum = h.date() == null ? -1 : h.date().toInstant().toEpochMilli();
        tally.count("dateNum", e.get("dateNum").asLong() == dateNum, h.raw(), e.get("dateNum").asText(), "" + dateNum);
        tally.count("delay", e.path("delay").asText("").equals(HopChain.describe(d)), h.raw(),
            e.path("delay").asText(""), HopChain.describe(d));
        long delaySort = d == null ? -1 : d.toMillis();
        tally.count("delaySort", e.get("delaySort").asLong() == delaySort, h.raw(), e.get("delaySort").asText(), "" + delaySort);
        double percent = c.shares().get(i);
        tally.count("percent", Math.abs(e.get("percent").asDouble() - percent) < 1e-9, h.raw(),
            e.get("percent").asText(), "" + percent);
      }
      String total = c.total() == null || c.total().isZero() ? "" : HopChain.describe(c.total());
      tally.count("total", chain.get("expected_total_delay").asText().equals(total), fields.get(0),
          chain.get("expected_total_delay").asText(), total);
    }
    for (JsonNode single : root.get("single_headers")) {
      Hop h = ReceivedParser.parse(ReceivedParserTest.unfold(single.get("header").asText()));
      long dateNum = h.date() == null ? -1 : h.date().toInstant().toEpochMilli();
      long want = single.get("expected").path("dateNum").asLong(-1);
      tally.count("single dateNum", want == dateNum, h.raw(), "" + want, "" + dateNum);
    }
    tally.print("Microsoft Message Header Analyzer delays (received.test.ts)");
    assertEquals(1.0, tally.overall(), "MHA delays must match exactly");
  }

  private static HopChain chain(String... headerOrder) {
    return HopChain.ofFields(List.of(headerOrder));
  }

  @Test
  void negativeDelayIsClockSkew() {
    HopChain c = chain(
        "from b.example.net (b.example.net [198.18.0.0]) by c.example.org with ESMTP id 2; Mon, 1 Jan 2024 10:00:00 +0000",
        "from a.example.com (a.example.com [8.8.8.8]) by b.example.net with ESMTP id 1; Mon, 1 Jan 2024 10:00:05 +0000");
    assertEquals(Duration.ofSeconds(-5), c.delays().get(1));
    assertEquals(Duration.ofSeconds(-5), c.total());
    assertTrue(c.findings().stream().anyMatch(a -> a.kind() == Anomaly.Kind.CLOCK_SKEW && a.hop() == 2), c.anomalies().toString());
  }

  @Test
  void missingDateIsReportedAndDelayUsesThePreviousDatedHop() {
    HopChain c = chain(
        "from m.example.net (m.example.net [9.9.9.9]) by z.example.org with ESMTP id 3; Mon, 1 Jan 2024 10:00:10 +0000",
        "from b.example.net (b.example.net [8.8.4.4]) by m.example.net with ESMTP id 2",
        "from a.example.com (a.example.com [8.8.8.8]) by b.example.net with ESMTP id 1; Mon, 1 Jan 2024 10:00:00 +0000");
    assertNull(c.delays().get(1));
    assertEquals(Duration.ofSeconds(10), c.delays().get(2));
    assertEquals(100.0, c.shares().get(2), 1e-9);
    assertTrue(c.anomalies().contains("missing-date: hop 2: no readable date"), c.anomalies().toString());
  }

  @Test
  void privateAddressBetweenOrganisationsIsFlaggedButNotInsideOne() {
    HopChain c = chain(
        "from mx.example.org (mx.example.org [10.0.0.5]) by store.example.org with LMTP id 4; Mon, 1 Jan 2024 10:00:04 +0000",
        "from relay.example.net (relay.example.net [9.9.9.9]) by mx.example.org with ESMTP id 3; Mon, 1 Jan 2024 10:00:03 +0000",
        "from hop.other.example (hop.other.example [172.16.3.4]) by relay.example.net with ESMTP id 2; Mon, 1 Jan 2024 10:00:02 +0000",
        "from out.example.com (out.example.com [8.8.8.8]) by hop.other.example with ESMTP id 1; Mon, 1 Jan 2024 10:00:01 +0000",
        "from pc.example.com (pc.example.com [192.168.1.20]) by out.example.com with ESMTPSA id 0; Mon, 1 Jan 2024 10:00:00 +0000");
    List<Anomaly> priv = c.findings().stream().filter(a -> a.kind() == Anomaly.Kind.PRIVATE_ADDRESS).toList();
    assertEquals(1, priv.size(), c.anomalies().toString());
    assertEquals(3, priv.get(0).hop());
  }

  @Test
  void byThatIsNotTheNextFromIsAMismatch() {
    HopChain c = chain(
        "from elsewhere.example.net (elsewhere.example.net [9.9.9.9]) by mx.example.org with ESMTP id 2; Mon, 1 Jan 2024 10:00:01 +0000",
        "from pc.example.com (pc.example.com [8.8.8.8]) by out.example.com with ESMTP id 1; Mon, 1 Jan 2024 10:00:00 +0000");
    assertTrue(c.findings().stream().anyMatch(a -> a.kind() == Anomaly.Kind.HOST_MISMATCH && a.hop() == 2), c.anomalies().toString());
    HopChain ok = chain(
        "from OUT.example.com. (out.example.com [9.9.9.9]) by mx.example.org with ESMTP id 2; Mon, 1 Jan 2024 10:00:01 +0000",
        "from pc.example.com (pc.example.com [8.8.8.8]) by out.example.com with ESMTP id 1; Mon, 1 Jan 2024 10:00:00 +0000");
    assertTrue(ok.findings().stream().noneMatch(a -> a.kind() == Anomaly.Kind.HOST_MISMATCH), ok.anomalies().toString());
  }

  @Test
  void randomChainsNeverThrow() {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    System.out.println("HopChainTest.randomChainsNeverThrow seed=" + seed + " (set with -Dtests.seed=)");
    java.util.Random random = new java.util.Random(seed);
    String[] parts = {"from a.example (a.example [10.0.0.1])", "by b.example", "by [192.0.2.1]", "with ESMTP", "id x",
      "; Mon, 1 Jan 2024 10:00:00 +0000", "; 2 Jan 2024 09:00:00 -0800", "; garbage", "(qmail 1 invoked by uid 2)",
      "from [2001:db8::1]", "from localhost (localhost [127.0.0.1])", " ", "(", ")", "[", ";"};
    for (int n = 0; n < 2_000; n++) {
      List<String> fields = new ArrayList<>();
      int hops = random.nextInt(8);
      for (int h = 0; h < hops; h++) {
        StringBuilder b = new StringBuilder();
        for (int k = random.nextInt(6); k >= 0; k--) {
          b.append(parts[random.nextInt(parts.length)]).append(' ');
        }
        fields.add(b.toString());
      }
      try {
        HopChain c = HopChain.ofFields(fields);
        assertEquals(fields.size(), c.delays().size());
        assertEquals(fields.size(), c.shares().size());
      } catch (RuntimeException e) {
        throw new AssertionError("seed=" + seed + " fields=" + fields, e);
      }
    }
  }

  @Test
  void organisationalDomainIgnoresHostLabels() {
    assertEquals("outlook.com", HopChain.organisation("CO1NAM03FT028.eop-NAM03.prod.protection.outlook.com"));
    assertEquals("example.co.uk", HopChain.organisation("mx1.example.co.uk."));
    assertNull(HopChain.organisation("localhost"));
    assertNull(HopChain.organisation("[10.0.0.1]"));
  }

  @Test
  void subSecondNegativeDelayIsNotClockSkew() {
    HopChain c = chain(
        "from b.example.net (b.example.net [9.9.9.9]) by c.example.org with ESMTP id 2; Mon, 1 Jan 2024 10:00:00.500 +0000",
        "from a.example.com (a.example.com [8.8.8.8]) by b.example.net with ESMTP id 1; Mon, 1 Jan 2024 10:00:00.900 +0000");
    assertEquals(-400, c.delays().get(1).toMillis());
    assertTrue(c.findings().stream().noneMatch(a -> a.kind() == Anomaly.Kind.CLOCK_SKEW), c.anomalies().toString());
  }

  @Test
  void hopOverAnHourIsSlow() {
    HopChain c = chain(
        "from b.example.net (b.example.net [9.9.9.9]) by c.example.org with ESMTP id 2; Mon, 1 Jan 2024 11:30:00 +0000",
        "from a.example.com (a.example.com [8.8.8.8]) by b.example.net with ESMTP id 1; Mon, 1 Jan 2024 10:00:00 +0000");
    assertTrue(c.anomalies().stream().anyMatch(a -> a.startsWith("slow-hop: hop 2: 90 minutes")), c.anomalies().toString());
  }
}
