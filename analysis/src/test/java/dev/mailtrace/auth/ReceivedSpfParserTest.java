package dev.mailtrace.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReceivedSpfParserTest {
  @Test
  void rfc7208Section91ExamplesParse() {
    ReceivedSpf a = ReceivedSpfParser.parse("pass (mybox.example.org: domain of myname@example.com designates 192.0.2.1 as"
        + " permitted sender) receiver=mybox.example.org; client-ip=192.0.2.1; envelope-from=\"myname@example.com\";"
        + " helo=foo.example.com;");
    assertEquals(List.of(), a.problems());
    assertEquals("pass mybox.example.org myname@example.com 192.0.2.1", a.result() + " " + a.receiver() + " " + a.identity()
        + " " + a.keys().get("client-ip"));
    ReceivedSpf b = ReceivedSpfParser.parse("fail (mybox.example.org: domain of myname@example.com does not designate"
        + " 192.0.2.1 as permitted sender) identity=mailfrom; client-ip=192.0.2.1; envelope-from=\"myname@example.com\";");
    assertEquals("fail mybox.example.org", b.result() + " " + b.receiver());
  }

  @Test
  void theResultIsCaseInsensitiveAndOddTextIsAProblem() {
    ReceivedSpf ms = ReceivedSpfParser.parse("None (protection.outlook.com: outlook.com does not designate permitted sender hosts)");
    assertEquals("none protection.outlook.com []", ms.result() + " " + ms.receiver() + " " + ms.problems());
    assertEquals(List.of("'maybe' is not an SPF result", "'junk' is not key=value"),
        ReceivedSpfParser.parse("maybe (x) junk helo=a.example").problems());
  }
}
