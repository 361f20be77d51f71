package dev.mailtrace.header;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageIdsTest {

  /** Input, then the expected ids joined by a space. */
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '#',
      value = {
        "<1234@local.machine.example> # 1234@local.machine.example",
        "<a@x>\\r\\n <b@y>\\r\\n\\t<c@z> # a@x b@y c@z",
        "<a@x>,<b@y> # a@x b@y",
        "<a@x> (Message from John of Tue) <b@y> # a@x b@y",
        "Your message of Tue, 3 Oct 2023 <a@x> # a@x",
        "<a@x> c@d <e@f> # a@x c@d e@f",
        "<a@x # a@x",
        "<a@x <b@y> # a@x b@y",
        "malformed@id.example # malformed@id.example",
        "<> # ''",
        "'' # ''",
      })
  void readsIds(String input, String expected) {
    List<String> want = expected.isEmpty() ? List.of() : Arrays.asList(expected.split(" "));
    assertEquals(
        want,
        MessageIds.parse(input.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t")));
  }

  /** Stalwart's id.json; {@code <>} is null there and an empty list here. */
  @Test
  void agreesWithStalwartIdTable() throws Exception {
    StalwartTable table = StalwartTable.load("mime/stalwart/id.json");
    Agreement agreement = new Agreement("id.json");
    for (StalwartTable.Row row : table.rows()) {
      List<String> ours = MessageIds.parse(row.value());
      List<String> theirs = new ArrayList<>();
      if (row.expected() != null) {
        for (JsonNode n : row.expected()) {
          theirs.add(n.asText());
        }
      }
      agreement.add(ours.equals(theirs), () -> UnstructuredTest.show(row.raw()) + " -> " + ours + ", expected " + theirs);
    }
    agreement.assertAtLeast(0.95);
  }

  /** Message-ID and Content-ID fields of Stalwart's eml corpus (one id each there). */
  @Test
  void agreesWithStalwartMessageIds() throws Exception {
    Agreement agreement = new Agreement("eml id fields");
    for (String name : List.of("message_id", "content_id")) {
      for (StalwartMessages.Field f : StalwartMessages.fields(name, "Text")) {
        List<String> ours = MessageIds.parse(f.value());
        List<String> theirs = f.expected() == null ? List.of() : List.of(f.expected().asText());
        agreement.add(ours.equals(theirs), () -> f.where() + " " + UnstructuredTest.show(f.value()) + " -> " + ours + ", expected " + theirs);
      }
    }
    agreement.assertAtLeast(0.95);
  }

  @Test
  void randomInputNeverThrows() {
    RandomText random = new RandomText("MessageIdsTest.randomInputNeverThrows");
    random.check(5_000, i -> random.next("<>()@.,\\ a", 40), s -> {
      for (String id : MessageIds.parse(s)) {
        assertTrue(!id.isEmpty(), s);
      }
    });
  }
}
