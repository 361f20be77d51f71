package dev.mailtrace.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ZoneFileTest {
  @Test
  void opendkimGenkeyStubsDigLinesOriginAndEscapesAreRead() {
    ZoneFile z = ZoneFile.parse("""
        $TTL 3600
        s1._domainkey.example.com.\tIN\tTXT\t( "v=DKIM1; h=sha256; k=rsa; "
        \t  "p=AAAA" )  ; ----- DKIM key s1 for example.com
        s2._domainkey.example.com. 300 IN TXT "v=DKIM1; p=" "BBBB"
        $ORIGIN example.org.
        s3._domainkey IN TXT "quote \\" and \\065 byte"
        \tIN TXT "second record, same owner"
        @ IN MX 10 mx.example.org.
        """);
    assertEquals(List.of(), z.problems());
    assertEquals(List.of("v=DKIM1; h=sha256; k=rsa; p=AAAA"), z.records().get("s1._domainkey.example.com"));
    assertEquals(List.of("v=DKIM1; p=BBBB"), z.records().get("s2._domainkey.example.com"));
    assertEquals(List.of("quote \" and A byte", "second record, same owner"), z.records().get("s3._domainkey.example.org"));
    assertEquals(List.of(2), z.lines().get("s1._domainkey.example.com"));
  }

  @Test
  void brokenRecordsAreProblemsWithTheirLine() {
    ZoneFile z = ZoneFile.parse("b.example. IN TXT \"unclosed\n$INCLUDE other\nc.example. IN TXT\na.example. IN TXT ( \"open\"\n");
    assertEquals(List.of("string not closed: line 1", "$INCLUDE not supported: line 2", "TXT record without strings: line 3",
        "'(' not closed: line 4"), z.problems());
    assertEquals(List.of("unclosed"), z.records().get("b.example"));
  }
}
