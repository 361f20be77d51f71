package dev.mailtrace.archive;

import dev.mailtrace.message.Sha256;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;

/**
 * Collects one message's stored bytes as they stream past: SHA-256 over all of them, a copy of the
 * first {@code cap} bytes, and the total length.
 */
final class MessageAccumulator {
  private final int cap;
  private MessageDigest digest;
  private byte[] content;
  private int size;
  private long length;

  MessageAccumulator(int cap) {
    this(cap, null);
  }

  /**
   * An accumulator that starts with {@code spare} (a buffer the previous message no longer needs)
   * instead of growing a new one from 8 KB, so a reader copies a message's bytes once on the way
   * in and once on the way out.
   */
  MessageAccumulator(int cap, byte[] spare) {
    this(cap, spare, null);
  }

  /**
   * As {@link #MessageAccumulator(int, byte[])}, also reusing a finished accumulator's digest
   * (reset by {@link #sha256Hex()}) when {@code spareDigest} is not null.
   */
  MessageAccumulator(int cap, byte[] spare, MessageDigest spareDigest) {
    this.cap = cap;
    this.digest = spareDigest != null ? spareDigest : Sha256.newDigest();
    this.content = spare != null ? spare : new byte[8192];
  }

  /** The digest, reset, once {@link #sha256Hex()} has been taken: for the next accumulator. */
  MessageDigest spareDigest() {
    return digest;
  }

  void add(byte[] b, int off, int len) {
    if (len <= 0) {
      return;
    }
    digest.update(b, off, len);
    length += len;
    int keep = (int) Math.min(len, (long) cap - size);
    if (keep > 0) {
      if (size + keep > content.length) {
        long grown = Math.max((long) size + keep, (long) content.length * 2);
        content = Arrays.copyOf(content, (int) Math.min(grown, cap));
      }
      System.arraycopy(b, off, content, size, keep);
      size += keep;
    }
  }

  long length() {
    return length;
  }

  /** Bytes kept: the content length, at most the cap. */
  int size() {
    return size;
  }

  boolean isTruncated() {
    return length > size;
  }
  /** Records the cut, when there was one, as a problem of the message that starts at {@code offset}. */
  void reportTruncation(List<String> problems, long offset) {
    if (isTruncated()) {
      problems.add("message of " + length() + " bytes longer than the content limit: content cut to "
          + size() + " bytes, offset " + offset);
    }
  }


  /** The kept bytes; the internal array itself when it is exactly full (saves a copy). */
  byte[] content() {
    if (size == content.length) {
      byte[] whole = content;
      content = null; // handed out: never to be reused as a spare
      return whole;
    }
    return Arrays.copyOf(content, size);
  }

  /**
   * The buffer for the next message's accumulator once this one is done with it, or null when it
   * was handed out or is too large to keep around (memory stays bounded by one ordinary message).
   */
  byte[] spare() {
    byte[] b = content;
    return b != null && b.length <= SPARE_LIMIT ? b : null;
  }

  private static final int SPARE_LIMIT = 4 << 20;

  /** The kept bytes without copying: valid up to {@link #size()}. */
  byte[] buffer() {
    return content;
  }

  String sha256Hex() {
    return Sha256.hex(digest.digest());
  }

  /** The state at this point, to go back to if a later framing decision is undone. */
  Mark mark() {
    try {
      return new Mark((MessageDigest) digest.clone(), size, length);
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-256 digest cannot be cloned", e);
    }
  }

  /** Goes back to a state taken by {@link #mark()}. */
  void reset(Mark mark) {
    digest = mark.digest;
    size = mark.size;
    length = mark.length;
  }

  record Mark(MessageDigest digest, int size, long length) {}
}
