package dev.mailtrace.header;

import dev.mailtrace.message.Charsets;
import java.io.ByteArrayOutputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Content-Type or Content-Disposition value: type (and subtype) with parameters, RFC 2045 and RFC
 * 2231 (continuations, charset and language) and the common RFC 2047-in-parameter habit.
 *
 * <p>Leniency, in the order a value is read: comments and whitespace anywhere between tokens (RFC
 * 2045 section 5.1 allows CFWS), a subtype holding '/' is kept whole ({@code text/plain/format}
 * gives subtype {@code plain/format}); a Content-Type without a type or subtype becomes {@code
 * text/plain} with a problem (RFC 2045 section 5.2), its parameters still read. Parameters: names
 * lower-cased; quoted values unescaped and unfolded; unquoted values run to the next ';' or, when
 * the ';' is missing, to the next {@code name=}, so {@code name=foo bar.pdf} is {@code "foo
 * bar.pdf"}; a backslash before a letter or digit in a quoted value is kept, since nobody escapes
 * those but Windows paths are often written unescaped ({@code "C:\TEMP\a.png"}); empty names and
 * unquoted empty values are dropped. RFC 2231 sections ({@code name*0*}, {@code name*1}, ...) are
 * joined in numeric order whatever their order in the field and with gaps, percent-decoded in the
 * charset of the first section (a charset prefix repeated on a later section is tolerated); the
 * language is dropped. Values that are not RFC 2231 have their RFC 2047 encoded words decoded
 * (non-standard but common in filenames). Duplicates: an RFC 2231 value wins over a plain one of
 * the same name (it is the newer, exact form); otherwise the first non-empty value wins. Parameters
 * keep the order of their first appearance.
 *
 * @param type lower-case type ("text"), or the disposition type ("attachment")
 * @param subtype lower-case subtype ("plain"), empty for a disposition
 * @param params parameters with lower-case names and decoded values, in order
 */
public record MediaType(String type, String subtype, Map<String, String> params) {

  /** Null parts become empty; the map is copied, so a MediaType is immutable. */
  public MediaType {
    type = type == null ? "" : type;
    subtype = subtype == null ? "" : subtype;
    params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** Parses a Content-Type value; problems are added to {@code problems}. */
  public static MediaType parse(String value, List<String> problems) {
    Cursor c = new Cursor(value == null ? "" : value, problems);
    c.skipCfws();
    String type = c.token("/;");
    c.skipCfws();
    String subtype = "";
    if (c.at('/')) {
      c.pos++;
      c.skipCfws();
      subtype = c.token(";");
    }
    c.skipCfws();
    if (c.pos < c.n && !c.at(';')) {
      c.problem("junk after Content-Type " + type + "/" + subtype);
    }
    Map<String, String> params = c.parameters();
    if (type.isEmpty() || subtype.isEmpty()) {
      c.problem("invalid Content-Type, read as text/plain: " + value);
      return new MediaType("text", "plain", params);
    }
    return new MediaType(lower(type), lower(subtype), params);
  }

  /** Parses a Content-Disposition value (no subtype); an empty type is read as attachment. */
  public static MediaType parseDisposition(String value, List<String> problems) {
    Cursor c = new Cursor(value == null ? "" : value, problems);
    c.skipCfws();
    String type = c.token(";");
    c.skipCfws();
    if (c.pos < c.n && !c.at(';')) {
      c.problem("junk after Content-Disposition " + type);
    }
    Map<String, String> params = c.parameters();
    if (type.isEmpty()) {
      c.problem("Content-Disposition without type, read as attachment: " + value);
      type = "attachment";
    }
    return new MediaType(lower(type), "", params);
  }

  /** "type/subtype", or just the type for a disposition. */
  public String mimeType() {
    return subtype.isEmpty() ? type : type + "/" + subtype;
  }

  /** A parameter value by (case-insensitive) name, or null. */
  public String param(String name) {
    return params.get(name.toLowerCase(Locale.ROOT));
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /** One RFC 2231 section of a parameter value. */
  private record Section(String value, boolean extended) {}

  /** A position in a field value, with the small token readers this grammar needs. */
  private static final class Cursor {
    final String s;
    final int n;
    final List<String> problems;
    int pos;

    Cursor(String s, List<String> problems) {
      this.s = s;
      this.n = s.length();
      this.problems = problems;
    }

    private int problemCount;

    /** Records a problem; a few per field are enough to tell what went wrong. */
    void problem(String what) {
      if (problems != null && problemCount++ < 5) {
        // Problems are one line each: a value quoted in one may hold line breaks and controls.
        StringBuilder line = new StringBuilder(Math.min(what.length(), 200));
        for (int i = 0; i < what.length() && i < 200; i++) {
          char c = what.charAt(i);
          line.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        problems.add(line.toString());
      }
    }

    boolean at(char c) {
      return pos < n && s.charAt(pos) == c;
    }

    static boolean isSpace(char c) {
      return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** Skips whitespace and (nested) comments. */
    void skipCfws() {
      while (pos < n) {
        char c = s.charAt(pos);
        if (isSpace(c)) {
          pos++;
        } else if (c == '(') {
          pos = Comments.skip(s, pos);
        } else {
          return;
        }
      }
    }

    /** Characters up to whitespace, '(' or one of {@code stops}. */
    String token(String stops) {
      int start = pos;
      while (pos < n) {
        char c = s.charAt(pos);
        if (isSpace(c) || c == '(' || stops.indexOf(c) >= 0) {
          break;
        }
        pos++;
      }
      return s.substring(start, pos);
    }

    /** Skips to the next ';' outside quoted strings. */
    void skipToSemicolon() {
      while (pos < n && s.charAt(pos) != ';') {
        if (s.charAt(pos) == '"') {
          pos++;
          while (pos < n && s.charAt(pos) != '"') {
            pos += s.charAt(pos) == '\\' ? 2 : 1;
          }
        }
        pos++;
      }
    }

    /** A quoted string at {@code pos}: escapes resolved, line breaks removed, unclosed to end. */
    String quoted() {
      StringBuilder b = new StringBuilder();
      pos++;
      while (pos < n) {
        char c = s.charAt(pos++);
        if (c == '"') {
          return b.toString();
        }
        if (c == '\\' && pos < n) {
          // RFC 2045 quoted-pair; but Windows paths ("C:\TEMP\a.png") are written unescaped,
          // so a backslash before a letter or digit, which nobody needs to escape, is kept.
          char next = s.charAt(pos);
          if (next == '\r' || next == '\n') {
            continue;
          }
          if (Character.isLetterOrDigit(next)) {
            b.append('\\');
          }
          b.append(next);
          pos++;
        } else if (c != '\r' && c != '\n') {
          b.append(c);
        }
      }
      problem("unclosed quoted parameter value");
      return b.toString();
    }

    /** Whether a {@code name =} starts at {@code pos} (after whitespace): a new parameter. */
    boolean atParameterStart() {
      int j = pos;
      while (j < n) {
        char c = s.charAt(j);
        if (isSpace(c) || c == ';' || c == '=' || c == '(' || c == '"') {
          break;
        }
        j++;
      }
      if (j == pos) {
        return false;
      }
      while (j < n && isSpace(s.charAt(j))) {
        j++;
      }
      return j < n && s.charAt(j) == '=';
    }

    /** An unquoted value: to the next ';', or to the next parameter when the ';' is missing. */
    String unquoted() {
      StringBuilder b = new StringBuilder(token(";"));
      while (pos < n) {
        int save = pos;
        while (pos < n && isSpace(s.charAt(pos))) {
          pos++;
        }
        if (pos >= n || s.charAt(pos) == ';' || s.charAt(pos) == '"' || atParameterStart()) {
          pos = save;
          break;
        }
        if (s.charAt(pos) == '(') {
          pos = save;
          skipCfws();
          continue;
        }
        String more = token(";");
        if (more.isEmpty()) {
          pos++; // a lone '(' that skipCfws could not consume; keep moving
          continue;
        }
        b.append(' ').append(more);
      }
      return b.toString();
    }

    Map<String, String> parameters() {
      Map<String, String> plain = new LinkedHashMap<>();
      Map<String, TreeMap<Integer, Section>> split = new LinkedHashMap<>();
      java.util.Set<String> order = new java.util.LinkedHashSet<>();
      while (pos < n) {
        while (pos < n && (s.charAt(pos) == ';' || isSpace(s.charAt(pos)))) {
          pos++;
        }
        skipCfws();
        if (pos >= n) {
          break;
        }
        if (s.charAt(pos) == ';') {
          continue;
        }
        int nameStart = pos;
        String name = token(";=\"");
        skipCfws();
        if (name.isEmpty() || !at('=')) {
          if (pos == nameStart) {
            pos++;
          }
          skipToSemicolon();
          continue;
        }
        pos++;
        skipCfws();
        boolean wasQuoted = at('"');
        String value = wasQuoted ? quoted() : unquoted();
        if (!wasQuoted && value.isEmpty()) {
          continue;
        }
        name = lower(name);
        int star = name.indexOf('*');
        if (star < 0) {
          String earlier = plain.get(name);
          if (earlier == null || earlier.isEmpty()) {
            plain.put(name, value);
            order.add(name);
          }
          continue;
        }
        // RFC 2231 section 3 and 4: name*, name*N, name*N*
        String base = name.substring(0, star);
        String rest = name.substring(star + 1);
        boolean extended = rest.endsWith("*");
        String digits = extended ? rest.substring(0, rest.length() - 1) : rest;
        int section;
        if (rest.isEmpty()) {
          section = 0; // name*=charset'lang'value: a whole extended value
          extended = true;
        } else if (isNumber(digits)) {
          section = Integer.parseInt(digits);
        } else {
          problem("malformed RFC 2231 parameter name: " + name);
          continue;
        }
        if (base.isEmpty()) {
          continue;
        }
        split
            .computeIfAbsent(base, k -> new TreeMap<>())
            .putIfAbsent(section, new Section(value, extended));
        order.add(base);
      }
      Map<String, String> params = new LinkedHashMap<>();
      for (String name : order) {
        TreeMap<Integer, Section> sections = split.get(name);
        if (sections != null) {
          params.put(name, join(sections));
        } else {
          String v = plain.get(name);
          params.put(name, v.indexOf("=?") >= 0 ? EncodedWords.decode(v, problems) : v);
        }
      }
      return params;
    }

    private static boolean isNumber(String d) {
      if (d.isEmpty() || d.length() > 9) {
        return false;
      }
      for (int i = 0; i < d.length(); i++) {
        if (d.charAt(i) < '0' || d.charAt(i) > '9') {
          return false;
        }
      }
      return true;
    }

    /** Joins RFC 2231 sections: extended ones percent-decoded in the first section's charset. */
    private String join(TreeMap<Integer, Section> sections) {
      String charset = null;
      boolean first = true;
      StringBuilder out = new StringBuilder();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      for (Section sec : sections.values()) {
        String v = sec.value();
        if (!sec.extended()) {
          flush(bytes, charset, out);
          out.append(v);
          first = false;
          continue;
        }
        int q1 = v.indexOf('\'');
        if (q1 >= 0 && (first || isCharsetLabel(v, q1))) {
          int q2 = v.indexOf('\'', q1 + 1);
          if (first) {
            charset = v.substring(0, q1);
            v = q2 >= 0 ? v.substring(q2 + 1) : v.substring(q1 + 1);
          } else {
            // A later section repeating "charset'" or "charset'lang'" (broken, but seen).
            v = q2 >= 0 && isLanguage(v, q1 + 1, q2) ? v.substring(q2 + 1) : v.substring(q1 + 1);
          }
        }
        first = false;
        percentDecode(v, bytes);
      }
      flush(bytes, charset, out);
      return out.toString();
    }

    private static boolean isCharsetLabel(String v, int end) {
      if (end == 0) {
        return false;
      }
      for (int i = 0; i < end; i++) {
        char c = v.charAt(i);
        if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == ':')) {
          return false;
        }
      }
      return Charsets.forLabel(v.substring(0, end)) != null;
    }

    private static boolean isLanguage(String v, int from, int to) {
      for (int i = from; i < to; i++) {
        char c = v.charAt(i);
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-')) {
          return false;
        }
      }
      return to - from <= 16;
    }

    private static void percentDecode(String v, ByteArrayOutputStream bytes) {
      for (int i = 0; i < v.length(); i++) {
        char c = v.charAt(i);
        if (c == '%'
            && i + 2 < v.length()
            && EncodedWords.hex(v.charAt(i + 1)) >= 0
            && EncodedWords.hex(v.charAt(i + 2)) >= 0) {
          bytes.write(EncodedWords.hex(v.charAt(i + 1)) << 4 | EncodedWords.hex(v.charAt(i + 2)));
          i += 2;
        } else if (c < 0x80) {
          bytes.write(c);
        } else {
          int cp = v.codePointAt(i);
          byte[] utf8 = Character.toString(cp).getBytes(java.nio.charset.StandardCharsets.UTF_8);
          bytes.write(utf8, 0, utf8.length);
          i += Character.charCount(cp) - 1;
        }
      }
    }

    private static void flush(ByteArrayOutputStream bytes, String charset, StringBuilder out) {
      if (bytes.size() > 0) {
        byte[] b = bytes.toByteArray();
        out.append(Charsets.decode(b, 0, b.length, charset));
        bytes.reset();
      }
    }
  }
}
