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
  private final byte[] out = new byte[MAX_FRAME];
  private int outLength;
  private final byte[] err = new byte[8 * 1024];
  private int errLength;

  Frames(OutputStream socket) {
    this.socket = socket;
  }

  /** The client's stdout: sent when 64 KiB are collected, before stderr, and at the end. */
  OutputStream stdout() {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        writeOut(b, off, len);
      }
    };
  }

  /** The client's stderr: sent at each flush (PrintStream and PrintWriter flush per line). */
  OutputStream stderr() {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        writeErr(b, off, len);
      }

      @Override
      public void flush() throws IOException {
        flushErr();
      }
    };
  }

  private synchronized void writeOut(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      int n = Math.min(len, out.length - outLength);
      System.arraycopy(b, off, out, outLength, n);
      outLength += n;
      off += n;
      len -= n;
      if (outLength == out.length) {
        sendOut();
      }
    }
  }

  private synchronized void writeErr(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      int n = Math.min(len, err.length - errLength);
      System.arraycopy(b, off, err, errLength, n);
      errLength += n;
      off += n;
      len -= n;
      if (errLength == err.length) {
        flushErr();
      }
    }
  }

  private synchronized void sendOut() throws IOException {
    if (outLength > 0) {
      frame('o', out, outLength);
      outLength = 0;
    }
  }

  private synchronized void flushErr() throws IOException {
    if (errLength > 0) {
      sendOut();
      frame('e', err, errLength);
      errLength = 0;
      socket.flush();
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
    flushErr();
    sendOut();
    socket.write(("x " + code + "\n").getBytes(StandardCharsets.US_ASCII));
    socket.flush();
  }

  /** Tells the client to run the command itself. */
  synchronized void notServed() throws IOException {
    socket.write("n\n".getBytes(StandardCharsets.US_ASCII));
    socket.flush();
  }
}
