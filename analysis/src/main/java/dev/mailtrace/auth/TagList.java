package dev.mailtrace.auth;

import java.util.ArrayList;
import java.util.List;

/**
 * A DKIM tag=value list (RFC 6376 section 3.2), the syntax of DKIM-Signature, ARC-Seal,
 * ARC-Message-Signature and DKIM key records.
 *
 * <p>{@code tag-list = tag-spec *( ";" tag-spec ) [ ";" ]}, {@code tag-spec = [FWS] tag-name [FWS]
 * "=" [FWS] tag-value [FWS]}, {@code tag-name = ALPHA *(ALPHA / DIGIT / "_")}. Names are
 * case-sensitive; a name given twice makes the whole list invalid. Values keep their inner folding
 * white space (callers strip it where the tag's own grammar says so) and their offsets in the
 * input, so the signature's {@code b=} value can be cut out of the exact bytes that were signed.
 */
final class TagList {
  private final List<String> names = new ArrayList<>(12);
  private final List<String> values = new ArrayList<>(12);
  private final List<int[]> ranges = new ArrayList<>(12);
  private final List<String> problems = new ArrayList<>(0);

  private TagList() {}

  /** Reads a tag list; never throws. */
  static TagList parse(String text) {
    TagList t = new TagList();
    t.read(text);
    return t;
  }

  private void read(String s) {
    int i = 0;
    int n = s.length();
    while (i < n) {
      int semi = s.indexOf(';', i);
      int specEnd = semi < 0 ? n : semi;
      spec(s, i, specEnd);
      i = specEnd + 1;
    }
  }

  private void spec(String s, int from, int to) {
    int a = skipFws(s, from, to);
    if (a == to) {
      return; // empty: the optional trailing ";" (or a stray one)
    }
    int eq = s.indexOf('=', a);
    if (eq < 0 || eq >= to) {
      problems.add("tag without '=': '" + shorten(s.substring(a, to).strip()) + "'");
      return;
    }
    int nameEnd = eq;
    while (nameEnd > a && isFws(s.charAt(nameEnd - 1))) {
      nameEnd--;
    }
    String name = s.substring(a, nameEnd);
    if (!isTagName(name)) {
      problems.add("bad tag name: '" + shorten(name) + "'");
      return;
    }
    int vs = skipFws(s, eq + 1, to);
    int ve = to;
    while (ve > vs && isFws(s.charAt(ve - 1))) {
      ve--;
    }
    if (names.contains(name)) {
      problems.add("duplicate tag " + name + "=");
      return;
    }
    names.add(name);
    values.add(s.substring(vs, ve));
    ranges.add(new int[] {vs, ve});
  }

  private static int skipFws(String s, int i, int to) {
    while (i < to && isFws(s.charAt(i))) {
      i++;
    }
    return i;
  }

  static boolean isFws(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static boolean isTagName(String name) {
    if (name.isEmpty() || !isAlpha(name.charAt(0))) {
      return false;
    }
    for (int k = 1; k < name.length(); k++) {
      char c = name.charAt(k);
      if (!isAlpha(c) && !(c >= '0' && c <= '9') && c != '_') {
        return false;
      }
    }
    return true;
  }

  private static boolean isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static String shorten(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  /** The value of tag {@code name} (inner white space kept), or null when absent. */
  String get(String name) {
    int k = names.indexOf(name);
    return k < 0 ? null : values.get(k);
  }

  /** True when the tag is present. */
  boolean has(String name) {
    return names.contains(name);
  }

  /** Offsets {start, end} of the tag's value in the parsed text, or null when absent. */
  int[] range(String name) {
    int k = names.indexOf(name);
    return k < 0 ? null : ranges.get(k);
  }

  /** The tag names in order. */
  List<String> names() {
    return names;
  }

  /** What made the list invalid or doubtful; empty when it is well-formed. */
  List<String> problems() {
    return problems;
  }

  /** {@code value} with every FWS character removed (base64 values, RFC 6376 section 3.5). */
  static String withoutFws(String value) {
    StringBuilder b = null;
    for (int k = 0; k < value.length(); k++) {
      char c = value.charAt(k);
      if (isFws(c)) {
        if (b == null) {
          b = new StringBuilder(value.length()).append(value, 0, k);
        }
      } else if (b != null) {
        b.append(c);
      }
    }
    return b == null ? value : b.toString();
  }
}
