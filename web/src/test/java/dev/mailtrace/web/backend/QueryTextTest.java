package dev.mailtrace.web.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QueryTextTest {

  @Test
  void aFacetValueBecomesAClauseQuotedOnlyWhenItMustBe() {
    assertEquals("from.domain:example.com", QueryText.clause(Dimension.SENDER_DOMAIN, "example.com"));
    assertEquals("attachment.type:application/pdf", QueryText.clause(Dimension.ATTACHMENT_TYPE, "application/pdf"));
    assertEquals("bounce.remote:\"mx (primary)\"", QueryText.clause(Dimension.REMOTE_HOST, "mx (primary)"));
    assertEquals("hop.host:\"a\\\"b\"", QueryText.clause(Dimension.HOP_HOST, "a\"b"));
    assertEquals("bounce.remote:\"-x\"", QueryText.clause(Dimension.REMOTE_HOST, "-x"), "a leading minus would negate");
    assertEquals("date:2024-05", QueryText.clause(Dimension.MONTH, "2024-05"));
  }

  @Test
  void refiningKeepsTheQueryAndItsPrecedence() {
    assertEquals("is:bounce", QueryText.and("", "is:bounce"));
    assertEquals("is:bounce", QueryText.and("*", "is:bounce"));
    assertEquals("from:alice is:bounce", QueryText.and("from:alice", "is:bounce"));
    assertEquals("(from:alice OR from:bob) is:bounce", QueryText.and("from:alice OR from:bob", "is:bounce"));
    assertEquals("(a or b) is:bounce", QueryText.and("a or b", "is:bounce"));
    assertEquals("x is:bounce", QueryText.and("x is:bounce", "is:bounce"), "a clause already there is not added twice");
  }
}
