package dev.mailtrace.cli;

import static dev.mailtrace.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProbeCommandTest {
  @RegisterExtension
  static final GreenMailExtension GREENMAIL = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

  @Test
  void everyStepIsRecordedWithItsReply() throws Exception {
    CliRun r = run("probe", "127.0.0.1:" + GREENMAIL.getSmtp().getPort(), "--vrfy", "someone@lab.test", "--csv");
    assertEquals(0, r.code(), r.err());
    List<String> steps = new java.util.ArrayList<>();
    try (var csv = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new java.io.StringReader(r.out()))) {
      csv.forEach(rec -> steps.add(rec.get("step")));
    }
    assertEquals(List.of("greeting", "ehlo", "help", "noop", "vrfy", "expn", "quit"), steps);
    assertTrue(r.out().contains("VRFY someone@lab.test"), r.out());
  }

  @Test
  void aServerElsewhereNeedsIMeanIt() {
    CliRun r = run("probe", "192.0.2.1:25");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--i-mean-it"), r.err());
  }

  @Test
  void argumentsAreOneLine() {
    CliRun r = run("probe", "127.0.0.1:" + GREENMAIL.getSmtp().getPort(), "--vrfy", "a\r\nRSET");
    assertEquals(2, r.code());
  }

  @Test
  void noServerIsAnEnvironmentError() throws Exception {
    int port;
    try (var s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    CliRun r = run("probe", "127.0.0.1:" + port, "--timeout", "2s");
    assertEquals(3, r.code(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
  }
}
