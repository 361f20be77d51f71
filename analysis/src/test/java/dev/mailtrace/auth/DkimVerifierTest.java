package dev.mailtrace.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The RFCs' own examples, and the verifier's rules that the signer comparison cannot reach. */
class DkimVerifierTest {
  private static final Path RFC = Path.of("src/test/resources/auth/rfc");

  private static Authenticity verify(String eml, String zone) throws IOException {
    return new DkimVerifier(ZoneKeys.read(RFC.resolve(zone))).verify(Files.readAllBytes(RFC.resolve(eml)));
  }

  @Test
  void rfc8463AppendixAVerifiesWithEd25519AndRsa() throws IOException {
    Authenticity a = verify("rfc8463-a3.eml", "rfc8463.zone");
    assertEquals(2, a.dkim().size());
    SignatureVerdict ed = a.dkim().get(0);
    assertEquals("ed25519-sha256 pass null strict 256", ed.algorithm() + " " + ed.result().word() + " " + ed.reason()
        + " " + ed.alignment().word() + " " + ed.keyBits());
    assertEquals(List.of("from", "to", "subject", "date", "message-id", "from", "subject", "date"), ed.signedHeaders());
    SignatureVerdict rsa = a.dkim().get(1);
    assertEquals("rsa-sha256 pass 1024", rsa.algorithm() + " " + rsa.result().word() + " " + rsa.keyBits());
    assertEquals(List.of("1024-bit RSA key (RFC 8301 advises 2048)"), rsa.risks());
    assertEquals("football.example.com", a.fromDomain());
  }

  @Test
  void rfc6376AppendixAVerifiesWithItsErrata() throws IOException {
    SignatureVerdict v = verify("rfc6376-a2-errata.eml", "rfc6376.zone").dkim().get(0);
    assertEquals(AuthResult.PASS, v.result(), v.toString());
    assertEquals("joe@football.example.com", v.identity());
    assertEquals(Alignment.RELAXED, v.alignment()); // d=example.com, From football.example.com
    SignatureVerdict printed = verify("rfc6376-a2-printed-body.eml", "rfc6376.zone").dkim().get(0);
    assertEquals("fail body hash mismatch: the body changed, the signed header fields did not",
        printed.result().word() + " " + printed.reason());
  }

  @Test
  void theSameMessageWithLfLineEndsVerifiesAlike() throws IOException {
    byte[] crlf = Files.readAllBytes(RFC.resolve("rfc8463-a3.eml"));
    byte[] lf = new String(crlf, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").getBytes(StandardCharsets.ISO_8859_1);
    Authenticity a = new DkimVerifier(ZoneKeys.read(RFC.resolve("rfc8463.zone"))).verify(lf);
    assertTrue(a.dkim().stream().allMatch(SignatureVerdict::isPass), a.toString());
  }

  @Test
  void withoutKeysTheBodyIsStillChecked() throws IOException {
    Authenticity a = new DkimVerifier(KeySource.none()).verify(Files.readAllBytes(RFC.resolve("rfc8463-a3.eml")));
    SignatureVerdict v = a.dkim().get(0);
    assertEquals(AuthResult.TEMPERROR, v.result());
    assertEquals("no key: no key source (give a zone file, or --dns)", v.reason());
    assertEquals(Boolean.TRUE, v.bodyHashMatches());
    assertNull(v.keySha256());
  }

  @Test
  void expiryIsJudgedAtReceiptNotToday() {
    String sig = "DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=x; h=from; bh=AAAA; b=AAAA; t=1000; x=2000\r\n";
    String received = "Received: from a by b; Thu, 01 Jan 1970 00:10:00 +0000\r\n"; // 600 s: before x=
    String late = "Received: from a by b; Thu, 01 Jan 1970 01:00:00 +0000\r\n"; // 3600 s: after x=
    String rest = "From: a@example.com\r\n\r\nbody\r\n";
    DkimVerifier v = new DkimVerifier(KeySource.none());
    SignatureVerdict inTime = v.verify((received + sig + rest).getBytes(StandardCharsets.US_ASCII)).dkim().get(0);
    assertTrue(!inTime.reason().startsWith("expired"), inTime.reason());
    SignatureVerdict expired = v.verify((late + sig + rest).getBytes(StandardCharsets.US_ASCII)).dkim().get(0);
    assertEquals("permerror expired x=: 1970-01-01T00:33:20Z is before its newest Received date (1970-01-01T01:00:00Z)",
        expired.result().word() + " " + expired.reason());
  }

  @Test
  void badTagsArePermanentErrors() {
    DkimVerifier v = new DkimVerifier(KeySource.none());
    String rest = "From: a@example.com\r\n\r\nbody\r\n";
    String[][] cases = {
      {"v=1; a=rsa-sha256; d=example.com; s=x; h=to; bh=AAAA; b=AAAA", "bad tag: From is not signed (h=)"},
      {"v=1; a=rsa-sha512; d=example.com; s=x; h=from; bh=AAAA; b=AAAA", "bad tag: unknown algorithm a=rsa-sha512"},
      {"v=2; a=rsa-sha256; d=example.com; s=x; h=from; bh=AAAA; b=AAAA", "bad tag: v=2 is not 1"},
      {"v=1; a=rsa-sha256; d=example.com; s=x; h=from; bh=AAAA; b=AAAA; i=@evil.example", "bad tag: i=@evil.example is not within d=example.com"},
      {"v=1; a=rsa-sha256; d=example.com; s=x; h=from; bh=AAAA; b=AAAA; b=AAAA", "bad tag: duplicate tag b="},
      {"v=1; a=rsa-sha256; d=example.com; h=from; bh=AAAA; b=AAAA", "bad tag: no s= tag"},
      {"v=1; a=rsa-sha256; c=fancy; d=example.com; s=x; h=from; bh=AAAA; b=AAAA", "bad tag: unknown canonicalization c=fancy"},
    };
    for (String[] c : cases) {
      SignatureVerdict r = v.verify(("DKIM-Signature: " + c[0] + "\r\n" + rest).getBytes(StandardCharsets.US_ASCII)).dkim().get(0);
      assertEquals("permerror " + c[1], r.result().word() + " " + r.reason(), c[0]);
    }
  }

  @Test
  void noSignatureIsNone() {
    Authenticity a = new DkimVerifier(KeySource.none()).verify("From: a@b.example\n\nhi\n".getBytes(StandardCharsets.US_ASCII));
    assertEquals(AuthResult.NONE, a.dkimResult());
    assertEquals(ArcChain.NONE, a.arc());
  }
}
