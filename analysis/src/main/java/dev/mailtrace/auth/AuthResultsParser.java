package dev.mailtrace.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads one Authentication-Results field value (RFC 8601 section 2.2) into {@link
 * AuthenticationResults}.
 *
 * <p>{@code authserv-id [version] ( ";" "none" / 1*( ";" method[/version] "=" result [reason=value]
 * *( ptype.property "=" value ) ) )}, comments anywhere. Its own tokenizer: words, quoted strings,
 * comments (kept: they carry the receivers' explanations), {@code ;} and {@code =}. Never throws:
 * what breaks the grammar is recorded as a problem and reading goes on, so Microsoft's fields
 * (results before the authserv-id, {@code action=} without a ptype) and Yahoo's ({@code from=}
 * after the authserv-id) still give their results. A result word RFC 8601 section 2.7 (or RFC 7489
 * and RFC 8617 for dmarc and arc) does not list for its method is a problem too.
 */
public final class AuthResultsParser {
  private AuthResultsParser() {}

  /** Result words per method (RFC 8601 section 2.7, RFC 7489 section 11.2, RFC 8617 section 4.4). */
  private static final Map<String, Set<String>> RESULTS = Map.of(
      "dkim", Set.of("none", "pass", "fail", "policy", "neutral", "temperror", "permerror"),
      "domainkeys", Set.of("none", "pass", "fail", "policy", "neutral", "temperror", "permerror"),
      "spf", Set.of("none", "neutral", "pass", "fail", "softfail", "temperror", "permerror"),
      "sender-id", Set.of("none", "neutral", "pass", "fail", "softfail", "temperror", "permerror"),
      "iprev", Set.of("pass", "fail", "temperror", "permerror"),
      "auth", Set.of("none", "pass", "fail", "temperror", "permerror"),
      "dmarc", Set.of("none", "pass", "fail", "temperror", "permerror"),
      "arc", Set.of("none", "pass", "fail"));

  /** Longest value read; the rest is ignored and recorded. */
  static final int MAX_CHARS = 16 * 1024;

  private static final byte WORD = 0;
  private static final byte QUOTED = 1;
  private static final byte COMMENT = 2;
  private static final byte SEMI = 3;
  private static final byte EQUALS = 4;

  private record Token(byte kind, String text) {}

