package dev.mailtrace.auth;

import java.security.MessageDigest;

/**
 * The two canonicalisation algorithms of RFC 6376 section 3.4, for header fields and for the body.
 *
 * <p>Simple changes nothing but trailing empty lines of the body. Relaxed lower-cases field names,
 * unfolds, turns runs of WSP into one space and drops WSP at the ends of values; in the body it
 * drops WSP at line ends, turns runs of WSP into one space and drops trailing empty lines. Header
 * fields come from a {@link WireMessage}, whose lines end with CRLF; a body's lines may end with LF
 * or CRLF, and both are hashed as CRLF.
 */
enum Canonicalization {
  SIMPLE("simple"),
  RELAXED("relaxed");

  private final String word;

  Canonicalization(String word) {
    this.word = word;
  }

  /** The algorithm's name in a {@code c=} tag. */
  String word() {
    return word;
  }

  /** The algorithm named {@code word} (case-sensitive, as tag values are), or null. */
  static Canonicalization of(String word) {
    return switch (word) {
      case "simple" -> SIMPLE;
      case "relaxed" -> RELAXED;
      default -> null;
    };
  }

  /**
   * Appends field {@code f} of {@code m}, canonicalised, to {@code out}. The bytes in {@code
   * [cutFrom, cutTo)} are left out (the signature's own {@code b=} value; pass -1, -1 for none), and
   * with {@code last} the field's final CRLF is too (RFC 6376 section 3.7: the signature field is
   * hashed without it).
   */
  void header(WireMessage m, int f, CanonicalBytes out, int cutFrom, int cutTo, boolean last) {
    byte[] b = m.bytes;
    if (this == SIMPLE) {
      int end = last ? m.valueEnd(f) : m.end[f];
      int s = m.start[f];
      if (cutFrom >= 0) {
        out.add(b, s, cutFrom - s);
        out.add(b, cutTo, end - cutTo);
      } else {
        out.add(b, s, end - s);
      }
      return;
    }
    for (int k = m.start[f]; k < m.nameEnd[f]; k++) {
      byte c = b[k];
      out.add(c >= 'A' && c <= 'Z' ? (byte) (c + 32) : c);
    }
    out.add((byte) ':');
    boolean space = false;
    boolean any = false;
    int to = m.valueEnd(f);
    for (int k = m.valueStart(f); k < to; k++) {
      if (k == cutFrom) {
        k = cutTo - 1;
        continue;
      }
      byte c = b[k];
      if (c == '\r' && k + 1 < to && b[k + 1] == '\n') {
        k++; // unfold: the CRLF of a continuation line goes
      } else if (c == ' ' || c == '\t') {
        space = any;
      } else {
        if (space) {
          out.add((byte) ' ');
          space = false;
        }
        out.add(c);
        any = true;
      }
    }
    if (!last) {
      out.crlf();
    }
  }

  /**
   * Hashes the canonical form of the body {@code bytes[from, to)} into {@code digest}, at most its
   * first {@code limit} bytes, and returns the length of the whole canonical body.
   */
  long body(byte[] bytes, int from, int to, MessageDigest digest, long limit) {
    return this == SIMPLE ? simpleBody(bytes, from, to, digest, limit) : relaxedBody(bytes, from, to, digest, limit);
  }

  private static long simpleBody(byte[] b, int from, int to, MessageDigest digest, long limit) {
    int e = to;
    while (true) {
      if (e - 2 >= from && b[e - 2] == '\r' && b[e - 1] == '\n') {
        e -= 2;
      } else if (e - 1 >= from && b[e - 1] == '\n') {
        e -= 1;
      } else {
        break;
      }
    }
    // RFC 6376 section 3.4.3: no trailing empty lines; an empty body is one CRLF
    Emitter out = new Emitter(digest, limit);
    int i = from;
    while (i < e) {
      int lf = i;
      while (lf < e && b[lf] != '\n') {
        lf++;
      }
      int eol = lf < e && lf > i && b[lf - 1] == '\r' ? lf - 1 : lf;
      out.add(b, i, eol - i);
      out.crlf();
      i = lf + 1;
    }
    if (e == from) {
      out.crlf();
    }
    out.flush();
    return out.length;
  }

  private static long relaxedBody(byte[] b, int from, int to, MessageDigest digest, long limit) {
    Emitter out = new Emitter(digest, limit);
    int pendingEmpty = 0;
    int i = from;
    while (i < to) {
      int lf = i;
      while (lf < to && b[lf] != '\n') {
        lf++;
      }
      int eol = lf < to && lf > i && b[lf - 1] == '\r' ? lf - 1 : lf; // CRLF or a bare LF
      int last = eol - 1;
      while (last >= i && (b[last] == ' ' || b[last] == '\t')) {
        last--;
      }
      if (last < i) {
        pendingEmpty++; // empty once its trailing WSP is gone: kept only if text follows
      } else {
        for (; pendingEmpty > 0; pendingEmpty--) {
          out.crlf();
        }
        // runs of non-WSP bytes are copied whole; each run of WSP between them becomes one space
        int k = i;
        while (k <= last) {
          int run = k;
          while (run <= last && b[run] != ' ' && b[run] != '\t') {
            run++;
          }
          out.add(b, k, run - k);
          if (run > last) {
            break;
          }
          out.add((byte) ' ');
          k = run;
          while (b[k] == ' ' || b[k] == '\t') {
            k++; // stops at last at the latest: b[last] is not WSP
          }
        }
        out.crlf();
      }
      i = lf + 1;
    }
    out.flush();
    return out.length;
  }

  /** Buffers canonical body bytes into the digest, counting them all but hashing at most a limit. */
  private static final class Emitter {
    final MessageDigest digest;
    final long limit;
    final byte[] buf = new byte[8192];
    int pos;
    long length;

    Emitter(MessageDigest digest, long limit) {
      this.digest = digest;
      this.limit = limit;
    }

    void add(byte c) {
      if (length++ < limit) {
        if (pos == buf.length) {
          flush();
        }
        buf[pos++] = c;
      }
    }

    void add(byte[] src, int from, int len) {
      long room = limit - length;
      length += len;
      int n = (int) Math.min(len, Math.max(0, room));
      while (n > 0) {
        if (pos == buf.length) {
          flush();
        }
        int chunk = Math.min(n, buf.length - pos);
        System.arraycopy(src, from, buf, pos, chunk);
        pos += chunk;
        from += chunk;
        n -= chunk;
      }
    }

    void crlf() {
      add((byte) '\r');
      add((byte) '\n');
    }

    void flush() {
      digest.update(buf, 0, pos);
      pos = 0;
    }
  }
}
