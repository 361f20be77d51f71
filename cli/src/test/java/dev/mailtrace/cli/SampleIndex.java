package dev.mailtrace.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Test fixture: runs the CLI in-process and indexes a copy of the bundled sample archive. */
final class SampleIndex {
  private SampleIndex() {}

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The bundled samples/archive.mbox (180 messages); skips the test when it is absent. */
  static Path archive() {
    Path p = Path.of(System.getProperty("mailtrace.root", ".")).resolve("samples/archive.mbox");
    Assumptions.assumeTrue(Files.isRegularFile(p), "samples/archive.mbox is not here");
    return p;
  }

  /** Copies the sample archive into {@code dir} and indexes it into {@code dir/idx}; returns the index. */
  static Path build(Path dir) throws IOException {
    Path mbox = dir.resolve("archive.mbox");
    Files.copy(archive(), mbox);
    Path idx = dir.resolve("idx");
    Run r = run("index", mbox.toString(), "--index", idx.toString(), "--threads", "2", "--quiet");
    if (r.code() != 0) {
      throw new IllegalStateException("indexing the samples failed: " + r.err());
    }
    return idx;
  }
}
