package dev.mailtrace.message;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Lenient charset lookup and decoding for mail: labels as real mail writes them, never an
 * exception.
 *
 * <p>Labels are resolved once and cached (a bounded cache: labels on the wire are few). Unknown
 * labels and undecodable bytes fall back to UTF-8 when the bytes are valid UTF-8, else
 * windows-1252, the charset most often mislabelled as ISO-8859-1 or US-ASCII in the wild.
 */
public final class Charsets {
  private static final Charset WINDOWS_1252 = lookup("windows-1252");

  private Charsets() {}

  /**
   * The charset for a MIME label, or null when Java does not know it under any usual spelling.
   *
   * <p>Besides Java's names and aliases: quotes and stray punctuation around the label, '_' or ' '
   * for '-', {@code *language} suffixes (RFC 2231 section 5), the WHATWG habit of reading ASCII and
   * Latin-1 as windows-1252, every label containing "utf8"/"utf-8", "-i"/"-e" suffixes of the
   * bidirectional ISO 8859 variants, {@code cp}/{@code win}/{@code windows} spellings of code
   * pages, Mac names, and labels that only say "unknown 8-bit" (read like windows-1252, which
   * decoding tries as UTF-8 first).
   */
  public static Charset forLabel(String label) {
    if (label == null) {
      return null;
    }
    Charset cached = CACHE.get(label);
    if (cached != null) {
      return cached == NONE ? null : cached;
    }
    Charset c = resolve(label);
    if (CACHE.size() < CACHE_LIMIT) {
      CACHE.put(label, c == null ? NONE : c);
    }
    return c;
  }

  /** Labels seen on the wire are few; the cap keeps hostile input from growing the cache. */
  private static final int CACHE_LIMIT = 512;

  private static final java.util.concurrent.ConcurrentHashMap<String, Charset> CACHE =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Marks a label known to have no charset. */
  private static final Charset NONE = StandardCharsets.US_ASCII;

  private static Charset resolve(String label) {
    String l = label.trim().toLowerCase(Locale.ROOT);
    int star = l.indexOf('*');
    if (star > 0) {
      l = l.substring(0, star);
    }
    l = strip(l, "\"'`;,. ");
    if (l.isEmpty()) {
      return null;
    }
    Charset c = known(l);
    if (c == null && (l.indexOf('_') >= 0 || l.indexOf(' ') >= 0)) {
      c = known(l.replace('_', '-').replace(' ', '-'));
    }
    if (c == null && (l.endsWith("-i") || l.endsWith("-e")) && l.startsWith("iso")) {
      c = known(l.substring(0, l.length() - 2)); // RFC 1556 iso-8859-6-i, iso-8859-8-i
    }
    if (c == null && (l.contains("utf8") || l.contains("utf-8"))) {
      c = StandardCharsets.UTF_8; // utf8mb4, x-unicode20utf8, unicode-2-0-utf-8
    }
    if (c == null) {
      // Code pages: cp1252, cp-1252, win-1251, windows1251, ms-1252, ibm850.
      int d = 0;
      while (d < l.length() && !Character.isDigit(l.charAt(d))) {
        d++;
      }
      String prefix = strip(l.substring(0, d), "-_ ");
      String digits = l.substring(d);
      if (!digits.isEmpty() && digits.chars().allMatch(Character::isDigit)) {
        switch (prefix) {
          case "cp", "win", "windows", "ms", "x-cp", "x-windows" -> {
            c = lookup("windows-" + digits);
            if (c == null) {
              c = lookup("IBM" + digits);
            }
          }
          case "ibm" -> c = lookup("IBM" + digits);
          default -> {}
        }
      }
    }
    return c;
  }

  private static Charset known(String l) {
    // WHATWG encoding rules: these labels mean windows-1252 in practice.
    switch (l) {
      case "us-ascii",
      "ascii",
      "iso-8859-1",
      "latin1",
      "latin-1",
      "l1",
      "iso8859-1",
      "iso_8859-1",
      "iso-8859-1:1987",
      "iso-ir-100",
      "csisolatin1",
      "ansi_x3.4-1968",
      "ascii-us",
      "646",
      "iso646-us",
      "us",
      "cp819",
      "ibm819":
        return WINDOWS_1252;
      // Labels that only say "some 8-bit charset": decoding tries UTF-8, then windows-1252.
      case "unknown-8bit", "x-unknown", "unknown", "8bit", "default", "x-user-defined", "none":
        return WINDOWS_1252;
      case "utf8", "utf-8", "unicode-1-1-utf-8":
        return StandardCharsets.UTF_8;
      case "utf-7", "utf7", "unicode-1-1-utf-7", "csunicode11utf7", "unicode-2-0-utf-7":
        return Utf7.INSTANCE;
      case "ucs-2", "iso-10646-ucs-2", "csunicode":
        return StandardCharsets.UTF_16BE;
      case "ks_c_5601-1987", "ks_c_5601", "ksc5601", "ks_c_5601-1989", "ksc_5601":
        return lookup("x-windows-949");
      case "gb2312", "gbk", "x-gbk", "cp936", "euc-cn", "x-euc-cn", "chinese", "csgb2312":
        return lookup("GBK");
      case "iso-2022-jp-ms", "iso-2022-jp-3", "iso-2022-jp-2004":
        return lookup("ISO-2022-JP");
      case "mac", "macintosh", "x-mac-roman", "mac-roman", "csmacintosh":
        return lookup("x-MacRoman");
      case "x-mac-cyrillic", "mac-cyrillic", "x-mac-ukrainian":
        return lookup("x-MacCyrillic");
      // WHATWG: the Microsoft supersets are what these labels carry in practice.
      case "x-sjis",
      "sjis",
      "shift-jis",
      "shift_jis",
      "ms_kanji",
      "csshiftjis",
      "cp932",
      "ms932",
      "windows-932":
        return lookup("windows-31j");
      case "euc-kr", "cseuckr", "iso-ir-149", "korean":
        return lookup("x-windows-949");
      case "big5", "x-big5", "cn-big5", "csbig5":
        return lookup("Big5-HKSCS");
      case "iso-8859-9", "iso8859-9", "latin5", "l5":
        return lookup("windows-1254");
      case "tis-620", "iso-8859-11", "iso8859-11":
        return lookup("x-windows-874");
      default:
        Charset c = lookup(l);
        if (c == null && l.startsWith("x-")) {
          c = lookup(l.substring(2));
        }
        return c;
    }
  }

