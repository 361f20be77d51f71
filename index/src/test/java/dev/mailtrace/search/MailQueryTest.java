package dev.mailtrace.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.Test;

class MailQueryTest {
  private final MailQuery language = new MailQuery(Clock.fixed(Instant.parse("2024-06-15T12:00:00Z"), ZoneOffset.UTC));

  private String parse(String q) {
    return language.parse(q).toString();
  }

  @Test
  void fullAddressIsAnExactTerm() {
    assertEquals("from:alice@example.com", parse("from:Alice@Example.com"));
  }

  @Test
  void domainMatchesDomainFieldOrAddressWords() {
    assertEquals("from.domain:example.com from.text:example.com", parse("from:example.com"));
  }

  @Test
  void juxtapositionMeansAnd() {
    String q = parse("from:alice@x.org subject:invoice");
    assertEquals("+from:alice@x.org +subject:invoice", q);
  }

  @Test
  void orAndNotAndParenthesesNest() {
    String q = parse("(subject:a OR subject:b) -has:attachment");
    assertEquals("+(subject:a subject:b) -has:attachment", q);
  }

  @Test
  void lowerCaseOperatorsWork() {
    assertEquals(parse("subject:a OR subject:b"), parse("subject:a or subject:b"));
    assertEquals(parse("subject:a -subject:b"), parse("subject:a and not subject:b"));
  }

  @Test
  void onlyNegatedTermsMatchEverythingElse() {
    assertEquals("+*:* -has:attachment", parse("-has:attachment"));
  }

  @Test
  void bareWordSearchesSubjectBodyAndAddresses() {
    assertEquals("subject:invoice body:invoice from.text:invoice sender.text:invoice reply-to.text:invoice to.text:invoice cc.text:invoice bcc.text:invoice delivered-to.text:invoice return-path.text:invoice", parse("Invoice"));
  }

  @Test
  void phraseIsAPhraseQuery() {
    assertEquals("subject:\"quarterly report\"", parse("subject:\"Quarterly Report\""));
  }

  @Test
  void fieldAppliesToAGroup() {
    assertEquals("subject:a subject:b", parse("subject:(a OR b)"));
  }

  @Test
  void wildcardsBecomePrefixOrWildcardQueries() {
    assertEquals("subject:inv*", parse("subject:inv*"));
    assertEquals("attachment.name:*.pdf", parse("attachment:*.pdf"));
    assertEquals("bounce.status:5.1.*", parse("bounce.status:5.1.*"));
  }

  @Test
  void dateRangesCoverWholeDays() {
    Query q = language.parse("date:2024-01-01..2024-01-31");
    assertEquals("date:[1704067200000 TO 1706745599999]", q.toString());
  }

  @Test
  void sizeComparisonUsesBinaryUnits() {
    assertEquals("size:[1048577 TO 9223372036854775807]", parse("size:>1M"));
  }

  @Test
  void hopsAndDelayAreRanges() {
    assertEquals("hops:[6 TO 2147483647]", parse("hops:>5"));
    assertEquals("delay:[3601 TO 9223372036854775807]", parse("delay:>1h"));
  }

  @Test
  void headerFieldsAreSearchableByName() {
    assertEquals("header.x-mailer:thunderbird", parse("header.X-Mailer:Thunderbird"));
    assertEquals("header.names:x-spam-flag", parse("header.X-Spam-Flag:*"));
  }

  @Test
  void messageIdLosesAngleBrackets() {
    assertEquals("msgid:abc@example.com", parse("msgid:<abc@example.com>"));
  }

  @Test
  void shortShaIsAPrefix() {
    assertEquals("sha256:abcdef*", parse("sha256:ABCDEF"));
  }

  @Test
  void luceneEscapePassesRawSyntax() {
    assertEquals("+subject:hello +body:world", parse("lucene:(+subject:hello +body:world)"));
  }

  @Test
  void unclosedParenthesisPointsAtTheEnd() {
    BadQueryException e = assertThrows(BadQueryException.class, () -> language.parse("(from:a@b.c OR to:x@y.z"));
    assertEquals(24, e.column());
    assertTrue(e.getMessage().startsWith("bad query at column 24: expected ')' to close '(' at column 1"), e.getMessage());
  }

  @Test
  void unknownFieldIsNamed() {
    BadQueryException e = assertThrows(BadQueryException.class, () -> language.parse("subject:x frm:alice"));
    assertEquals(11, e.column());
    assertTrue(e.getMessage().contains("unknown field 'frm'"), e.getMessage());
  }

  @Test
  void badDatePointsAtTheValue() {
    BadQueryException e = assertThrows(BadQueryException.class, () -> language.parse("date:2024-13-01"));
    assertEquals(6, e.column());
  }

  @Test
  void danglingOrIsAnError() {
    BadQueryException e = assertThrows(BadQueryException.class, () -> language.parse("subject:a OR"));
    assertEquals(13, e.column());
  }

  @Test
  void strayClosingParenthesisIsAnError() {
    BadQueryException e = assertThrows(BadQueryException.class, () -> language.parse("subject:a)"));
    assertEquals(10, e.column());
  }

  @Test
  void unterminatedPhraseIsAnError() {
    BadQueryException e = assertThrows(BadQueryException.class, () -> language.parse("subject:\"abc"));
    assertTrue(e.getMessage().contains("expected '\"'"), e.getMessage());
  }
}
