package dev.mailtrace.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PublicSuffixesTest {
  private final PublicSuffixes psl = PublicSuffixes.bundled();

  @Test
  void organizationalDomainsFollowTheListsRules() {
    assertEquals("example.com", psl.organizationalDomain("mail.example.com"));
    assertEquals("example.co.uk", psl.organizationalDomain("a.b.example.co.uk"));
    assertEquals("foo.bar.ck", psl.organizationalDomain("x.foo.bar.ck")); // wildcard *.ck
    assertEquals("www.ck", psl.organizationalDomain("a.www.ck")); // exception !www.ck
    assertEquals("example.unlistedtld", psl.organizationalDomain("mx.example.unlistedtld"));
    assertEquals("xn--mgbh0fb.xn--kgbechtv", psl.organizationalDomain("mail.xn--mgbh0fb.xn--kgbechtv"));
    assertNull(psl.organizationalDomain("co.uk"));
  }

  @Test
  void alignmentIsStrictRelaxedOrNone() {
    assertEquals(Alignment.STRICT, Alignment.of("Example.com", "example.com.", psl));
    assertEquals(Alignment.RELAXED, Alignment.of("example.com", "news.example.com", psl));
    assertEquals(Alignment.NONE, Alignment.of("example.co.uk", "other.co.uk", psl));
    assertEquals(Alignment.NONE, Alignment.of("example.com", null, psl));
  }
}
