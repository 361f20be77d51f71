package dev.mailtrace.cli;

import static dev.mailtrace.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authenticity beyond verify: the index's fields (stated verdicts always, the verified result with
 * --keys) and each hop's stated verdicts in routes and show.
 */
class AuthSearchTest {
  private static final Path RFC = Path.of("../analysis/src/test/resources/auth/rfc");

  @Test
  void statedAndVerifiedResultsAreSearchableAndCounted(@TempDir Path dir) throws IOException {
    Path mail = Files.createDirectories(dir.resolve("mail"));
    Files.copy(RFC.resolve("rfc8463-a3.eml"), mail.resolve("signed.eml"));
    Files.writeString(mail.resolve("stated.eml"), """
        Authentication-Results: mx.example.net; dkim=fail header.d=example.com; spf=softfail smtp.mailfrom=a@example.com
        Received: from a.example.com (a.example.com [192.0.2.1]) by mx.example.net; Mon, 1 Jan 2024 10:00:00 +0000
        DKIM-Signature: v=1; a=rsa-sha256; d=Example.com; s=x; h=from; bh=AAAA; b=AAAA
        From: a@example.com
        Subject: stated

        body
        """);
    Path index = dir.resolve("index");
    CliRun r = run("index", "--quiet", "--keys", RFC.resolve("rfc8463.zone").toString(), mail.toString(), "--index", index.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals("1", count(index, "auth.dkim:fail"));
    assertEquals("1", count(index, "auth.spf:softfail"));
    assertEquals("2", count(index, "auth.dmarc:none"));
    assertEquals("1", count(index, "dkim.domain:example.com"));
    assertEquals("1", count(index, "dkim.domain:football.example.com"));
    assertEquals("1", count(index, "dkim.result:pass"));
    assertEquals("1", count(index, "dkim.result:fail")); // bh= does not match "body": a failure, key or not
    CliRun stats = run("stats", "--index", index.toString(), "--by", "dkim-result", "--csv");
    assertEquals(0, stats.code(), stats.err());
    assertTrue(stats.out().contains("pass,1") && stats.out().contains("fail,1"), stats.out());
  }

  @Test
  void routesAndShowGiveEachHopItsServersVerdicts(@TempDir Path dir) throws IOException {
    Path eml = Files.writeString(dir.resolve("m.eml"), """
        Received: from mx.example.net by mail.example.org; Mon, 1 Jan 2024 10:00:05 +0000
        Received: from a.example.com (a.example.com [192.0.2.1]) by mx.example.net; Mon, 1 Jan 2024 10:00:00 +0000
        Authentication-Results: mx.example.net; spf=pass smtp.mailfrom=a@example.com; dkim=none
        From: a@example.com

        body
        """);
    CliRun routes = run("routes", "--json", eml.toString());
    assertEquals(0, routes.code(), routes.err());
    JsonNode hop1 = new ObjectMapper().readTree(routes.out()).get("hops").get(0);
    assertEquals("mx.example.net spf pass a@example.com", hop1.get("auth").get(0).get("server").asText() + " "
        + hop1.get("auth").get(0).get("method").asText() + " " + hop1.get("auth").get(0).get("result").asText() + " "
        + hop1.get("auth").get(0).get("identity").asText());
    assertTrue(run("routes", eml.toString()).out().contains("  1 mx.example.net: spf=pass (a@example.com) dkim=none"));
    assertTrue(run("show", eml.toString()).out().contains("Auth:     hop 1 mx.example.net: spf=pass (a@example.com) dkim=none"));
  }

  private static String count(Path index, String query) {
    return run("search", "--index", index.toString(), "--count", query).out().strip();
  }
}
