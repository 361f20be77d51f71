package dev.mailtrace.header;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnstructuredTest {

  @Test
  void foldedSubjectWithEncodedWordsIsJoined() {
    assertEquals(
        "Les Communs - Récapitulatif de la réservation 1",
        Unstructured.decode(
            "Les Communs - =?utf-8?Q?R=C3=A9capitulatif?= de la\r\n =?utf-8?Q?r=C3=A9servation?= 1",
            new ArrayList<>()));
  }

  @Test
  void foldingInsideAnEncodedWordIsDropped() {
    assertEquals(
        "[SPAM] This is the original subject",
        Unstructured.decode(
            "[SPAM]=?utf-8?B?VGhpcyBpcyB0aGUgb\r\n 3JpZ2luYWwgc3ViamVjdA==?=", new ArrayList<>()));
    assertEquals("Hello there!", Unstructured.decode("=?utf-8?Q?Hello\r\n \t _there!?=", null));
  }

  @Test
  void whitespaceInsideALineIsKept() {
    assertEquals("a  b\tc d", Unstructured.decode("  a  b\tc\r\n   d \r\n", new ArrayList<>()));
  }

  @Test
  void listItemsAreSplitOutsideEncodedWords() {
    assertEquals(
        List.of("a,b", "c", "d e"),
        Unstructured.decodeList("=?utf-8?q?a,b?=, c,, d\r\n e ,", new ArrayList<>()));
  }

  /** Stalwart's unstructured.json: RFC 2047 examples and broken encoded words. */
  @Test
  void agreesWithStalwartUnstructuredTable() throws Exception {
    StalwartTable table = StalwartTable.load("mime/stalwart/unstructured.json");
    Agreement agreement = new Agreement("unstructured.json");
    for (StalwartTable.Row row : table.rows()) {
      String ours = Unstructured.decode(row.value(), new ArrayList<>());
      String theirs = row.expected().asText();
      agreement.add(StalwartTable.agrees(ours, theirs), () -> show(row.raw()) + " -> " + show(ours) + ", expected " + show(theirs));
    }
    agreement.assertAtLeast(0.95);
  }

  /** Subject fields of Stalwart's eml corpus. */
  @Test
  void agreesWithStalwartMessageSubjects() throws Exception {
    Agreement agreement = new Agreement("eml subject fields");
    List<StalwartMessages.Field> fields = StalwartMessages.fields("subject", "Text");
    for (StalwartMessages.Field f : fields) {
      String ours = Unstructured.decode(f.value(), new ArrayList<>());
      String theirs = f.expected() == null ? "" : f.expected().asText();
      agreement.add(StalwartTable.agrees(ours, theirs), () -> f.where() + " " + show(f.value()) + " -> " + show(ours) + ", expected " + show(theirs));
    }
    agreement.assertAtLeast(0.95);
  }

  /** Stalwart's list.json: comma-separated phrase lists such as Keywords. */
  @Test
  void agreesWithStalwartListTable() throws Exception {
    StalwartTable table = StalwartTable.load("mime/stalwart/list.json");
    Agreement agreement = new Agreement("list.json");
    for (StalwartTable.Row row : table.rows()) {
      List<String> ours = Unstructured.decodeList(row.value(), new ArrayList<>());
      List<String> theirs = new ArrayList<>();
      for (JsonNode n : row.expected()) {
        theirs.add(n.asText());
      }
      agreement.add(ours.equals(theirs), () -> show(row.raw()) + " -> " + ours + ", expected " + theirs);
    }
    agreement.assertAtLeast(0.95);
  }

  static String show(String s) {
    return s.replace("\r", "\\r").replace("\n", "\\n");
  }
}
