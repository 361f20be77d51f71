package dev.mailtrace.mime;

import java.util.HashMap;
import java.util.Map;

/**
 * Reduces HTML to readable text in one pass: tags removed, script, style and comments dropped,
 * block elements turned into line breaks, white space collapsed, character references (named and
 * numeric) decoded. Not an HTML parser: it only has to make a message's words searchable and
 * readable.
 */
final class HtmlText {
  private static final Map<String, String> ENTITIES = entities();

  private static Map<String, String> entities() {
    Map<String, String> map = new HashMap<>();
    String[] pairs = {
      "amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'", "nbsp", "\u00a0",
      "copy", "\u00a9", "reg", "\u00ae", "trade", "\u2122", "hellip", "\u2026", "mdash", "\u2014",
      "ndash", "\u2013", "lsquo", "\u2018", "rsquo", "\u2019", "sbquo", "\u201a", "ldquo", "\u201c",
      "rdquo", "\u201d", "bdquo", "\u201e", "bull", "\u2022", "middot", "\u00b7", "euro", "\u20ac",
      "pound", "\u00a3", "yen", "\u00a5", "cent", "\u00a2", "sect", "\u00a7", "para", "\u00b6",
      "deg", "\u00b0", "plusmn", "\u00b1", "times", "\u00d7", "divide", "\u00f7", "laquo", "\u00ab",
      "raquo", "\u00bb", "shy", "\u00ad", "zwnj", "\u200c", "zwj", "\u200d", "ensp", "\u2002",
      "emsp", "\u2003", "thinsp", "\u2009", "iexcl", "\u00a1", "iquest", "\u00bf", "szlig", "\u00df",
      "micro", "\u00b5", "frac12", "\u00bd", "frac14", "\u00bc", "frac34", "\u00be", "dagger",
      "\u2020", "larr", "\u2190", "rarr", "\u2192", "uarr", "\u2191", "darr", "\u2193",
    };
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    // Latin-1 letters with diacritics: &Auml; &eacute; ... built from their Unicode names' pattern.
    String[][] accents = {
      {"grave", "\u00c0\u00c8\u00cc\u00d2\u00d9\u00e0\u00e8\u00ec\u00f2\u00f9", "AEIOUaeiou"},
      {"acute", "\u00c1\u00c9\u00cd\u00d3\u00da\u00dd\u00e1\u00e9\u00ed\u00f3\u00fa\u00fd", "AEIOUYaeiouy"},
      {"circ", "\u00c2\u00ca\u00ce\u00d4\u00db\u00e2\u00ea\u00ee\u00f4\u00fb", "AEIOUaeiou"},
      {"tilde", "\u00c3\u00d1\u00d5\u00e3\u00f1\u00f5", "ANOano"},
      {"uml", "\u00c4\u00cb\u00cf\u00d6\u00dc\u00e4\u00eb\u00ef\u00f6\u00fc\u00ff", "AEIOUaeiouy"},
      {"ring", "\u00c5\u00e5", "Aa"},
      {"cedil", "\u00c7\u00e7", "Cc"},
      {"slash", "\u00d8\u00f8", "Oo"},
    };
    for (String[] a : accents) {
      for (int i = 0; i < a[2].length(); i++) {
        map.put(a[2].charAt(i) + a[0], String.valueOf(a[1].charAt(i)));
      }
    }
    map.put("AElig", "\u00c6");
    map.put("aelig", "\u00e6");
    map.put("ETH", "\u00d0");
    map.put("eth", "\u00f0");
    map.put("THORN", "\u00de");
    map.put("thorn", "\u00fe");
    return Map.copyOf(map);
  }

  private HtmlText() {}

