package dev.mailtrace.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.mailtrace.cli.Invocation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestTest {
  private static final String TOKEN = "ab".repeat(32);
  private static final byte[] TOKEN_BYTES = TOKEN.getBytes(StandardCharsets.US_ASCII);

  private static byte[] wire(Request r, String token) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    r.write(b, token);
    return b.toByteArray();
  }

  private static Request read(byte[] bytes) throws IOException {
    return Request.read(new ByteArrayInputStream(bytes), TOKEN_BYTES);
  }

  private static byte[] fields(String... fields) {
    StringBuilder b = new StringBuilder();
    for (String f : fields) {
      b.append(f).append('\0');
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aRequestSurvivesTheWire() throws IOException {
    Request r = new Request(Path.of("/home/ann/mail"), new Invocation.Terminals(true, false, true, 132, true), true,
        List.of("search", "--index", "idx", "subject:\"Grüße aus Köln\"", ""));
    assertEquals(r, read(wire(r, TOKEN)));
  }

  @Test
  void whatBashPrintfSendsIsRead() throws IOException {
    Request r = read(fields("mailtrace/1", TOKEN, "/tmp", "oe", "", "3", "stats", "--by", "day"));
    assertEquals(Path.of("/tmp"), r.cwd());
    assertEquals(new Invocation.Terminals(false, true, true, 0, false), r.terminals());
    assertEquals(List.of("stats", "--by", "day"), r.args());
  }

  @Test
  void aWrongOrShortTokenIsRefused() throws IOException {
    assertNull(read(wire(Request.of(Path.of("/tmp"), "search"), "cd".repeat(32))));
    assertNull(read(fields("mailtrace/1", TOKEN.substring(1), "/tmp", "", "", "1", "search")));
    assertNull(read(fields("mailtrace/1", TOKEN + "0", "/tmp", "", "", "1", "search")));
  }

  @Test
  void otherProtocolsAndBrokenRequestsAreRefused() throws IOException {
    assertNull(read("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
    assertNull(read(fields("mailtrace/2", TOKEN, "/tmp", "", "", "0")));
    assertNull(read(fields("mailtrace/1", TOKEN, "relative/folder", "", "", "0")));
    assertNull(read(fields("mailtrace/1", TOKEN, "/tmp", "", "", "2", "search")));
    assertNull(read(fields("mailtrace/1", TOKEN, "/tmp", "", "", "-1")));
    assertNull(read(fields("mailtrace/1", TOKEN, "/tmp", "", "wide", "0")));
    assertNull(read(fields("mailtrace/1", TOKEN, "/tmp", "", "", "1", "x".repeat(70_000))));
    assertNull(read(new byte[0]));
  }
}
