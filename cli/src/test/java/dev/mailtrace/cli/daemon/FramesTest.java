package dev.mailtrace.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FramesTest {
  private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
  private final Frames frames = new Frames(wire);

  private String wire() {
    return wire.toString(StandardCharsets.ISO_8859_1);
  }

  @Test
  void stdoutWaitsForTheEndAndStderrGoesAtEachLine() throws IOException {
    PrintStream out = new PrintStream(frames.stdout(), true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(frames.stderr(), true, StandardCharsets.UTF_8);
    out.println("row 1");
    out.println("row 2");
    assertEquals("", wire());
    err.println("mailtrace: showing 2 of 9");
    out.println("ü");
    frames.exit(1);
    assertEquals("o 12\nrow 1\nrow 2\ne 26\nmailtrace: showing 2 of 9\no 3\n\u00c3\u00bc\nx 1\n", wire());
  }

  @Test
  void aLongOutputIsSentInFramesOf64KiB() throws IOException {
    byte[] big = new byte[Frames.MAX_FRAME * 2 + 10];
    java.util.Arrays.fill(big, (byte) 'a');
    frames.stdout().write(big);
    frames.exit(0);
    String w = wire();
    assertEquals("o 65536\n", w.substring(0, 8));
    assertEquals("o 65536\n", w.substring(8 + 65536, 16 + 65536));
    assertEquals("o 10\n", w.substring(16 + 2 * 65536, 21 + 2 * 65536));
    assertEquals("x 0\n", w.substring(w.length() - 4));
  }

  @Test
  void bytesWithANulTravelInABinaryFrame() throws IOException {
    frames.stdout().write(new byte[] {'a', 0, 'b'});
    frames.stderr().write(new byte[] {0});
    frames.stderr().flush();
    frames.exit(0);
    assertEquals("O 3\na\0bE 1\n\0x 0\n", wire());
  }

  @Test
  void notServedIsOneLine() throws IOException {
    frames.notServed();
    assertEquals("n\n", wire());
  }
}
