package dev.mailtrace.message;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;

/**
 * UTF-7 (RFC 2152), decode only: Java has no UTF-7, and some old mail (Outlook, Exchange) is
 * labelled with it. Lenient: a shift sequence ends at any character outside the base64 alphabet, a
 * '-' ending it is absorbed, "+-" is '+', and leftover bits are dropped.
 */
final class Utf7 extends Charset {
  static final Utf7 INSTANCE = new Utf7();

  private Utf7() {
    super("x-mailtrace-utf-7", new String[] {"utf-7"});
  }

  @Override
  public boolean contains(Charset cs) {
    return false;
  }

  @Override
  public boolean canEncode() {
    return false;
  }

  @Override
  public CharsetEncoder newEncoder() {
    throw new UnsupportedOperationException("UTF-7 is decode-only here");
  }

  @Override
  public CharsetDecoder newDecoder() {
    return new Decoder(this);
  }

  private static final class Decoder extends CharsetDecoder {
    private boolean shifted; // inside a "+...-" base64 run
    private boolean justShifted; // the '+' was the last byte read
    private int bits;
    private int bitCount;

    Decoder(Charset cs) {
      super(cs, 1.0f, 1.0f);
    }

    @Override
    protected void implReset() {
      shifted = false;
      justShifted = false;
      bits = 0;
      bitCount = 0;
    }

    @Override
    protected CoderResult decodeLoop(ByteBuffer in, CharBuffer out) {
      while (in.hasRemaining()) {
        if (!out.hasRemaining()) {
          return CoderResult.OVERFLOW; // every byte gives at most one char
        }
        int b = in.get() & 0xFF;
        if (shifted) {
          int v = value(b);
          if (v >= 0) {
            justShifted = false;
            bits = (bits << 6) | v;
            bitCount += 6;
            if (bitCount >= 16) {
              bitCount -= 16;
              out.put((char) ((bits >> bitCount) & 0xFFFF));
            }
            continue;
          }
          boolean plusMinus = justShifted && b == '-';
          shifted = false;
          justShifted = false;
          bits = 0;
          bitCount = 0;
          if (plusMinus) {
            out.put('+');
            continue;
          }
          if (b == '-') {
            continue; // the explicit end of the run
          }
        }
        if (b == '+') {
          shifted = true;
          justShifted = true;
        } else {
          out.put((char) b); // direct characters; 8-bit bytes kept as Latin-1
        }
      }
      return CoderResult.UNDERFLOW;
    }

    private static int value(int c) {
      if (c >= 'A' && c <= 'Z') {
        return c - 'A';
      }
      if (c >= 'a' && c <= 'z') {
        return c - 'a' + 26;
      }
      if (c >= '0' && c <= '9') {
        return c - '0' + 52;
      }
      return c == '+' ? 62 : c == '/' ? 63 : -1;
    }
  }
}
