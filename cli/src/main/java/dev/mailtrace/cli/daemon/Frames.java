package dev.mailtrace.cli.daemon;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The daemon's answer to one request, as it travels: frames a bash client copies with {@code read}
 * and {@code head -c}.
 *
 * <pre>
 * o LEN \n  LEN bytes for stdout, no NUL among them (bash's read -N copies them without a fork)
 * e LEN \n  LEN bytes for stderr, no NUL among them
 * O LEN \n  LEN bytes for stdout that hold a NUL (the client copies them with head -c)
 * E LEN \n  LEN bytes for stderr that hold a NUL
 * x CODE \n the exit code; the last frame
 * n \n      not served here: run the command in a JVM of your own; the only frame
 * </pre>
 *
 * <p>Stdout is collected into frames of up to 64 KiB, so a long listing streams with few frames
 * (each costs the client a read); stderr is sent at each flush (a line), after any stdout
 * written before it, so the two interleave on a terminal as in a normal run.
 */
final class Frames {
  static final int MAX_FRAME = 64 * 1024;

  private final OutputStream socket;
  private final Buffer out = new Buffer('o', MAX_FRAME);
  private final Buffer err = new Buffer('e', 8 * 1024);

  Frames(OutputStream socket) {
    this.socket = socket;
  }

  /** The client's stdout: sent when 64 KiB are collected, before stderr, and at the end. */
  OutputStream stdout() {
    return out;
  }

  /** The client's stderr: sent at each flush (PrintStream and PrintWriter flush per line). */
  OutputStream stderr() {
    return err;
  }

  /** One stream's bytes until they are sent as a frame: when full, and for stderr at each flush. */
  private final class Buffer extends OutputStream {
    private final char kind;
    private final byte[] bytes;
    private int length;

    Buffer(char kind, int size) {
      this.kind = kind;
      this.bytes = new byte[size];
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      synchronized (Frames.this) {
        while (len > 0) {
          int n = Math.min(len, bytes.length - length);
          System.arraycopy(b, off, bytes, length, n);
          length += n;
          off += n;
          len -= n;
          if (length == bytes.length) {
            send();
          }
        }
      }
    }

    @Override
    public void flush() throws IOException {
      if (this == err) {
        synchronized (Frames.this) {
          send();
        }
      }
    }

    /** Sends what is collected; stderr first sends the stdout written before it and is flushed at once. */
    void send() throws IOException {
      if (length == 0) {
        return;
      }
      if (this == err) {
        out.send();
      }
      frame(kind, bytes, length);
      length = 0;
      if (this == err) {
        socket.flush();
      }
    }
  }

  private void frame(char kind, byte[] b, int len) throws IOException {
    for (int i = 0; i < len; i++) {
      if (b[i] == 0) {
        kind = Character.toUpperCase(kind);
        break;
      }
    }
    socket.write((kind + " " + len + "\n").getBytes(StandardCharsets.US_ASCII));
    socket.write(b, 0, len);
  }

  /** Sends what is left of stdout and stderr, then the exit code. */
  synchronized void exit(int code) throws IOException {
    err.send();
    out.send();
    socket.write(("x " + code + "\n").getBytes(StandardCharsets.US_ASCII));
    socket.flush();
  }

  /** Tells the client to run the command itself. */
  synchronized void notServed() throws IOException {
    socket.write("n\n".getBytes(StandardCharsets.US_ASCII));
    socket.flush();
  }
}
