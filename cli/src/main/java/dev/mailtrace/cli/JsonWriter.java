package dev.mailtrace.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;

/**
 * A small streaming JSON writer for one-object-per-line output. Hand-written so the launcher does
 * not load a JSON library on every run; values are String, Number, Boolean, null, Collection, Map
 * or {@link JsonValue}.
 */
final class JsonWriter {
  private final Appendable out;
  private boolean first = true;
  private int depth;

  JsonWriter(Appendable out) {
    this.out = out;
  }

  /** Something that writes itself as a JSON value. */
  interface JsonValue {
    void writeTo(JsonWriter w);
  }

  JsonWriter beginObject() {
    separator();
    raw("{");
    first = true;
    depth++;
    return this;
  }

  JsonWriter endObject() {
    raw("}");
    first = false;
    depth--;
    return this;
  }

  JsonWriter beginArray() {
    separator();
    raw("[");
    first = true;
    depth++;
    return this;
  }

  JsonWriter endArray() {
    raw("]");
    first = false;
    depth--;
    return this;
  }

  /** Writes {@code "name":} ; the next call writes the value. */
  JsonWriter name(String name) {
    separator();
    string(name);
    raw(":");
    first = true;
    return this;
  }

  /** Writes a name and a value. */
  JsonWriter field(String name, Object value) {
    name(name);
    value(value);
    return this;
  }

  JsonWriter value(Object v) {
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
  JsonWriter newline() {
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

  private void string(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    raw(b.append('"').toString());
  }

  private void raw(String s) {
    try {
      out.append(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
