package dev.mailtrace.web;

import dev.mailtrace.index.IndexConfig;
import dev.mailtrace.index.IndexRun;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Test fixture: an index of the bundled samples (180 messages in an mbox, 30 in a Maildir) and the
 * hostile HTML corpus (src/test/resources/hostile), with the canary's address written into it.
 *
 * @param dir the folder holding the copies and the index
 * @param index the index folder
 * @param hostile the hostile messages as written, by name
 */
record TestArchive(Path dir, Path index, List<Path> hostile) {
  static final List<String> HOSTILE = List.of("scripts", "links", "refresh", "forms", "css", "images", "svg", "encodings");

  /** Builds the archive in {@code dir}; {@code canary} is the host:port the hostile mail names. */
  static TestArchive build(Path dir, String canary) throws IOException {
    Path root = Path.of(System.getProperty("mailtrace.root", ".."));
    Path samples = root.resolve("samples");
    Assumptions.assumeTrue(Files.isRegularFile(samples.resolve("archive.mbox")), "samples/archive.mbox is not here");
    Path mbox = dir.resolve("archive.mbox");
    Files.copy(samples.resolve("archive.mbox"), mbox);
    Path hostileDir = Files.createDirectories(dir.resolve("hostile"));
    List<Path> hostile = new ArrayList<>();
    for (String name : HOSTILE) {
      Path out = hostileDir.resolve(name + ".eml");
      Files.write(out, hostile(name, canary));
      hostile.add(out);
    }
    Path index = dir.resolve("idx");
    new IndexRun(index, List.of(mbox, samples.resolve("maildir"), hostileDir), IndexConfig.DEFAULT.withThreads(2)).run();
    return new TestArchive(dir, index, hostile);
  }

  /** A hostile message with the canary's address in place of CANARY (see the corpus README). */
  static byte[] hostile(String name, String canary) throws IOException {
    String text;
    try (InputStream in = TestArchive.class.getResourceAsStream("/hostile/" + name + ".eml")) {
      text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
    StringBuilder out = new StringBuilder();
    for (String line : text.replace("CANARY", canary).split("\n", -1)) {
      if (line.startsWith("@base64 ")) {
        line = Base64.getMimeEncoder().encodeToString(line.substring(8).getBytes(StandardCharsets.UTF_8));
      }
      out.append(line.replace("\\0", "\0")).append("\r\n");
    }
    out.setLength(out.length() - 2);
    return out.toString().getBytes(StandardCharsets.ISO_8859_1);
  }
}
