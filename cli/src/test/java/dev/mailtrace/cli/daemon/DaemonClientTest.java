package dev.mailtrace.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DaemonClientTest {

  /** Answers one connection with {@code answer}, after reading the request. */
  private static DaemonClient.Reply exchange(String answer) throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread t = Thread.ofVirtual().start(() -> {
        try (Socket s = server.accept()) {
          Request.read(s.getInputStream(), "t".getBytes(StandardCharsets.US_ASCII));
          s.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
          throw new RuntimeException(e);
        }
      });
      DaemonClient.Reply r = DaemonClient.send(server.getLocalPort(), "t", Request.of(Path.of("/"), "search", "x"));
      t.join();
      return r;
    }
  }

  @Test
  void framesWithNulBytesArriveAsTheyWereSent() throws Exception {
    DaemonClient.Reply r = exchange("o 2\nab" + "O 3\nc\0d" + "E 2\n\0e" + "x 1\n");
    assertTrue(r.served());
    assertArrayEquals("abc\0d".getBytes(StandardCharsets.ISO_8859_1), r.out());
    assertArrayEquals("\0e".getBytes(StandardCharsets.ISO_8859_1), r.err());
    assertEquals(1, r.code());
  }

  @Test
  void notServedIsNoAnswer() throws Exception {
    DaemonClient.Reply r = exchange("n\n");
    assertTrue(!r.served());
    assertEquals(-1, r.code());
  }
}
