package dev.mailtrace.received;

/**
 * The tokens of one Received field value, in parallel arrays (no object per token).
 *
 * <p>Kinds: a word (any run of characters other than white space and {@code ()[]<>;,"}), a domain
 * literal (the text between {@code [} and the matching {@code ]}, kept whole because literals
 * such as {@code [IPv6:2001:db8::1]} or {@code [UNIX: localhost]} hold colons and spaces), the
 * comment delimiters {@code (} and {@code )}, {@code ;} and {@code ,}. Angle brackets and quotes
 * are dropped; a word that stood inside {@code <>} is flagged. Each token records the comment
 * depth it stands at (RFC 5322 section 3.2.2: comments nest) and whether white space preceded it.
 */
final class ReceivedTokens {
  static final byte WORD = 0;
  static final byte LITERAL = 1;
  static final byte OPEN = 2;
  static final byte CLOSE = 3;
  static final byte SEMI = 4;
  static final byte COMMA = 5;

  /** Longest value tokenised; the rest of a longer field is ignored (and reported). */
  static final int MAX_CHARS = 16 * 1024;

  private static final int MAX_DEPTH = 64;

  final String text;
  int size;
  byte[] kind;
  int[] start;
  int[] end;
  short[] depth;
  boolean[] angled;
  boolean[] spaced;
  final boolean truncated;

  ReceivedTokens(String value) {
    this.text = value;
    int n = Math.min(value.length(), MAX_CHARS);
    truncated = n < value.length();
    int cap = 16;
    kind = new byte[cap];
    start = new int[cap];
    end = new int[cap];
    depth = new short[cap];
    angled = new boolean[cap];
    spaced = new boolean[cap];
    scan(n);
  }

  private void scan(int n) {
    String s = text;
    int d = 0;
    boolean space = true;
    boolean angle = false;
    int i = 0;
    while (i < n) {
      char ch = s.charAt(i);
      switch (ch) {
        case ' ', '\t', '\r', '\n' -> {
          space = true;
          i++;
        }
        case '<' -> {
          angle = true;
          i++;
        }
        case '>', '"' -> i++;
        case '(' -> {
          d = Math.min(d + 1, MAX_DEPTH);
          add(OPEN, i, i + 1, d, false, space);
          space = false;
          i++;
        }
        case ')' -> {
          add(CLOSE, i, i + 1, d, false, space);
          d = Math.max(d - 1, 0);
          space = false;
          i++;
        }
        case ';' -> {
          add(SEMI, i, i + 1, d, false, space);
          space = false;
          i++;
        }
        case ',' -> {
          add(COMMA, i, i + 1, d, false, space);
          space = false;
          i++;
        }
        case '[' -> {
          int close = literalEnd(s, i, n);
          if (close < 0) {
            // an unclosed bracket is noise, not a literal that swallows the line
            i++;
          } else {
            add(LITERAL, i + 1, close, d, false, space);
            space = false;
            i = close + 1;
          }
        }
        case ']' -> i++;
        default -> {
          int j = i + 1;
          while (j < n && !isDelimiter(s.charAt(j))) {
            j++;
          }
          add(WORD, i, j, d, angle, space);
          angle = false;
          space = false;
          i = j;
        }
      }
    }
  }

  /** Index of the {@code ]} closing the literal opened at {@code open}, or -1. */
  private static int literalEnd(String s, int open, int n) {
    int nest = 0;
    for (int j = open + 1; j < n && j - open < 256; j++) {
      char ch = s.charAt(j);
      if (ch == '[') {
        nest++;
      } else if (ch == ']') {
        if (nest == 0) {
          return j;
        }
        nest--;
      } else if (ch == ';' || ch == '\n') {
        return -1;
      }
    }
    return -1;
  }

  static boolean isDelimiter(char ch) {
    return switch (ch) {
      case ' ', '\t', '\r', '\n', '(', ')', '[', ']', '<', '>', ';', ',', '"' -> true;
      default -> false;
    };
  }

  private void add(byte k, int from, int to, int d, boolean angle, boolean space) {
    if (size == kind.length) {
      int cap = size * 2;
      kind = java.util.Arrays.copyOf(kind, cap);
      start = java.util.Arrays.copyOf(start, cap);
      end = java.util.Arrays.copyOf(end, cap);
      depth = java.util.Arrays.copyOf(depth, cap);
      angled = java.util.Arrays.copyOf(angled, cap);
      spaced = java.util.Arrays.copyOf(spaced, cap);
    }
    kind[size] = k;
    start[size] = from;
    end[size] = to;
    depth[size] = (short) d;
    angled[size] = angle;
    spaced[size] = space;
    size++;
  }

  String text(int t) {
    return text.substring(start[t], end[t]);
  }

  boolean isWord(int t) {
    return t >= 0 && t < size && kind[t] == WORD;
  }

  boolean isLiteral(int t) {
    return t >= 0 && t < size && kind[t] == LITERAL;
  }

  /** True when token {@code t} is a word equal to {@code lower}, ignoring ASCII case. */
  boolean is(int t, String lower) {
    return isWord(t) && end[t] - start[t] == lower.length() && IpAddress.regionIgnoreCase(text, start[t], lower);
  }

  /** True when token {@code t} is a word starting with {@code lower}, ignoring ASCII case. */
  boolean startsWith(int t, String lower) {
    return isWord(t) && end[t] - start[t] >= lower.length() && IpAddress.regionIgnoreCase(text, start[t], lower);
  }

  /** Token {@code t} as written, a literal with its brackets. */
  String written(int t) {
    return kind[t] == LITERAL ? "[" + text(t) + "]" : text(t);
  }
}
