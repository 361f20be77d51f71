package dev.mailtrace.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

  private static String write(Object value) {
    StringBuilder b = new StringBuilder();
    new JsonWriter(b).value(value).newline();
    return b.toString();
  }

  @Test
  void stringsAreEscapedPerRfc8259() {
    assertEquals("\"a\\\"b\\\\c\\n\\r\\t\\u0001\\u2028é\"\n", write("a\"b\\c\n\r\t\u0001\u2028é"));
  }

  @Test
  void mapsAndCollectionsNestWithCommasOnlyBetweenMembers() {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("n", 1);
    o.put("list", Arrays.asList(true, null, 2.5));
    o.put("empty", List.of());
    o.put("inner", Map.of("k", "v"));
    assertEquals("{\"n\":1,\"list\":[true,null,2.5],\"empty\":[],\"inner\":{\"k\":\"v\"}}\n", write(o));
  }

  @Test
  void fieldsAndNewlinesWriteOneObjectPerLine() {
    StringBuilder b = new StringBuilder();
    JsonWriter w = new JsonWriter(b);
    w.beginObject().field("a", "x").field("b", null).endObject().newline();
    w.beginObject().field("a", "y").endObject().newline();
    assertEquals("{\"a\":\"x\",\"b\":null}\n{\"a\":\"y\"}\n", b.toString());
  }
}
