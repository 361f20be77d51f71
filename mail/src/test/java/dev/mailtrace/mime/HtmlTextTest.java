package dev.mailtrace.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTextTest {

  @Test
  void tagsAreStrippedAndBlocksBecomeLines() {
    assertEquals("Title\n\nOne two\nthree",
        HtmlText.reduce("<h1>Title</h1><p>One <b>two</b><br>three</p>"));
  }

  @Test
  void scriptStyleHeadAndCommentsAreDropped() {
    assertEquals("Visible",
        HtmlText.reduce("<html><head><title>t</title><style>p{color:red}</style></head>"
            + "<body><!-- hidden --><script>var a = '<p>';</script>Visible</body></html>"));
  }

  @Test
  void entitiesNamedAndNumericAreDecoded() {
    assertEquals("a & b < c \u00e9 \u20ac \u00fc \u2014 &unknown; x",
        HtmlText.reduce("a &amp; b &lt; c &#233; &#x20AC; &uuml; &mdash; &unknown; x"));
  }

  @Test
  void whiteSpaceIsCollapsed() {
    assertEquals("a b c", HtmlText.reduce("  a \n\n  b\t\tc  "));
  }

  @Test
  void tableCellsAreSeparated() {
    assertEquals("a b\nc d", HtmlText.reduce("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>"));
  }

  @Test
  void strayLessThanIsText() {
    assertEquals("1 < 2 and 3 > 2", HtmlText.reduce("1 < 2 and 3 > 2"));
  }

  @Test
  void unclosedHeadDoesNotSwallowTheBody() {
    assertEquals("text", HtmlText.reduce("<head><meta charset=utf-8><body>text"));
  }

  @Test
  void quotedGreaterThanInAttributesDoesNotEndTheTag() {
    assertEquals("x", HtmlText.reduce("<a title=\"a>b\">x</a>"));
  }
}
