package dev.mailtrace.smtp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.function.Supplier;

/**
 * Gives socket writes a timeout, which {@link Socket} itself only offers for reads.
 *
 * <p>RFC 5321 section 4.5.3.2.5 gives each data block three minutes: a server that stops reading
 * leaves a write blocked in the kernel for ever. A virtual thread per session watches the write in
 * progress and closes the socket when one has lasted longer than the limit; the blocked write then
 * fails, and {@link #stream} reports it as a {@link SocketTimeoutException} so the session counts
 * it as a timeout of its stage, not a lost connection.
 */
final class StalledWriteGuard implements AutoCloseable {
  private final Supplier<Socket> socket;
  private final long limitNanos;
  private final Thread watcher;
  /** When the write in progress started (System.nanoTime), or 0 when none is. */
  private volatile long writeStarted;
  private volatile boolean fired;
  private volatile boolean closed;

  StalledWriteGuard(Supplier<Socket> socket, long limitMillis) {
    this.socket = socket;
    this.limitNanos = limitMillis * 1_000_000L;
    long tick = Math.max(10, Math.min(1000, limitMillis / 4));
    this.watcher = Thread.ofVirtual().name("smtp-write-guard").start(() -> watch(tick));
  }

  /** Wraps a socket's output stream so its writes are watched. */
  OutputStream stream(OutputStream raw) {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        writeStarted = System.nanoTime();
        try {
          raw.write(b, off, len);
        } catch (IOException e) {
          throw fired ? stalled(e) : e;
        } finally {
          writeStarted = 0;
        }
      }

      @Override
      public void flush() throws IOException {
        raw.flush();
      }

      @Override
      public void close() throws IOException {
        raw.close();
      }
    };
  }

  private SocketTimeoutException stalled(IOException cause) {
    SocketTimeoutException t =
        new SocketTimeoutException("the server stopped reading for " + limitNanos / 1_000_000 + " ms");
    t.initCause(cause);
    return t;
  }

  private void watch(long tickMillis) {
    while (!closed) {
      try {
        Thread.sleep(tickMillis);
      } catch (InterruptedException e) {
        return;
      }
      long started = writeStarted;
      if (started != 0 && System.nanoTime() - started > limitNanos) {
        fired = true;
        try {
          socket.get().close();
        } catch (IOException ignored) {
          // Closing is the whole remedy; a socket that fails to close is already unusable.
        }
        return;
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    watcher.interrupt();
  }
}