  /** Parses one unfolded field value (without the field name). */
  public static AuthenticationResults parse(String value) {
    List<String> problems = new ArrayList<>(0);
    String v = value == null ? "" : value;
    if (v.length() > MAX_CHARS) {
      problems.add("field too long: only the first " + MAX_CHARS + " characters read");
      v = v.substring(0, MAX_CHARS);
    }
    List<List<Token>> groups = groups(tokens(v, problems));
    String authservId = null;
    List<AuthenticationResults.MethodResult> results = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      List<Token> group = groups.get(g);
      if (g == 0 && !hasEquals(group)) {
        // authserv-id [ CFWS authres-version ]
        List<Token> words = group.stream().filter(t -> t.kind() != COMMENT).toList();
        if (words.isEmpty()) {
          problems.add("no authserv-id");
        } else {
          authservId = words.get(0).text();
          if (words.size() > 1 && !(words.size() == 2 && words.get(1).text().chars().allMatch(Character::isDigit))) {
            problems.add("text after the authserv-id: '" + TagList.shorten(join(words.subList(1, words.size()))) + "'");
          }
        }
        continue;
      }
      if (g == 0) {
        if (indexOf(group, EQUALS) != 1) {
          authservId = group.get(0).text();
          problems.add("text after the authserv-id: '" + TagList.shorten(join(group.subList(1, group.size()))) + "'");
          continue;
        }
        problems.add("no authserv-id: the field starts with a result");
      }
      if (g == 1 && groups.size() == 2 && isNone(group)) {
        continue; // no-result
      }
      resinfo(group, results, problems);
    }
    if (authservId == null && groups.isEmpty()) {
      problems.add("empty field");
    }
    return new AuthenticationResults(authservId, results, problems);
  }

  private static boolean isNone(List<Token> group) {
    List<Token> words = group.stream().filter(t -> t.kind() != COMMENT).toList();
    return words.size() == 1 && words.get(0).text().equalsIgnoreCase("none");
  }

  /** One or more {@code method=result ...} specs; a second one without ';' before it is a problem. */
  private static void resinfo(List<Token> group, List<AuthenticationResults.MethodResult> out, List<String> problems) {
    String method = null;
    String result = null;
    String reason = null;
    String comment = null;
    Map<String, String> props = new LinkedHashMap<>();
    int i = 0;
    int n = group.size();
    while (i < n) {
      Token t = group.get(i);
      if (t.kind() == COMMENT) {
        if (method != null && comment == null && props.isEmpty() && reason == null) {
          comment = t.text();
        }
        i++;
        continue;
      }
      boolean pair = i + 2 < n + 1 && i + 1 < n && group.get(i + 1).kind() == EQUALS;
      if (!pair) {
        problems.add("'" + TagList.shorten(t.text()) + "' is not a result or property");
        i++;
        continue;
      }
      String key = t.text().toLowerCase(Locale.ROOT);
      String val = i + 2 < n && group.get(i + 2).kind() != EQUALS && group.get(i + 2).kind() != COMMENT
          ? group.get(i + 2).text() : "";
      i += val.isEmpty() ? 2 : 3;
      if (method == null && (key.indexOf('.') >= 0 || !isKeyword(val))) {
        problems.add("'" + TagList.shorten(key + "=" + val) + "' is not method=result");
        continue;
      }
      if (method == null || (key.indexOf('.') < 0 && !key.equals("reason") && isKeyword(val) && isMethodLike(key, val))) {
        if (method != null) {
          problems.add("no ';' before " + key + "=");
          out.add(method(method, result, reason, comment, props, problems));
          reason = null;
          comment = null;
          props = new LinkedHashMap<>();
        }
        int slash = key.indexOf('/');
        method = slash < 0 ? key : key.substring(0, slash).strip();
        result = val.toLowerCase(Locale.ROOT);
        if (result.isEmpty()) {
          problems.add(method + "= without a result");
        }
      } else if (key.equals("reason")) {
        reason = val;
      } else if (key.indexOf('.') > 0) {
        props.put(key.substring(0, key.indexOf('.')) + "." + key.substring(key.indexOf('.') + 1), val);
      } else {
        problems.add(key + "=" + TagList.shorten(val) + " is not ptype.property=value");
      }
    }
    if (method != null) {
      out.add(method(method, result, reason, comment, props, problems));
    }
  }

  /** RFC 8601 section 2.2: a result is a Keyword (RFC 5321's Ldh-str). */
  private static boolean isKeyword(String v) {
    if (v.isEmpty()) {
      return false;
    }
    for (int k = 0; k < v.length(); k++) {
      char c = v.charAt(k);
      if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9') && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean isMethodLike(String key, String val) {
    return RESULTS.containsKey(key) || key.startsWith("x-") || key.contains("/")
        || Set.of("pass", "fail", "none", "neutral", "softfail", "temperror", "permerror", "policy")
            .contains(val.toLowerCase(Locale.ROOT)) && !key.equals("action");
  }

  private static AuthenticationResults.MethodResult method(
      String method, String result, String reason, String comment, Map<String, String> props, List<String> problems) {
    Set<String> known = RESULTS.get(method);
    if (known != null && !result.isEmpty() && !known.contains(result)) {
      problems.add(method + "=" + result + " is not a result of " + method);
    }
    return new AuthenticationResults.MethodResult(method, result, reason, comment, props);
  }

  private static boolean hasEquals(List<Token> group) {
    return indexOf(group, EQUALS) >= 0;
  }

  private static int indexOf(List<Token> group, byte kind) {
    for (int i = 0; i < group.size(); i++) {
      if (group.get(i).kind() == kind) {
        return i;
      }
    }
    return -1;
  }

  private static String join(List<Token> tokens) {
    StringBuilder b = new StringBuilder();
    for (Token t : tokens) {
      if (t.kind() == COMMENT) {
        continue;
      }
      if (b.length() > 0 && t.kind() != EQUALS && b.charAt(b.length() - 1) != '=') {
        b.append(' ');
      }
      b.append(t.kind() == EQUALS ? "=" : t.text());
    }
    return b.toString();
  }

  /** The tokens split at each {@code ;}. */
  private static List<List<Token>> groups(List<Token> tokens) {
    List<List<Token>> out = new ArrayList<>();
    List<Token> cur = new ArrayList<>();
    for (Token t : tokens) {
      if (t.kind() == SEMI) {
        if (!cur.isEmpty() || out.isEmpty()) {
          out.add(cur);
        }
        cur = new ArrayList<>();
      } else {
        cur.add(t);
      }
    }
    if (!cur.isEmpty()) {
      out.add(cur);
    }
    out.removeIf(g -> g.isEmpty() && out.indexOf(g) > 0);
    return out;
  }

  /** Words (anything but white space, {@code ;=()"}), quoted strings, comments (nested), ; and =. */
  private static List<Token> tokens(String s, List<String> problems) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        i++;
      } else if (c == ';') {
        out.add(new Token(SEMI, ";"));
        i++;
      } else if (c == '=') {
        out.add(new Token(EQUALS, "="));
        i++;
      } else if (c == '(') {
        int depth = 0;
        StringBuilder b = new StringBuilder();
        int j = i;
        for (; j < n; j++) {
          char d = s.charAt(j);
          if (d == '\\' && j + 1 < n) {
            b.append(s.charAt(++j));
            continue;
          }
          if (d == '(' && depth++ == 0) {
            continue;
          }
          if (d == ')' && --depth == 0) {
            break;
          }
          b.append(d);
        }
        if (j >= n) {
          problems.add("comment not closed");
        }
        out.add(new Token(COMMENT, b.toString().strip()));
        i = j + 1;
      } else if (c == ')') {
        problems.add("')' without '('");
        i++;
      } else if (c == '"') {
        StringBuilder b = new StringBuilder();
        int j = i + 1;
        for (; j < n && s.charAt(j) != '"'; j++) {
          if (s.charAt(j) == '\\' && j + 1 < n) {
            j++;
          }
          b.append(s.charAt(j));
        }
        if (j >= n) {
          problems.add("quoted string not closed");
        }
        out.add(new Token(QUOTED, b.toString()));
        i = j + 1;
      } else {
        int j = i;
        while (j < n && " \t\r\n;=()\"".indexOf(s.charAt(j)) < 0) {
          j++;
        }
        out.add(new Token(WORD, s.substring(i, j)));
        i = j;
      }
    }
    return out;
  }
}
