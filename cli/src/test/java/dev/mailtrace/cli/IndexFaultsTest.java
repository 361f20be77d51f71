package dev.mailtrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults around an index run: a full disk, and a second run on an index being written. */
class IndexFaultsTest {
  @TempDir Path dir;

  /**
   * The index on a file system that fills up: one line saying so and exit 3, an index that opens,
   * and once there is room a run that completes it. The file system is a small tmpfs this test
   * mounts, which needs root (CI runs as root); elsewhere the test is skipped.
   */
  @Test
  void aFullDiskIsOneLineAndALaterRunCompletesTheIndex() throws Exception {
    Path mbox = dir.resolve("ten-times.mbox");
    byte[] samples = Files.readAllBytes(SampleIndex.archive());
    for (int i = 0; i < 10; i++) {
      Files.write(mbox, samples, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
    Path mount = Files.createDirectories(dir.resolve("small"));
    Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString()),
        "cannot mount a tmpfs here (not root?)");
    try {
      Path index = mount.resolve("idx");
      CliRun full = CliRun.run("index", "--quiet", "--threads", "2", "--index", index.toString(), mbox.toString());
      assertEquals(3, full.code(), full.out() + full.err());
      assertEquals(1, full.err().lines().count(), full.err());
      assertTrue(full.err().startsWith("mailtrace: the disk is full (") && full.err().contains("a later run completes it"), full.err());

      assertTrue(run("mount", "-o", "remount,size=64m", mount.toString()), "remount");
      CliRun again = CliRun.run("index", "--quiet", "--index", index.toString(), mbox.toString());
      assertEquals(0, again.code(), again.err());
      CliRun count = CliRun.run("search", "--index", index.toString(), "--count", "*");
      assertEquals("1800", count.out().strip(), count.err());
    } finally {
      run("umount", "-l", mount.toString());
    }
  }

  @Test
  void aSecondRunOnAnIndexBeingWrittenIsRefusedClearly() throws IOException {
    Path index = SampleIndex.build(dir);
    try (var d = FSDirectory.open(index);
        IndexWriter first = new IndexWriter(d, new IndexWriterConfig())) {
      CliRun second = CliRun.run("index", "--quiet", "--index", index.toString(), SampleIndex.archive().toString());
      assertEquals(3, second.code());
      assertEquals("mailtrace: " + index + ": another index run is writing to this index (it holds the index's write.lock);"
          + " wait for it to end, or index into another folder.", second.err().strip());
    }
  }

  private static boolean run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
  }
}
