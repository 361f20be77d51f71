package dev.mailtrace.cli;

import static dev.mailtrace.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {
  private static final Path RFC = Path.of("../analysis/src/test/resources/auth/rfc");

  @Test
  void jsonHasSourceDkimAndArcPerMessageAndCitesTheKey() throws IOException {
    CliRun r = run("verify", "--json", "--keys", RFC.resolve("rfc8463.zone").toString(), RFC.resolve("rfc8463-a3.eml").toString());
    assertEquals(0, r.code(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    List<String> keys = new ArrayList<>();
    j.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("source", "index", "fromDomain", "dkim", "arc", "problems"), keys);
    JsonNode ed = j.get("dkim").get(0);
    assertEquals("football.example.com brisbane ed25519-sha256 pass strict", ed.get("domain").asText() + " "
        + ed.get("selector").asText() + " " + ed.get("algorithm").asText() + " " + ed.get("result").asText() + " "
        + ed.get("aligned").asText());
    assertTrue(ed.get("key").get("sha256").asText().matches("[0-9a-f]{64}"));
    assertEquals("none", j.get("arc").get("result").asText());
    assertTrue(r.err().contains("verified 1 messages: 1 with a passing DKIM signature, 0 without"), r.err());
  }

  @Test
  void offlineWithoutKeysNothingPassesAndTheExitCodeSaysSo(@TempDir Path dir) throws IOException {
    CliRun r = run("verify", RFC.resolve("rfc8463-a3.eml").toString());
    assertEquals(1, r.code(), r.err());
    assertTrue(r.out().contains("temperror d=football.example.com s=brisbane"), r.out());
    assertTrue(r.out().contains("no key: no key source (give a zone file, or --dns)"), r.out());
    Path zone = Files.writeString(dir.resolve("bad.zone"), "x._domainkey.example. IN TXT \"unclosed\n");
    CliRun csv = run("verify", "--csv", "--keys", zone.toString(), RFC.resolve("rfc6376-a2-errata.eml").toString());
    assertTrue(csv.err().contains("bad.zone: string not closed: line 1"), csv.err());
    assertTrue(csv.out().startsWith("file,offset,index,field,instance,domain,selector,algorithm"), csv.out());
  }

  @Test
  void aMissingKeyFileIsAnEnvironmentError() {
    assertEquals(3, run("verify", "--keys", "/nonexistent/keys.zone", RFC.resolve("rfc8463-a3.eml").toString()).code());
  }
}
