package dev.mailtrace.cli;

import static dev.mailtrace.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatsCommandTest {
  @TempDir static Path dir;
  static String idx;

  @BeforeAll
  static void index() throws Exception {
    idx = SampleIndex.build(dir).toString();
  }

  /** Sender domains counted straight from the (unfolded) From: fields of the archive's header sections. */
  private static Map<String, Long> fromDomains() throws Exception {
    Map<String, Long> counts = new HashMap<>();
    Pattern address = Pattern.compile("[A-Za-z0-9._%+=-]+@([A-Za-z0-9.-]+)");
    boolean inHeader = false;
    StringBuilder from = null;
    boolean seen = false;
    for (String line : Files.readAllLines(SampleIndex.archive(), StandardCharsets.ISO_8859_1)) {
      line = line.replace("\r", "");
      boolean continuation = inHeader && !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
      if (from != null && !continuation) {
        Matcher m = address.matcher(from);
        if (m.find()) {
          counts.merge(m.group(1).toLowerCase(Locale.ROOT), 1L, Long::sum);
        }
        from = null;
      }
      if (line.startsWith("From ")) {
        inHeader = true;
        seen = false;
      } else if (line.isEmpty()) {
        inHeader = false;
      } else if (continuation && from != null) {
        from.append(line);
      } else if (inHeader && !seen && line.regionMatches(true, 0, "From:", 0, 5)) {
        seen = true;
        from = new StringBuilder(line);
      }
    }
    return counts;
  }

  @Test
  void senderDomainCountsAgreeWithTheArchive() throws Exception {
    Map<String, Long> expected = fromDomains();
    CliRun r = run("stats", "--index", idx, "--by", "sender-domain", "--top", "1000", "--csv");
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals("sender-domain,count", lines.get(0));
    int agree = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",");
      if (Long.valueOf(cells[1]).equals(expected.get(cells[0]))) {
        agree++;
      }
    }
    System.out.printf("sender-domain stats: %d of %d domains agree with a scan of the From: lines%n", agree, expected.size());
    assertEquals(expected.size(), agree, r.out());
  }

  @Test
  void bounceReasonsAreCountedAsJson() {
    CliRun r = run("stats", "--index", idx, "is:bounce", "--by", "bounce-reason", "--json");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().lines().allMatch(l -> l.startsWith("{\"bounce-reason\":")), r.out());
  }

  @Test
  void tableListsTheLargestCountsFirst() {
    CliRun r = run("stats", "--index", idx, "--by", "sender-domain", "--top", "5");
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.get(0).startsWith("SENDER-DOMAIN"));
    assertEquals(7, lines.size(), r.out());
    assertEquals("180 messages match", lines.get(6));
    long previous = Long.MAX_VALUE;
    for (String line : lines.subList(1, 6)) {
      long n = Long.parseLong(line.trim().split("\\s+")[1]);
      assertTrue(n <= previous, r.out());
      previous = n;
    }
  }

  @Test
  void unknownFieldListsTheKnownOnes() {
    CliRun r = run("stats", "--index", idx, "--by", "colour");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("sender-domain"), r.err());
  }
}
