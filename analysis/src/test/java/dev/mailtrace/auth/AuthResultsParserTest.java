package dev.mailtrace.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthResultsParserTest {
  @Test
  void rfc8601AppendixBExamplesParse() {
    // B.2: nothing done
    AuthenticationResults none = AuthResultsParser.parse("example.org 1; none");
    assertEquals("example.org", none.authservId());
    assertEquals(List.of(), none.results());
    assertEquals(List.of(), none.problems());
    // B.4: several methods, comments, properties
    AuthenticationResults b4 = AuthResultsParser.parse("example.com; auth=pass (cram-md5) smtp.auth=sender@example.com;"
        + " spf=pass smtp.mailfrom=example.com");
    assertEquals(List.of(), b4.problems());
    assertEquals("auth pass cram-md5 sender@example.com", line(b4.results().get(0)));
    assertEquals("spf pass null example.com", line(b4.results().get(1)));
    // B.6: reason= and a quoted string
    AuthenticationResults b6 = AuthResultsParser.parse("example.com; dkim=pass reason=\"good signature\""
        + " header.i=@mail-router.example.net; dkim=fail reason=\"bad signature\" header.i=@newyork.example.com");
    assertEquals(List.of(), b6.problems());
    assertEquals("good signature", b6.results().get(0).reason());
    assertEquals(Map.of("header.i", "@newyork.example.com"), b6.results().get(1).properties());
  }

  @Test
  void gmailsFieldGivesEachMethodItsIdentity() {
    AuthenticationResults g = AuthResultsParser.parse("mx.google.com; dkim=pass header.i=@googlemail.com header.s=20210112"
        + " header.b=PqBP51+l; spf=none (google.com: mail-sor-f69.google.com does not designate permitted sender hosts)"
        + " smtp.helo=mail-sor-f69.google.com; dmarc=pass (p=QUARANTINE sp=QUARANTINE dis=NONE) header.from=googlemail.com");
    assertEquals(List.of(), g.problems());
    assertEquals(List.of("dkim pass null @googlemail.com", "spf none google.com: mail-sor-f69.google.com does not designate"
        + " permitted sender hosts mail-sor-f69.google.com", "dmarc pass p=QUARANTINE sp=QUARANTINE dis=NONE googlemail.com"),
        g.results().stream().map(AuthResultsParserTest::line).toList());
  }

  @Test
  void oddFieldsAreReadAsFarAsTheyGoWithTheirProblems() {
    AuthenticationResults ms = AuthResultsParser.parse("spf=pass (sender IP is 40.92.253.77) smtp.helo=a.example.com;"
        + " outlook.com; dkim=none (message not signed) header.d=none;outlook.com; dmarc=pass action=none header.from=outlook.com;");
    assertNull(ms.authservId());
    assertEquals(List.of("spf", "dkim", "dmarc"), ms.results().stream().map(AuthenticationResults.MethodResult::method).toList());
    assertEquals(List.of("no authserv-id: the field starts with a result", "'outlook.com' is not a result or property",
        "'outlook.com' is not a result or property", "action=none is not ptype.property=value"), ms.problems());
    assertEquals(List.of("dkim=sometimes is not a result of dkim"),
        AuthResultsParser.parse("example.com; dkim=sometimes header.d=example.com").problems());
    assertEquals(List.of("comment not closed"), AuthResultsParser.parse("example.com; spf=pass (unclosed").problems());
  }

  private static String line(AuthenticationResults.MethodResult r) {
    return r.method() + " " + r.result() + " " + (r.reason() != null ? r.reason() : r.comment()) + " " + r.identity();
  }
}
