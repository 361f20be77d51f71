package dev.mailtrace.bounce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DsnFieldsTest {
  @Test
  void perMessageAndPerRecipientGroupsAreSeparated() {
    DsnFields f =
        DsnFields.parse(
            """
            Reporting-MTA: dns; mx.example.net
            X-Postfix-Queue-ID: 12AB

            Final-Recipient: rfc822; a@example.com
            Action: failed
            Status: 5.1.1

            Final-Recipient: rfc822; b@example.com
            Action: delayed
            Status: 4.4.1
            """);
    assertEquals("dns; mx.example.net", f.perMessage().get("reporting-mta"));
    assertEquals("12AB", f.perMessage().get("x-postfix-queue-id"));
    assertEquals(2, f.recipients().size());
    assertEquals("delayed", f.recipients().get(1).get("action"));
  }

  @Test
  void foldedLinesAndMissingBlankLinesAreTolerated() {
    DsnFields f =
        DsnFields.parse(
            "Final-Recipient: RFC822; <A@Example.com>\r\n"
                + "STATUS: 5.2.2\r\nDiagnostic-Code: smtp; 552 mailbox\r\n\tis full\r\n"
                + "Final-Recipient: rfc822; b@example.com\r\nStatus: 5.1.1\r\n");
    assertEquals(2, f.recipients().size());
    Map<String, String> a = f.recipients().get(0);
    assertEquals("smtp; 552 mailbox is full", a.get("diagnostic-code"));
    assertEquals("a@example.com", DsnFields.address(a.get("final-recipient")));
    assertEquals("SMTP", DsnFields.type(a.get("diagnostic-code")));
    assertEquals("552 mailbox is full", DsnFields.typed(a.get("diagnostic-code")));
  }

  @Test
  void valuesWithoutTypeAreKept() {
    assertEquals("c@example.com", DsnFields.address("c@example.com"));
    assertNull(DsnFields.type("550 user unknown"));
    assertNull(DsnFields.address(""));
  }
}
