package dev.mailtrace.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mailtrace.message.Header;
import dev.mailtrace.received.HopChain;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthTrailTest {
  @Test
  void fieldsGoToTheHopWhoseServerWroteThemWhicheverSideOfItsReceived() {
    List<Header> headers = List.of(
        new Header("Authentication-Results", "mail.example.net; dkim=pass header.d=example.com"), // Postfix milter: above
        new Header("Received", "from mx.google.com (mx.google.com [192.0.2.9]) by mail.example.net; Mon, 1 Jan 2024 10:00:03 +0000"),
        new Header("Received", "from sender.example.com (sender.example.com [192.0.2.1]) by mx.google.com with ESMTPS;"
            + " Mon, 1 Jan 2024 10:00:02 +0000"),
        new Header("Received-SPF", "pass (google.com: domain of a@example.com designates 192.0.2.1 as permitted sender)"
            + " client-ip=192.0.2.1;"), // Gmail: below
        new Header("Authentication-Results", "mx.google.com; spf=pass smtp.mailfrom=a@example.com"),
        new Header("Authentication-Results", "unknown.example; arc=none"),
        new Header("Received", "from [10.0.0.5] by sender.example.com with ESMTPSA; Mon, 1 Jan 2024 10:00:00 +0000"));
    HopChain chain = HopChain.ofFields(headers.stream().filter(h -> h.is("Received")).map(Header::value).toList());
    AuthTrail trail = AuthTrail.of(headers, chain, PublicSuffixes.bundled());
    assertEquals(List.of("3 true mail.example.net", "2 true google.com", "2 true mx.google.com", "2 false unknown.example"),
        trail.fields().stream().map(f -> f.hop() + " " + f.byName() + " " + f.server()).toList());
    assertEquals(List.of(new AuthTrail.Verdict("dkim", "pass", "example.com", null)), trail.verdictsOf(3));
  }
}