  /** The readable text of an HTML document or fragment. */
  static String reduce(String html) {
    StringBuilder out = new StringBuilder(html.length() / 2);
    int n = html.length();
    int i = 0;
    boolean pendingSpace = false;
    while (i < n) {
      char c = html.charAt(i);
      if (c == '<') {
        if (html.startsWith("<!--", i)) {
          int e = html.indexOf("-->", i + 4);
          i = e < 0 ? n : e + 3;
          continue;
        }
        int j = i + 1;
        boolean closing = j < n && html.charAt(j) == '/';
        if (closing) {
          j++;
        }
        int ns = j;
        while (j < n && isNameChar(html.charAt(j))) {
          j++;
        }
        if (j == ns && !(j < n && (html.charAt(j) == '!' || html.charAt(j) == '?'))) {
          // "<" not starting a tag: text
          pendingSpace = flushSpace(out, pendingSpace);
          out.append('<');
          i++;
          continue;
        }
        String name = html.substring(ns, j).toLowerCase(java.util.Locale.ROOT);
        int gt = tagEnd(html, j);
        i = gt;
        if (!closing && (name.equals("script") || name.equals("style") || name.equals("head")
            || name.equals("title"))) {
          int e = indexOfIgnoreCase(html, "</" + name, i);
          if (e < 0) {
            // browsers drop an unclosed script or style to the end; an unclosed head is ignored
            i = name.equals("head") || name.equals("title") ? i : n;
          } else {
            i = tagEnd(html, e + 2 + name.length());
          }
          continue;
        }
        switch (name) {
          case "br" -> {
            lineBreak(out, true);
            pendingSpace = false;
          }
          case "p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "blockquote", "pre",
              "hr", "dl", "center", "form", "fieldset", "section", "article" -> {
            paragraph(out);
            pendingSpace = false;
          }
          case "div", "li", "tr", "dt", "dd", "header", "footer", "address", "tbody", "thead",
              "body", "caption" -> {
            lineBreak(out, false);
            pendingSpace = false;
          }
          case "td", "th" -> pendingSpace = true;
          default -> {}
        }
        continue;
      }
      if (c == '&') {
        int semi = -1;
        for (int k = i + 1; k < n && k < i + 12; k++) {
          char d = html.charAt(k);
          if (d == ';') {
            semi = k;
            break;
          }
          if (!(Character.isLetterOrDigit(d) || d == '#')) {
            break;
          }
        }
        String decoded = semi < 0 ? null : entity(html, i + 1, semi);
        if (decoded != null) {
          pendingSpace = flushSpace(out, pendingSpace);
          if (decoded.equals("\u00a0")) {
            out.append(' ');
          } else {
            out.append(decoded);
          }
          i = semi + 1;
          continue;
        }
        pendingSpace = flushSpace(out, pendingSpace);
        out.append('&');
        i++;
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        pendingSpace = true;
        i++;
        continue;
      }
      pendingSpace = flushSpace(out, pendingSpace);
      out.append(c);
      i++;
    }
    int end = out.length();
    while (end > 0 && (out.charAt(end - 1) == '\n' || out.charAt(end - 1) == ' ')) {
      end--;
    }
    out.setLength(end);
    return out.toString();
  }

  private static boolean flushSpace(StringBuilder out, boolean pendingSpace) {
    if (pendingSpace && out.length() > 0) {
      char last = out.charAt(out.length() - 1);
      if (last != '\n' && last != ' ') {
        out.append(' ');
      }
    }
    return false;
  }

  /** Ends the current line ({@code always}: even an empty one, as {@code <br>} does). */
  private static void lineBreak(StringBuilder out, boolean always) {
    int len = out.length();
    while (len > 0 && out.charAt(len - 1) == ' ') {
      len--;
    }
    out.setLength(len);
    if (len == 0) {
      return;
    }
    boolean atLineStart = out.charAt(len - 1) == '\n';
    boolean afterEmptyLine = atLineStart && len >= 2 && out.charAt(len - 2) == '\n';
    if (!atLineStart || (always && !afterEmptyLine)) {
      out.append('\n');
    }
  }

  /** Ends the current paragraph: at most one empty line in a row. */
  private static void paragraph(StringBuilder out) {
    lineBreak(out, false);
    int len = out.length();
    if (len > 0 && !(len >= 2 && out.charAt(len - 2) == '\n')) {
      out.append('\n');
    }
  }

  private static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ':'
        || c == '-';
  }

  /** The index after the {@code >} closing a tag, quotes respected. */
  private static int tagEnd(String html, int from) {
    int n = html.length();
    char quote = 0;
    for (int k = from; k < n; k++) {
      char d = html.charAt(k);
      if (quote != 0) {
        if (d == quote) {
          quote = 0;
        }
      } else if (d == '"' || d == '\'') {
        // a quote only opens inside attribute syntax (after "=")
        int b = k - 1;
        while (b > from && html.charAt(b) == ' ') {
          b--;
        }
        if (b >= from && html.charAt(b) == '=') {
          quote = d;
        }
      } else if (d == '>') {
        return k + 1;
      }
    }
    return n;
  }

  private static int indexOfIgnoreCase(String s, String what, int from) {
    // what starts with "</": find those two characters, then compare the name
    int k = from;
    while ((k = s.indexOf("</", k)) >= 0) {
      if (s.regionMatches(true, k, what, 0, what.length())) {
        return k;
      }
      k += 2;
    }
    return -1;
  }

  private static String entity(String html, int s, int e) {
    if (e <= s) {
      return null;
    }
    if (html.charAt(s) == '#') {
      int cp;
      try {
        if (s + 1 < e && (html.charAt(s + 1) == 'x' || html.charAt(s + 1) == 'X')) {
          cp = Integer.parseInt(html, s + 2, e, 16);
        } else {
          cp = Integer.parseInt(html, s + 1, e, 10);
        }
      } catch (NumberFormatException bad) {
        return null;
      }
      if (cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        return "\ufffd";
      }
      return new String(Character.toChars(cp));
    }
    return ENTITIES.get(html.substring(s, e));
  }
}
