package dev.mailtrace.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Test fixture: indexes a copy of the bundled sample archive. */
public final class SampleIndex {
  private SampleIndex() {}

  /** The bundled samples/archive.mbox (180 messages); skips the test when it is absent. */
  public static Path archive() {
    Path p = Path.of(System.getProperty("mailtrace.root", ".")).resolve("samples/archive.mbox");
    Assumptions.assumeTrue(Files.isRegularFile(p), "samples/archive.mbox is not here");
    return p;
  }

  /** Copies the sample archive into {@code dir} and indexes it into {@code dir/idx}; returns the index. */
  public static Path build(Path dir) throws IOException {
    Path mbox = dir.resolve("archive.mbox");
    Files.copy(archive(), mbox);
    Path idx = dir.resolve("idx");
    CliRun r = CliRun.run("index", mbox.toString(), "--index", idx.toString(), "--threads", "2", "--quiet");
    if (r.code() != 0) {
      throw new IllegalStateException("indexing the samples failed: " + r.err());
    }
    return idx;
  }
}
