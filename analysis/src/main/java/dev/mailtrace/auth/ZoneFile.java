package dev.mailtrace.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The TXT records of a DNS zone file (RFC 1035 section 5.1), as BIND, {@code opendkim-genkey} and
 * {@code dig} write them: {@code [owner] [ttl] [class] TXT "string" ...}, with {@code ;} comments,
 * parentheses continuing a record over lines, {@code $ORIGIN} and {@code $TTL}, {@code @} for the
 * origin, a blank owner for the previous one, and {@code \"}, {@code \\} and {@code \DDD} escapes
 * in strings. Records of other types are skipped.
 *
 * <p>A name without a trailing dot is relative to {@code $ORIGIN} when one was given, and taken as
 * written otherwise (hand-written key files often leave the dot out). What cannot be read is
 * recorded with its line number.
 *
 * @param records per owner name (lower case, no trailing dot), each TXT record's strings joined,
 *     in file order
 * @param lines per owner name, the line each record starts on, parallel to {@code records}
 * @param problems what could not be read, "what: line N"
 */
record ZoneFile(Map<String, List<String>> records, Map<String, List<Integer>> lines, List<String> problems) {

  /** Reads zone file text; never throws. */
  static ZoneFile parse(String text) {
    Reading r = new Reading(text);
    r.read();
    return new ZoneFile(r.records, r.lines, r.problems);
  }

  /** One token of a logical line: a word or a quoted character-string. */
  private record Token(String text, boolean quoted) {}

  private static final class Reading {
    final String s;
    final Map<String, List<String>> records = new LinkedHashMap<>();
    final Map<String, List<Integer>> lines = new LinkedHashMap<>();
    final List<String> problems = new ArrayList<>();
    int i;
    int line = 1;
    String origin;
    String owner;

    Reading(String s) {
      this.s = s;
    }

    void read() {
      while (i < s.length()) {
        int startLine = line;
        boolean indented = i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t');
        List<Token> tokens = logicalLine();
        if (!tokens.isEmpty()) {
          record(tokens, indented, startLine);
        }
      }
    }

    /** The tokens up to the end of a line outside parentheses. */
    private List<Token> logicalLine() {
      List<Token> out = new ArrayList<>();
      int depth = 0;
      int openedAt = line;
      while (i < s.length()) {
        char c = s.charAt(i);
        switch (c) {
          case '\n' -> {
            i++;
            line++;
            if (depth == 0) {
              return out;
            }
          }
          case ' ', '\t', '\r' -> i++;
          case ';' -> {
            while (i < s.length() && s.charAt(i) != '\n') {
              i++;
            }
          }
          case '(' -> {
            if (depth++ == 0) {
              openedAt = line;
            }
            i++;
          }
          case ')' -> {
            if (depth == 0) {
              problems.add("')' without '(': line " + line);
            } else {
              depth--;
            }
            i++;
          }
          case '"' -> out.add(new Token(quoted(), true));
          default -> {
            int j = i;
            while (j < s.length() && " \t\r\n;()\"".indexOf(s.charAt(j)) < 0) {
              j++;
            }
            out.add(new Token(s.substring(i, j), false));
            i = j;
          }
        }
      }
      if (depth > 0) {
        problems.add("'(' not closed: line " + openedAt);
      }
      return out;
    }

    /** A quoted character-string from the opening quote at {@code i}; escapes resolved. */
    private String quoted() {
      int startLine = line;
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      i++;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == '"') {
          i++;
          return b.toString(StandardCharsets.UTF_8);
        }
        if (c == '\\' && i + 1 < s.length()) {
          char n = s.charAt(i + 1);
          if (n >= '0' && n <= '9' && i + 3 < s.length() && isDigits(s, i + 1, i + 4)) {
            b.write(Integer.parseInt(s, i + 1, i + 4, 10) & 0xff); // \DDD: a byte in decimal
            i += 4;
          } else {
            b.write(n);
            i += 2;
          }
          continue;
        }
        if (c == '\n') {
          break; // BIND does not let a string run over a line end either
        }
        b.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        i++;
      }
      problems.add("string not closed: line " + startLine);
      return b.toString(StandardCharsets.UTF_8);
    }

    private static boolean isDigits(String s, int from, int to) {
      for (int k = from; k < to; k++) {
        if (s.charAt(k) < '0' || s.charAt(k) > '9') {
          return false;
        }
      }
      return true;
    }

    private void record(List<Token> t, boolean indented, int at) {
      String first = t.get(0).text();
      if (!t.get(0).quoted() && first.startsWith("$")) {
        switch (first.toUpperCase(Locale.ROOT)) {
          case "$ORIGIN" -> {
            if (t.size() < 2) {
              problems.add("$ORIGIN without a name: line " + at);
            } else {
              origin = absolute(t.get(1).text());
            }
          }
          case "$TTL" -> { }
          default -> problems.add(first + " not supported: line " + at);
        }
        return;
      }
      int k = 0;
      if (!indented) {
        owner = name(first);
        k = 1;
      }
      // [ttl] [class] in either order, then the type
      while (k < t.size() && !t.get(k).quoted() && (isTtl(t.get(k).text()) || isClass(t.get(k).text()))) {
        k++;
      }
      if (k >= t.size()) {
        problems.add("record without a type: line " + at);
        return;
      }
      if (!t.get(k).text().equalsIgnoreCase("TXT")) {
        return;
      }
      if (owner == null) {
        problems.add("TXT record without an owner name: line " + at);
        return;
      }
      if (k + 1 >= t.size()) {
        problems.add("TXT record without strings: line " + at);
        return;
      }
      StringBuilder joined = new StringBuilder();
      for (int j = k + 1; j < t.size(); j++) {
        joined.append(t.get(j).text());
      }
      records.computeIfAbsent(owner, x -> new ArrayList<>()).add(joined.toString());
      lines.computeIfAbsent(owner, x -> new ArrayList<>()).add(at);
    }

    private String name(String written) {
      if (written.equals("@")) {
        return origin == null ? "" : origin;
      }
      if (written.endsWith(".") || origin == null) {
        return absolute(written);
      }
      return absolute(written) + (origin.isEmpty() ? "" : "." + origin);
    }

    private static String absolute(String written) {
      String n = written.toLowerCase(Locale.ROOT);
      return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    private static boolean isTtl(String w) {
      if (w.isEmpty() || !Character.isDigit(w.charAt(0))) {
        return false;
      }
      for (int k = 0; k < w.length(); k++) {
        if ("0123456789smhdwSMHDW".indexOf(w.charAt(k)) < 0) {
          return false;
        }
      }
      return true;
    }

    private static boolean isClass(String w) {
      return w.equalsIgnoreCase("IN") || w.equalsIgnoreCase("CH") || w.equalsIgnoreCase("HS") || w.equalsIgnoreCase("CS");
    }
  }
}
