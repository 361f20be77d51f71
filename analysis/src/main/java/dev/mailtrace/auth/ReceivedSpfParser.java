package dev.mailtrace.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads one Received-SPF field value (RFC 7208 section 9.1) into {@link ReceivedSpf}: {@code result
 * [comment] [key=value *(";" key=value) [";"]]}, values dot-atoms or quoted strings. Its own small
 * tokenizer; never throws. An unknown result, a pair without {@code =}, an unclosed comment or
 * string are recorded as problems; what can be read is kept.
 */
public final class ReceivedSpfParser {
  private ReceivedSpfParser() {}

  private static final Set<String> RESULTS = Set.of("pass", "fail", "softfail", "neutral", "none", "temperror", "permerror");

  /** Parses one unfolded field value (without the field name). */
  public static ReceivedSpf parse(String value) {
    String s = value == null ? "" : value.strip();
    List<String> problems = new ArrayList<>(0);
    if (s.length() > AuthResultsParser.MAX_CHARS) {
      problems.add("field too long: only the first " + AuthResultsParser.MAX_CHARS + " characters read");
      s = s.substring(0, AuthResultsParser.MAX_CHARS);
    }
    int i = 0;
    int n = s.length();
    while (i < n && !isSpace(s.charAt(i)) && s.charAt(i) != '(' && s.charAt(i) != ';') {
      i++;
    }
    String result = s.substring(0, i).toLowerCase(Locale.ROOT);
    if (result.isEmpty()) {
      problems.add("no result");
      result = null;
    } else if (!RESULTS.contains(result)) {
      problems.add("'" + TagList.shorten(result) + "' is not an SPF result");
    }
    String comment = null;
    Map<String, String> keys = new LinkedHashMap<>();
    while (i < n) {
      char c = s.charAt(i);
      if (isSpace(c) || c == ';') {
        i++;
      } else if (c == '(') {
        int depth = 0;
        int j = i;
        StringBuilder b = new StringBuilder();
        for (; j < n; j++) {
          char d = s.charAt(j);
          if (d == '\\' && j + 1 < n) {
            b.append(s.charAt(++j));
          } else if (d == '(' && depth++ == 0) {
            continue;
          } else if (d == ')' && --depth == 0) {
            break;
          } else {
            b.append(d);
          }
        }
        if (j >= n) {
          problems.add("comment not closed");
        }
        if (comment == null) {
          comment = b.toString().strip();
        }
        i = j + 1;
      } else {
        int eq = i;
        while (eq < n && s.charAt(eq) != '=' && s.charAt(eq) != ';' && !isSpace(s.charAt(eq)) && s.charAt(eq) != '(') {
          eq++;
        }
        String key = s.substring(i, eq).toLowerCase(Locale.ROOT);
        int e = eq;
        while (e < n && isSpace(s.charAt(e))) {
          e++;
        }
        if (e >= n || s.charAt(e) != '=') {
          problems.add("'" + TagList.shorten(key) + "' is not key=value");
          i = eq;
          continue;
        }
        int v = e + 1;
        while (v < n && isSpace(s.charAt(v))) {
          v++;
        }
        String val;
        if (v < n && s.charAt(v) == '"') {
          int close = s.indexOf('"', v + 1);
          if (close < 0) {
            problems.add("quoted string not closed");
            close = n;
          }
          val = s.substring(v + 1, close);
          i = close + 1;
        } else {
          int end = v;
          while (end < n && s.charAt(end) != ';' && !isSpace(s.charAt(end))) {
            end++;
          }
          val = s.substring(v, end);
          i = end;
        }
        if (val.startsWith("<") && val.endsWith(">")) {
          val = val.substring(1, val.length() - 1);
        }
        keys.putIfAbsent(key, val);
      }
    }
    String receiver = keys.get("receiver");
    if (receiver == null && comment != null) {
      int colon = comment.indexOf(':');
      String first = colon < 0 ? "" : comment.substring(0, colon);
      if (!first.isEmpty() && first.indexOf(' ') < 0 && first.indexOf('.') > 0) {
        receiver = first;
      }
    }
    return new ReceivedSpf(result, comment, keys, receiver == null ? null : receiver.toLowerCase(Locale.ROOT), problems);
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }
}
