package dev.mailtrace.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;

/**
 * A small streaming JSON writer, typically for one object per line (JSON lines).
 *
 * <p>Values are String, Number, Boolean, null, Collection, Map or {@link JsonValue}; anything else
 * is written as its {@code toString()} string. Strings are escaped per RFC 8259 section 7, and
 * U+2028/U+2029 too so a line is also valid JavaScript. Not thread-safe; an I/O failure of the
 * underlying {@link Appendable} is thrown as {@link UncheckedIOException}.
 */
public final class JsonWriter {
  private final Appendable out;
  private boolean first = true;
  private int depth;

  /** A writer appending to {@code out}, which it never flushes or closes. */
  public JsonWriter(Appendable out) {
    this.out = out;
  }

  /** Something that writes itself as a JSON value. */
  public interface JsonValue {
    /** Writes this value with {@code w}. */
    void writeTo(JsonWriter w);
  }

  /** Starts an object. */
  public JsonWriter beginObject() {
    separator();
    raw("{");
    first = true;
    depth++;
    return this;
  }

  /** Ends the current object. */
  public JsonWriter endObject() {
    raw("}");
    first = false;
    depth--;
    return this;
  }

  /** Starts an array. */
  public JsonWriter beginArray() {
    separator();
    raw("[");
    first = true;
    depth++;
    return this;
  }

  /** Ends the current array. */
  public JsonWriter endArray() {
    raw("]");
    first = false;
    depth--;
    return this;
  }

  /** Writes {@code "name":} ; the next call writes the value. */
  public JsonWriter name(String name) {
    separator();
    string(name);
    raw(":");
    first = true;
    return this;
  }

  /** Writes a name and a value. */
  public JsonWriter field(String name, Object value) {
    name(name);
    value(value);
    return this;
  }

  /** Writes one value; collections become arrays and maps objects, recursively. */
  public JsonWriter value(Object v) {
    switch (v) {
      case null -> {
        separator();
        raw("null");
      }
      case String s -> {
        separator();
        string(s);
      }
      case Number n -> {
        separator();
        raw(n.toString());
      }
      case Boolean b -> {
        separator();
        raw(b.toString());
      }
      case JsonValue j -> j.writeTo(this);
      case Collection<?> c -> {
        beginArray();
        for (Object o : c) {
          value(o);
        }
        endArray();
      }
      case Map<?, ?> m -> {
        beginObject();
        for (Map.Entry<?, ?> e : m.entrySet()) {
          field(String.valueOf(e.getKey()), e.getValue());
        }
        endObject();
      }
      default -> {
        separator();
        string(v.toString());
      }
    }
    first = false;
    return this;
  }

  /** Ends a top-level value with a newline (JSON lines). */
  public JsonWriter newline() {
    raw("\n");
    first = true;
    return this;
  }

  private void separator() {
    if (!first && depth > 0) {
      raw(",");
    }
    first = false;
  }

  /**
   * Writes a string literal straight to the output, plain runs in one append each: no copy of the
   * whole string is made, so a message text of millions of characters (or of NUL bytes, six
   * characters each once escaped) streams out in the memory it already takes.
   */
  private static final String[] CONTROL = new String[0x20];

  static {
    for (int c = 0; c < CONTROL.length; c++) {
      CONTROL[c] = String.format(java.util.Locale.ROOT, "\\u%04x", c);
    }
  }

  private void string(String s) {
    try {
      out.append('"');
      int run = 0;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        String escape = switch (c) {
          case '"' -> "\\\"";
          case '\\' -> "\\\\";
          case '\n' -> "\\n";
          case '\r' -> "\\r";
          case '\t' -> "\\t";
          case '\u2028' -> "\\u2028";
          case '\u2029' -> "\\u2029";
          default -> c < 0x20 ? CONTROL[c] : null;
        };
        if (escape != null) {
          out.append(s, run, i).append(escape);
          run = i + 1;
        }
      }
      out.append(s, run, s.length()).append('"');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void raw(String s) {
    try {
      out.append(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
