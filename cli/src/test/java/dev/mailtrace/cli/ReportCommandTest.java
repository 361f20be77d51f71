package dev.mailtrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
  @TempDir Path dir;

  @Test
  void writesOneSelfContainedFileAndKeepsAnExistingOne() throws Exception {
    Path idx = SampleIndex.build(dir);
    Path out = dir.resolve("report.html");
    CliRun r = CliRun.run("report", "--index", idx.toString(), "is:bounce", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().startsWith("mailtrace: wrote " + out + " (13 messages, "), r.err());
    String html = Files.readString(out);
    assertTrue(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;;"), html.substring(0, 400));
    CliRun again = CliRun.run("report", "--index", idx.toString(), "--out", out.toString());
    assertEquals(2, again.code());
    assertTrue(again.err().contains("exists; choose another --out or add --force"), again.err());
    assertEquals(html, Files.readString(out));
    assertEquals(0, CliRun.run("report", "--index", idx.toString(), "--out", out.toString(), "--force").code());
  }

  @Test
  void aBadQueryIsAUsageErrorWithItsColumn() throws Exception {
    Path idx = SampleIndex.build(dir);
    CliRun r = CliRun.run("report", "--index", idx.toString(), "from:(", "--out", dir.resolve("r.html").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("mailtrace: bad query at column 7:"), r.err());
  }

  @Test
  void noIndexSaysHowToMakeOne() {
    CliRun r = CliRun.run("report", "--index", dir.resolve("none").toString(), "--out", dir.resolve("r.html").toString());
    assertEquals(3, r.code());
    assertTrue(r.err().contains("mailtrace index PATH..."), r.err());
  }
}
