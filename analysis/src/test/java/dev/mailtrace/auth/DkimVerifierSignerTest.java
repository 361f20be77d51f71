package dev.mailtrace.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our verdicts against an independent signer's: dkimpy (Debian's python3-dkim) signs messages in
 * every canonicalisation and algorithm, the script tampers with them (body, each signed header
 * field, an added From, text after l=, trailing white space, refolding) and records dkimpy's own
 * verification; every verdict must be the same, except the listed cases where RFC 6376 asks more
 * of a verifier than dkimpy does.
 */
class DkimVerifierSignerTest {
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final Path SCRIPT = Path.of("src/test/resources/auth/signer/make_signed.py");

  /**
   * Where we differ from dkimpy, on purpose: file, dkimpy's verdicts, ours, the rule. dkimpy does
   * not read a key record's h= and t= tags.
   */
  private static final List<String> KNOWN_DISAGREEMENTS = List.of(
      "rfc-key-hash-sha256-only.eml dkimpy=1 ours=permerror (RFC 6376 section 3.6.1 h=: the key allows only sha256)",
      "rfc-key-no-subdomains.eml dkimpy=1 ours=permerror (RFC 6376 section 3.6.1 t=s: i= must not be a subdomain)");

  @TempDir static Path out;
  private static List<String[]> manifest;
  private static DkimVerifier verifier;

  @BeforeAll
  static void sign() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3");
    Process check = new ProcessBuilder(PYTHON.toString(), "-c", "import dkim, authres, dns.zone, nacl")
        .redirectErrorStream(true).start();
    Assumptions.assumeTrue(check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0,
        "Debian's python3-dkim and python3-authres are not installed (.ci/run installs them)");
    Process p = new ProcessBuilder(PYTHON.toString(), SCRIPT.toString(), out.toString()).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "signer timed out");
    assertEquals(0, p.exitValue(), log);
    manifest = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("manifest.tsv")).subList(1, Files.readAllLines(out.resolve("manifest.tsv")).size())) {
      manifest.add(line.split("\t"));
    }
    ZoneKeys keys = ZoneKeys.read(out.resolve("keys.zone"));
    assertEquals(List.of(), keys.problems());
    verifier = new DkimVerifier(keys);
  }

  @Test
  void everyVerdictEqualsDkimpysOwnButTheListedRfcCases() throws IOException {
    List<String> disagreements = new ArrayList<>();
    Map<String, int[]> table = new TreeMap<>();
    for (String[] row : manifest) {
      Authenticity a = verifier.verify(Files.readAllBytes(out.resolve(row[0])));
      String dkimpy = row[2];
      String ours = a.dkim().isEmpty() ? "-" : a.dkim().stream().map(v -> v.isPass() ? "1" : "0").collect(Collectors.joining(","));
      boolean same = dkimpy.equals(ours);
      if (!row[3].equals("-")) {
        same &= row[3].equals(a.arc().result().word());
      }
      if (!same) {
        disagreements.add(row[0] + " dkimpy=" + dkimpy + (row[3].equals("-") ? "" : "/arc " + row[3]) + " ours="
            + a.dkim().stream().map(v -> v.result().word()).collect(Collectors.joining(","))
            + (row[3].equals("-") ? "" : "/arc " + a.arc().result().word() + " " + a.arc().reason())
            + " " + a.dkim().stream().map(v -> String.valueOf(v.reason())).collect(Collectors.joining(" | ")));
      }
      int[] cell = table.computeIfAbsent(row[1], k -> new int[2]);
      cell[same ? 0 : 1]++;
    }
    System.out.println("variant                 agree  differ");
    table.forEach((k, v) -> System.out.printf("%-22s %6d %7d%n", k, v[0], v[1]));
    System.out.println("messages: " + manifest.size());
    List<String> known = KNOWN_DISAGREEMENTS.stream().map(s -> s.substring(0, s.indexOf(" ("))).toList();
    List<String> got = disagreements.stream().map(s -> s.substring(0, s.indexOf(" ours=") + 6)).toList();
    assertEquals(known.stream().map(s -> s.substring(0, s.indexOf(" ours=") + 6)).toList(), got,
        String.join("\n", disagreements));
    assertTrue(manifest.size() > 600, "the signer made " + manifest.size() + " messages");
  }

  @Test
  void reasonsNameWhatChanged() throws IOException {
    for (String[] row : manifest) {
      Authenticity a = verifier.verify(Files.readAllBytes(out.resolve(row[0])));
      if (a.dkim().isEmpty()) {
        continue;
      }
      SignatureVerdict v = a.dkim().get(0);
      String why = row[0] + ": " + v;
      switch (row[1]) {
        case "body", "ws-body-simple" -> assertTrue(v.reason().startsWith("body hash mismatch: the body changed"), why);
        case "header", "ws-header-simple", "refold-simple" ->
            assertTrue(v.reason().equals("signature mismatch: a signed header field changed"), why);
        case "added-from" -> assertTrue(v.reason().startsWith("a From field was added: the message has 2")
            || v.reason().endsWith("or was added (the message has 2 From fields)"), why);
        case "key-missing" -> {
          assertEquals(AuthResult.TEMPERROR, v.result(), why);
          assertTrue(v.reason().startsWith("no key: absent._domainkey.example.com is not in "), why);
        }
        case "key-revoked" -> assertEquals("permerror revoked key (p= is empty)", v.result().word() + " " + v.reason());
        case "key-short" -> assertEquals("permerror key too short: 512 bits (RFC 8301 requires 1024)",
            v.result().word() + " " + v.reason());
        case "key-wrong" -> assertEquals("fail signature mismatch: a signed header field changed",
            v.result().word() + " " + v.reason());
        case "key-testing" -> assertTrue(v.risks().contains("the key is in testing mode (t=y)"), why);
        case "length-appended" -> {
          if (v.isPass()) {
            assertTrue(v.risks().stream().anyMatch(r -> r.matches("l=\\d+: the last \\d+ bytes of the body are not signed")), why);
          }
        }
        case "length-ok" -> assertTrue(v.risks().get(v.risks().size() - 1).contains("text appended to the body would not"), why);
        case "ok" -> {
          assertEquals(v.algorithm().equals("rsa-sha1"), v.risks().contains("rsa-sha1 is weak (RFC 8301)"), why);
          assertEquals(row[0].startsWith("list") ? Alignment.RELAXED : Alignment.STRICT, v.alignment(), why);
          assertTrue(v.keySha256().matches("[0-9a-f]{64}") && v.keyOrigin().contains("keys.zone line "), why);
        }
        default -> { }
      }
    }
  }
}
