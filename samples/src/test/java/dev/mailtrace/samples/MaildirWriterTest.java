package dev.mailtrace.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaildirWriterTest {

  private static long files(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    }
  }

  @Test
  void messagesLandInCurNewAndTheBouncesFolder(@TempDir Path root) throws IOException {
    MaildirWriter w = new MaildirWriter(root);
    SampleGenerator gen = new SampleGenerator(11);
    int bounces = 0;
    for (int i = 0; i < 300; i++) {
      Sample s = gen.next();
      w.write(s);
      if (s.kind() == Kind.DSN || s.kind() == Kind.NONSTANDARD_BOUNCE) {
        bounces++;
      }
    }
    assertEquals(300, w.messagesWritten());
    assertTrue(Files.isDirectory(root.resolve("tmp")));
    long bounceFiles = files(root.resolve(".Bounces/cur")) + files(root.resolve(".Bounces/new"));
    assertEquals(bounces, bounceFiles);
    assertEquals(300 - bounces, files(root.resolve("cur")) + files(root.resolve("new")));
    assertTrue(files(root.resolve("new")) > 0);
    try (Stream<Path> s = Files.list(root.resolve("cur"))) {
      assertTrue(s.allMatch(p -> p.getFileName().toString().endsWith(":2,S")));
    }
  }
}
