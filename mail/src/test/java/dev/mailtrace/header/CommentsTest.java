package dev.mailtrace.header;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CommentsTest {

  @Test
  void nestedCommentEndsAfterItsOwnClosingParenthesis() {
    assertEquals(9, Comments.skip("(a (b) c) d) e", 0));
    assertEquals(10, Comments.skip("x(a (b) c) d", 1));
  }

  @Test
  void quotedParenthesesDoNotCount() {
    assertEquals(8, Comments.skip("(a \\) b) c", 0));
  }

  @Test
  void unclosedCommentRunsToTheEnd() {
    assertEquals(6, Comments.skip("(a (b)", 0));
    assertEquals(3, Comments.skip("(a\\", 0));
  }
}
