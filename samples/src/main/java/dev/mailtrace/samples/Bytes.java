package dev.mailtrace.samples;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer for composing one message; line ends are written as LF. */
final class Bytes {
  private byte[] buf;
  private int len;

  Bytes(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  int length() {
    return len;
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }
  }

  Bytes append(byte b) {
    ensure(1);
    buf[len++] = b;
    return this;
  }

  Bytes append(byte[] b) {
    return append(b, 0, b.length);
  }

  Bytes append(byte[] b, int off, int n) {
    ensure(n);
    System.arraycopy(b, off, buf, len, n);
    len += n;
    return this;
  }

  /** Appends text that is ASCII (header lines, boundaries, encoded words). */
  Bytes ascii(String s) {
    ensure(s.length());
    for (int i = 0; i < s.length(); i++) {
      buf[len++] = (byte) s.charAt(i);
    }
    return this;
  }

  Bytes text(String s, Charset charset) {
    return charset == StandardCharsets.US_ASCII ? ascii(s) : append(s.getBytes(charset));
  }

  Bytes newline() {
    return append((byte) '\n');
  }

  Bytes line(String ascii) {
    return ascii(ascii).newline();
  }

  /** The content with LF line ends, or with every LF turned into CRLF. */
  byte[] toArray(boolean crlf) {
    if (!crlf) {
      return Arrays.copyOf(buf, len);
    }
    int lines = 0;
    for (int i = 0; i < len; i++) {
      if (buf[i] == '\n') {
        lines++;
      }
    }
    byte[] out = new byte[len + lines];
    int j = 0;
    for (int i = 0; i < len; i++) {
      if (buf[i] == '\n') {
        out[j++] = '\r';
      }
      out[j++] = buf[i];
    }
    return out;
  }
}