  private static String strip(String s, String chars) {
    int a = 0;
    int b = s.length();
    while (a < b && chars.indexOf(s.charAt(a)) >= 0) {
      a++;
    }
    while (b > a && chars.indexOf(s.charAt(b - 1)) >= 0) {
      b--;
    }
    return s.substring(a, b);
  }

  /** Decodes bytes with the labelled charset, falling back as the class describes. */
  public static String decode(byte[] bytes, String label) {
    return decode(bytes, 0, bytes.length, label);
  }

  /** Decodes a range of bytes with the labelled charset, falling back as the class describes. */
  public static String decode(byte[] bytes, int offset, int length, String label) {
    return decode(bytes, offset, length, forLabel(label));
  }

  /** Decodes a range of bytes with a known charset, with the same fallback for UTF-8 and Latin. */
  public static String decode(byte[] bytes, int offset, int length, Charset cs) {
    if (cs == null || cs == WINDOWS_1252 || cs == StandardCharsets.UTF_8) {
      return decodeGuessing(bytes, offset, length, cs);
    }
    return new String(bytes, offset, length, cs);
  }

  /**
   * UTF-8 when the bytes are valid UTF-8 (which pure ASCII is), else the given charset or
   * windows-1252.
   */
  public static String decodeGuessing(byte[] bytes, int offset, int length, Charset otherwise) {
    int end = offset + length;
    int i = firstNonAscii(bytes, offset, end);
    if (i == end) {
      return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }
    // Checking first and then decoding with String's UTF-8 path gives the same text as a
    // reporting CharsetDecoder, without a decoder, a CharBuffer and a copy per call.
    if (isUtf8(bytes, i, end)) {
      return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }
    Charset fallback =
        otherwise == null || otherwise == StandardCharsets.UTF_8 ? WINDOWS_1252 : otherwise;
    return new String(bytes, offset, length, fallback);
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGHS = 0x8080808080808080L;

  /** The index of the first byte with the high bit set in {@code [from, end)}, or {@code end}. */
  private static int firstNonAscii(byte[] b, int from, int end) {
    int i = from;
    while (i + 8 <= end) {
      long w = (long) LONGS.get(b, i) & HIGHS;
      if (w != 0) {
        return i + (Long.numberOfTrailingZeros(w) >>> 3);
      }
      i += 8;
    }
    while (i < end && b[i] >= 0) {
      i++;
    }
    return i;
  }

  /**
   * True when {@code [from, end)} is well-formed UTF-8 (Unicode 15 table 3-7: no overlong forms,
   * no surrogates, nothing above U+10FFFF, no cut sequence), which is exactly what Java's decoder
   * accepts when it reports malformed input.
   */
  static boolean isUtf8(byte[] b, int from, int end) {
    int i = from;
    while (i < end) {
      int c = b[i];
      if (c >= 0) {
        // Mostly-ASCII text with a few accents: skip ASCII eight bytes at a time.
        i++;
        while (i + 8 <= end && ((long) LONGS.get(b, i) & HIGHS) == 0) {
          i += 8;
        }
        continue;
      }
      c &= 0xff;
      if (c < 0xc2) {
        return false;
      }
      if (c < 0xe0) {
        if (i + 1 >= end || (b[i + 1] & 0xc0) != 0x80) {
          return false;
        }
        i += 2;
        continue;
      }
      if (c < 0xf0) {
        if (i + 2 >= end) {
          return false;
        }
        int c1 = b[i + 1] & 0xff;
        int lo = c == 0xe0 ? 0xa0 : 0x80;
        int hi = c == 0xed ? 0x9f : 0xbf;
        if (c1 < lo || c1 > hi || (b[i + 2] & 0xc0) != 0x80) {
          return false;
        }
        i += 3;
        continue;
      }
      if (c > 0xf4 || i + 3 >= end) {
        return false;
      }
      int c1 = b[i + 1] & 0xff;
      int lo = c == 0xf0 ? 0x90 : 0x80;
      int hi = c == 0xf4 ? 0x8f : 0xbf;
      if (c1 < lo || c1 > hi || (b[i + 2] & 0xc0) != 0x80 || (b[i + 3] & 0xc0) != 0x80) {
        return false;
      }
      i += 4;
    }
    return true;
  }

  private static Charset lookup(String name) {
    try {
      return Charset.forName(name);
    } catch (RuntimeException unknown) {
      return null;
    }
  }
}
