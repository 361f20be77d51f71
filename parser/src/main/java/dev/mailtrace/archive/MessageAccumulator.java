package dev.mailtrace.archive;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Collects one message's stored bytes as they stream past: SHA-256 over all of them, a copy of the
 * first {@code cap} bytes, and the total length.
 */
final class MessageAccumulator {
  private final int cap;
  private MessageDigest digest;
  private byte[] content = new byte[8192];
  private int size;
  private long length;

  MessageAccumulator(int cap) {
    this.cap = cap;
    this.digest = sha256();
  }

  private static final MessageDigest PROTOTYPE;

  static {
    try {
      PROTOTYPE = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java runtime has no SHA-256", e);
    }
  }

  /** A fresh SHA-256 digest; cloning a prototype skips the provider lookup on every message. */
  static MessageDigest sha256() {
    try {
      return (MessageDigest) PROTOTYPE.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-256 digest cannot be cloned", e);
    }
  }

  static String hex(byte[] hash) {
    return HexFormat.of().formatHex(hash);
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
    return size == content.length ? content : Arrays.copyOf(content, size);
  }

  /** The kept bytes without copying: valid up to {@link #size()}. */
  byte[] buffer() {
    return content;
  }

  String sha256Hex() {
    return hex(digest.digest());
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
