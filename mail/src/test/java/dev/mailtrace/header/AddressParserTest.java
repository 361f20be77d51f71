package dev.mailtrace.header;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailtrace.message.Address;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressParserTest {

  /** Input, then the expected addresses as {@code name <address>} joined by " | ". */
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '#',
      value = {
        "John Doe <jdoe@machine.example> # John Doe <jdoe@machine.example>",
        "jdoe@machine.example # null <jdoe@machine.example>",
        "\"Doe, John\" <jdoe@x.test>, mary@y.test # Doe, John <jdoe@x.test> | null <mary@y.test>",
        "\"Giant; \\\"Big\\\" Box\" <big@x.test> # Giant; \"Big\" Box <big@x.test>",
        "A Group:Ed <c@a.test>,joe@where.test;, after@x.test # Ed <c@a.test> | null"
            + " <joe@where.test> | null <after@x.test>",
        "Undisclosed recipients:; # ",
        "undisclosed-recipients: ; # ",
        "moore@cs.utk.edu (Keith Moore) # Keith Moore <moore@cs.utk.edu>",
        "Pete(A nice \\) chap) <pete(his account)@silly.test(his host)> # Pete (A nice ) chap his"
            + " account his host) <pete@silly.test>",
        "Mary Smith <@node.test,@relay.test:mary@example.net> # Mary Smith <mary@example.net>",
        "jdoe@test  . example # null <jdoe@test.example>",
        "John Doe john@example.com # John Doe <john@example.com>",
        "a@x.test b@y.test # null <a@x.test> | null <b@y.test>",
        "John a@x.test Mary b@y.test # John <a@x.test> | Mary <b@y.test>",
        "a@x.test John # John <a@x.test>",
        "a@x.test b@y.test Mary # null <a@x.test> | Mary <b@y.test>",
        "=?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?= <keld@dkuug.dk> # Keld Jørn Simonsen"
            + " <keld@dkuug.dk>",
        "=?utf-8?q?Doe,_John?= <jd@x.test> # Doe, John <jd@x.test>",
        "\"=?utf-8?q?Sm=C3=AEth?=\" <js@x.test> # Smîth <js@x.test>",
        "Jörg Müller <jörg@müller.example> # Jörg Müller <jörg@müller.example>",
        "\"John Doe <john@x.test> # John Doe <john@x.test>",
        "John (Doe <john@x.test> # John Doe <john@x.test>",
        "John <john@x.test, Mary <mary@x.test> # John <john@x.test> | Mary <mary@x.test>",
        "A <a@x.test> B <b@x.test> # A <a@x.test> | B <b@x.test>",
        "a@x.test; b@x.test # null <a@x.test> | null <b@x.test>",
        "\"john doe\"@example.com # null <\"john doe\"@example.com>",
        "<> # ",
        "MAILER-DAEMON <> # MAILER-DAEMON <>",
        "<Undisclosed  Recipients> # null <Undisclosed Recipients>",
        "< john . doe @ example . com > # null <john.doe@example.com>",
        "<\"john  doe\" @example.com> # null <\"john  doe\"@example.com>",
        "(only a comment) # ",
        "root # null <root>",
        "<a@b.com> =?utf-8?q?Doe?= # Doe <a@b.com>",
      })
  void readsAddressForms(String input, String expected) {
    List<String> problems = new ArrayList<>();
    List<Address> got = AddressParser.parse(input, problems);
    List<String> shown = new ArrayList<>();
    for (Address a : got) {
      shown.add(a.name() + " <" + a.address() + ">");
    }
    assertEquals(expected == null ? "" : expected, String.join(" | ", shown), input);
  }

  @Test
  void unbalancedInputIsReportedAsProblem() {
    List<String> problems = new ArrayList<>();
    AddressParser.parse("\"John <john@x.test>", problems);
    assertFalse(problems.isEmpty());
  }

  @Test
  void nullAndEmptyGiveNothing() {
    assertEquals(List.of(), AddressParser.parse(null, new ArrayList<>()));
    assertEquals(List.of(), AddressParser.parse("", new ArrayList<>()));
    assertEquals(List.of(), AddressParser.parse(" \r\n ", new ArrayList<>()));
  }

  /**
   * Stalwart's address.json. Mapping of their model to ours: groups are flattened; entries with no
   * address (a comment alone, such as "(the end of the group)") are dropped because our model gives
   * nothing for them; addresses are compared with whitespace removed and without an obsolete route,
   * because we drop CFWS and the route from an addr-spec (RFC 5322 sections 3.4.1 and 4.4) while
   * Stalwart keeps them as written.
   */
  @Test
  void agreesWithStalwartAddressTable() throws Exception {
    StalwartTable table = StalwartTable.load("mime/stalwart/address.json");
    Agreement agreement = new Agreement("address.json");
    for (StalwartTable.Row row : table.rows()) {
      String[] r = compare(row.value(), row.expected());
      agreement.add(StalwartTable.agrees(r[0], r[1]), () -> UnstructuredTest.show(row.raw()) + " -> " + r[0] + ", expected " + r[1]);
    }
    agreement.assertAtLeast(0.95);
  }

  /**
   * Address fields of Stalwart's eml corpus, mapped as for the table. Known difference: a lone word
   * without '@' ({@code From: Whomever}) is a name without address to Stalwart and the address (a
   * local mailbox such as {@code root}) to us.
   */
  @Test
  void agreesWithStalwartMessageAddresses() throws Exception {
    Agreement agreement = new Agreement("eml address fields");
    for (String name : List.of("from", "to", "cc", "reply_to", "sender")) {
      for (StalwartMessages.Field f : StalwartMessages.fields(name, "Address")) {
        String[] r = compare(f.value(), f.expected());
        agreement.add(StalwartTable.agrees(r[0], r[1]), () -> f.where() + " " + UnstructuredTest.show(f.value()) + " -> " + r[0] + ", expected " + r[1]);
      }
    }
    agreement.assertAtLeast(0.95);
  }

  /** Ours and theirs, printed alike, for one value and Stalwart's Address node. */
  static String[] compare(String value, JsonNode e) {
    List<String> ours = new ArrayList<>();
    for (Address a : AddressParser.parse(value, new ArrayList<>())) {
      ours.add(a.name() + " <" + a.address() + ">");
    }
    List<String> theirs = new ArrayList<>();
    if (e != null && e.has("List")) {
      addAll(e.get("List"), theirs);
    } else if (e != null && e.has("Group")) {
      for (JsonNode g : e.get("Group")) {
        addAll(g.get("addresses"), theirs);
      }
    }
    return new String[] {ours.toString(), theirs.toString()};
  }

  private static void addAll(JsonNode list, List<String> into) {
    for (JsonNode a : list) {
      JsonNode addr = a.get("address");
      if (addr == null || addr.isNull()) {
        continue;
      }
      String address = addr.asText().replaceAll("\\s+", "");
      if (address.startsWith("@") && address.indexOf(':') > 0) {
        address = address.substring(address.indexOf(':') + 1);
      }
      JsonNode name = a.get("name");
      into.add((name == null || name.isNull() ? null : name.asText()) + " <" + address + ">");
    }
  }

  /**
   * Round trip: a random display name written as a quoted string (escaping '"' and '\\') and a
   * random dot-atom addr-spec come back unchanged, also in a list of several mailboxes.
   */
  @Test
  void quotedNamesAndAddressesRoundTrip() {
    RandomText random = new RandomText("AddressParserTest.quotedNamesAndAddressesRoundTrip");
    java.util.Random r = random.random;
    String nameChars = "abcXYZ09 ,;:<>()@.\"\\[]'éü漢";
    String atext = "abcxyz0129!#$%&'*+-/=?^_`{|}~";
    for (int i = 0; i < 1_000; i++) {
      List<Address> want = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      int count = 1 + r.nextInt(3);
      for (int m = 0; m < count; m++) {
        StringBuilder name = new StringBuilder();
        int nl = 1 + r.nextInt(12);
        for (int k = 0; k < nl; k++) {
          name.append(nameChars.charAt(r.nextInt(nameChars.length())));
        }
        String local =
            random.next(atext, 8).replaceAll("[^" + java.util.regex.Pattern.quote(atext) + "]", "");
        String address = (local.isEmpty() ? "x" : local) + "@ex" + r.nextInt(100) + ".test";
        if (m > 0) {
          field.append(r.nextBoolean() ? ", " : ",\r\n ");
        }
        field
            .append('"')
            .append(name.toString().replace("\\", "\\\\").replace("\"", "\\\""))
            .append("\" <")
            .append(address)
            .append('>');
        want.add(new Address(name.toString(), address));
      }
      List<Address> got = AddressParser.parse(field.toString(), new ArrayList<>());
      assertEquals(want, got, "seed " + random.seed + " " + field);
    }
  }

  @Test
  void randomInputNeverThrows() {
    RandomText random = new RandomText("AddressParserTest.randomInputNeverThrows");
    String[] pieces = {
      "\"",
      "\\",
      "(",
      ")",
      "<",
      ">",
      ",",
      ";",
      ":",
      "@",
      ".",
      "John",
      "a@b.c",
      "=?utf-8?q?x?=",
      "=?",
      "?=",
      "<@relay:",
      "[1.2.3.4]",
      "\r\n ",
      "Group:",
      "\"\\\"",
      "(a(b)c)"
    };
    random.check(5_000, i -> i % 2 == 0 ? random.fragments(pieces, "()<>,;:@.\"\\ ab", 14) : random.next("()<>,;:@.\" a", 40), s -> {
      for (Address a : AddressParser.parse(s, new ArrayList<>())) {
        assertFalse(a.address() == null || (a.address().isEmpty() && a.name() == null), s);
      }
    });
  }
}
