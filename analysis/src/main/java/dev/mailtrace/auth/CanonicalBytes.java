package dev.mailtrace.auth;

import java.util.Arrays;

/**
 * The bytes a signature covers, built up as header fields are canonicalised: a growable buffer
 * reused for every signature of a message, so a verification allocates no per-field arrays.
 */
final class CanonicalBytes {
  byte[] buf = new byte[2048];
  int size;

  void clear() {
    size = 0;
  }

  void add(byte b) {
    if (size == buf.length) {
      buf = Arrays.copyOf(buf, size * 2);
    }
    buf[size++] = b;
  }

  void add(byte[] src, int from, int len) {
    if (size + len > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + len));
    }
    System.arraycopy(src, from, buf, size, len);
    size += len;
  }

  void crlf() {
    add((byte) '\r');
    add((byte) '\n');
  }

  /** A copy of the bytes so far. */
  byte[] toArray() {
    return Arrays.copyOf(buf, size);
  }
}
