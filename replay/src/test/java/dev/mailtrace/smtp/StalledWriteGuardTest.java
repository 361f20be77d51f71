package dev.mailtrace.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StalledWriteGuardTest {

  /** A server that answers up to 354 and then never reads again: the client's write must end. */
  @Test
  void aServerThatStopsReadingEndsTheDataBlockWithATimeout() throws Exception {
    try (ServerSocket server = new ServerSocket()) {
      server.setReceiveBufferSize(4096);
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      Thread peer = Thread.ofVirtual().start(() -> answerThenStall(server));

      SmtpClientConfig config =
          SmtpClientConfig.defaults()
              .withTimeouts(
                  new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5),
                      Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(400),
                      Duration.ofSeconds(5)));
      byte[] line = "x".repeat(998).getBytes(StandardCharsets.US_ASCII);
      byte[] body = new byte[64 * 1024 * 1024];
      for (int i = 0; i + 1000 <= body.length; i += 1000) {
        System.arraycopy(line, 0, body, i, 998);
        body[i + 998] = '\r';
        body[i + 999] = '\n';
      }
      byte[] message = concat("Subject: big\r\n\r\n".getBytes(StandardCharsets.US_ASCII), body);

      long start = System.nanoTime();
      try (SmtpSession s = SmtpSession.open("127.0.0.1", server.getLocalPort(), config)) {
        SmtpException e =
            assertThrows(
                SmtpException.class,
                () -> s.send(new Envelope("a@example.test", java.util.List.of(Envelope.Recipient.of("b@example.test"))), MessageData.of(message)));
        assertEquals(SmtpException.Kind.TIMEOUT, e.kind(), e.getMessage());
      }
      assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 30, "the write ended");
      peer.interrupt();
    }
  }

  private static void answerThenStall(ServerSocket server) {
    try (Socket c = server.accept()) {
      OutputStream out = c.getOutputStream();
      BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.US_ASCII));
      out.write("220 stall.test ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
      for (String l; (l = in.readLine()) != null; ) {
        String reply = l.startsWith("EHLO") ? "250 stall.test" : l.startsWith("DATA") ? "354 go on" : "250 ok";
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        if (l.startsWith("DATA")) {
          Thread.sleep(60_000);
          return;
        }
      }
    } catch (Exception stopped) {
      // The test is over or the client gave up: both end the peer.
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
