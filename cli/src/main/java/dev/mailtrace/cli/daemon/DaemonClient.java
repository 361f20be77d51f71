package dev.mailtrace.cli.daemon;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The Java side of the wire, for {@code daemon status} and {@code daemon stop} and for tests; the
 * launcher's bash client (scripts/daemon-client.sh) is the one queries use.
 */
public final class DaemonClient {
  private DaemonClient() {}

  /**
   * What the daemon answered.
   *
   * @param served false when the daemon said "not served here" or closed without an answer
   * @param out what the command wrote to stdout
   * @param err what the command wrote to stderr
   * @param code the exit code (-1 when not served)
   */
  public record Reply(boolean served, byte[] out, byte[] err, int code) {
    /** Stdout as UTF-8 text. */
    public String outText() {
      return new String(out, StandardCharsets.UTF_8);
    }

    /** Stderr as UTF-8 text. */
    public String errText() {
      return new String(err, StandardCharsets.UTF_8);
    }
  }

  /**
   * Sends {@code request} with {@code token} to the daemon on {@code port} and reads the answer.
   *
   * @throws IOException when nothing listens there or the answer breaks off
   */
  public static Reply send(int port, String token, Request request) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
      request.write(s.getOutputStream(), token);
      InputStream in = new BufferedInputStream(s.getInputStream());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      while (true) {
        String header = line(in);
        if (header == null || header.equals("n")) {
          return new Reply(false, out.toByteArray(), err.toByteArray(), -1);
        }
        int space = header.indexOf(' ');
        if (space != 1) {
          throw new IOException("the daemon sent a garbled frame: " + header);
        }
        int value = Integer.parseInt(header.substring(2));
        switch (header.charAt(0)) {
          case 'o', 'O' -> out.write(in.readNBytes(value));
          case 'e', 'E' -> err.write(in.readNBytes(value));
          case 'x' -> {
            return new Reply(true, out.toByteArray(), err.toByteArray(), value);
          }
          default -> throw new IOException("the daemon sent a garbled frame: " + header);
        }
      }
    }
  }

  /** Sends {@code request} to the daemon a state file describes. */
  public static Reply send(DaemonState state, Request request) throws IOException {
    return send(state.port(), state.token(), request);
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        return null;
      }
      if (b.length() > 32) {
        throw new IOException("the daemon sent a garbled frame");
      }
      b.append((char) c);
    }
    return b.toString();
  }
}
